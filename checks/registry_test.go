package checks

import (
	"regexp"
	"testing"
)

func TestRegistry(t *testing.T) {
	re := regexp.MustCompile(`^(SHARE|FORM)-\d{3}$`)
	seen := map[string]bool{}
	var ids []string
	for _, c := range Registry {
		id := c.ID()
		if !re.MatchString(id) {
			t.Errorf("bad ID %q", id)
		}
		if seen[id] {
			t.Errorf("duplicate ID %q", id)
		}
		seen[id] = true
		ids = append(ids, id)
		_, item := c.(ItemCheck)
		_, tree := c.(TreeCheck)
		if item == tree {
			t.Errorf("%s must implement exactly one of ItemCheck and TreeCheck", id)
		}
		if got, ok := Lookup(id); !ok || got.ID() != id {
			t.Errorf("Lookup(%q) failed", id)
		}
	}
	want := []string{"SHARE-001", "SHARE-002", "SHARE-003", "SHARE-004", "SHARE-005", "SHARE-006", "SHARE-007", "SHARE-008", "FORM-001", "FORM-002", "FORM-003", "FORM-004"}
	if len(ids) != len(want) {
		t.Fatalf("registry %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("registry %v, want %v (catalog order)", ids, want)
		}
	}
	if _, ok := Lookup("SHARE-999"); ok {
		t.Error("Lookup of an unknown ID succeeded")
	}
	sev := map[string]Severity{"SHARE-001": Critical, "SHARE-002": High, "SHARE-003": Critical, "SHARE-004": Low,
		"SHARE-005": Medium, "SHARE-006": High, "SHARE-007": Critical, "SHARE-008": High, "FORM-001": High, "FORM-002": High, "FORM-003": High, "FORM-004": Info}
	for id, s := range sev {
		if c, _ := Lookup(id); c.DefaultSeverity() != s {
			t.Errorf("%s default severity %s, want %s", id, c.DefaultSeverity(), s)
		}
	}
}

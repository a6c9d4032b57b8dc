package checks

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func TestRegistry(t *testing.T) {
	re := regexp.MustCompile(`^(SHARE|FORM|GROUP)-\d{3}$`)
	seen := map[string]bool{}
	var ids []string
	for _, c := range Registry {
		id := c.Describe().ID
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
		if got, ok := Lookup(id); !ok || got.Describe().ID != id {
			t.Errorf("Lookup(%q) failed", id)
		}
	}
	want := []string{"SHARE-001", "SHARE-002", "SHARE-003", "SHARE-004", "SHARE-005", "SHARE-006", "SHARE-007", "SHARE-008", "SHARE-009", "SHARE-010", "FORM-001", "FORM-002", "FORM-003", "FORM-004", "GROUP-001", "GROUP-002"}
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
	sev := map[string]model.Severity{"SHARE-001": model.Critical, "SHARE-002": model.High, "SHARE-003": model.Critical, "SHARE-004": model.Low,
		"SHARE-005": model.Medium, "SHARE-006": model.High, "SHARE-007": model.Critical, "SHARE-008": model.High, "SHARE-009": model.High, "SHARE-010": model.Medium, "FORM-001": model.High, "FORM-002": model.High, "FORM-003": model.High, "FORM-004": model.Info,
		"GROUP-001": model.High, "GROUP-002": model.Medium}
	for id, s := range sev {
		if d, _ := DescriptorOf(id); d.Severity != s {
			t.Errorf("%s default severity %s, want %s", id, d.Severity, s)
		}
	}
}

// Every descriptor declares what it needs and evidence keys that are real
// keys (the Ev* constants); a grant check folds, a form check does not.
func TestDescriptors(t *testing.T) {
	known := evidenceConstants(t)
	for _, d := range Descriptors() {
		if d.Needs == 0 {
			t.Errorf("%s needs nothing", d.ID)
		}
		for _, k := range d.EvidenceKeys() {
			if !known[k] {
				t.Errorf("%s declares evidence key %q, which is no Ev* constant", d.ID, k)
			}
		}
	}
	if d, _ := DescriptorOf("SHARE-003"); d.Rollup.folds(model.KindForm) || !d.Rollup.folds(model.KindFile) || !d.EditGrant {
		t.Errorf("SHARE-003 must fold on files but not on forms, and mark edit grants: %+v", d)
	}
	if d, _ := DescriptorOf("SHARE-007"); d.Needs&NeedsAuditLog == 0 {
		t.Error("SHARE-007 must need the audit log")
	}
	if _, ok := DescriptorOf("SHARE-999"); ok {
		t.Error("DescriptorOf an unknown ID succeeded")
	}
}

// evidenceConstants returns the values of the package's Ev* constants, read
// from its source so that the list cannot drift.
func evidenceConstants(t *testing.T) map[string]bool {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, name := range names {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "Ev") || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
						v, _ := strconv.Unquote(lit.Value)
						out[v] = true
					}
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no Ev* constants found")
	}
	return out
}

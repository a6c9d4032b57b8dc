package emulator

import "testing"

func TestSyntheticIsValidAndDeterministic(t *testing.T) {
	spec := SyntheticSpec{Users: 12, ItemsPerUser: 2100, SharedDrives: 2, ItemsPerDrive: 120}
	a, wantA := Synthetic(spec)
	b, wantB := Synthetic(spec)
	if err := a.normalize(); err != nil {
		t.Fatalf("generated tenant is invalid: %v", err)
	}
	if len(a.Files) != len(b.Files) || a.Files[len(a.Files)-1].ID != b.Files[len(b.Files)-1].ID {
		t.Error("two generations differ")
	}
	for k, v := range wantA {
		if wantB[k] != v {
			t.Errorf("%s: %d vs %d", k, v, wantB[k])
		}
	}
	// 2 public folders (users 0 and 10); per user 2100 files: root link at
	// i%400==2 (i<2100 even: 2,402,…,2002 → 6), folder link at i%800==1
	// (1,801,1601 → 3, minus those in a public folder 0).
	if wantA["FORM-001"] != 3 || wantA["SHARE-005"] == 0 || wantA["SHARE-008"] == 0 {
		t.Errorf("expected counts %v", wantA)
	}
}

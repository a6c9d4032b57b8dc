package auditor_test

import (
	"fmt"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// Shared-drive items never carry inline permissions. The auditor lists
// permissions only for items Drive marks hasAugmentedPermissions (and forms);
// this test proves against the emulator that no direct grant is missed that
// way: every item with a grant of its own (the tenant file is the ground
// truth) ends up in a finding, and no other item costs a call.
func TestSharedDriveDirectGrantsAreNotMissed(t *testing.T) {
	tn := smallTenant()
	tn.SharedDrives = []emulator.SharedDrive{{ID: "drv-kyoiku", Name: "教育総務課", Members: []emulator.Permission{
		{Type: "user", Email: "sato.k@city.example.jp", Role: "organizer"},
		{Type: "user", Email: "sato.y@city.example.jp", Role: "reader"},
	}}}
	tn.Files = append(tn.Files, emulator.File{ID: "sd-folder", Name: "2026年度", Kind: "folder", Drive: "drv-kyoiku"})
	direct := map[string]bool{}
	grants := []emulator.Permission{
		{Type: "anyone", Role: "reader"},
		{Type: "user", Email: "contractor@gmail.com", Role: "writer"},
		{Type: "domain", Domain: "vendor.example.com", Role: "reader"},
	}
	const n = 300
	for i := range n {
		f := emulator.File{ID: fmt.Sprintf("sd%03d", i), Name: fmt.Sprintf("名簿%03d.xlsx", i), Kind: "spreadsheet", Drive: "drv-kyoiku"}
		if i%2 == 0 {
			f.Parent = "sd-folder"
		}
		if i%13 == 5 {
			f.Permissions = []emulator.Permission{grants[i%len(grants)]}
			direct[f.ID] = true
		}
		tn.Files = append(tn.Files, f)
	}
	for _, short := range []bool{false, true} {
		srv := serve(t, tn, emulator.Options{ShortPages: short, Seed: 9})
		res := audit(t, testOptions(srv, admin))

		flagged := map[string]bool{}
		for _, f := range res.Findings {
			flagged[f.Resource.ID] = true
		}
		for id := range direct {
			if !flagged[id] {
				t.Errorf("short pages %v: direct grant on %s was missed", short, id)
			}
		}
		for id := range flagged {
			if !direct[id] {
				t.Errorf("short pages %v: finding on %s, which has no grant of its own", short, id)
			}
		}
		if res.Coverage.Items != n+1 || res.Coverage.SharedDrives.Audited != 1 {
			t.Errorf("coverage %+v, want %d items and 1 shared drive", res.Coverage, n+1)
		}
		// One call for the drive's members (as admin), one per item with
		// grants of its own (short pages may split a listing in two).
		if got, want := srv.Calls()["drive.permissions.list"], int64(len(direct)+1); !short && got != want {
			t.Errorf("permissions.list calls: %d, want %d", got, want)
		}
	}
}

// A shared drive none of whose members can be impersonated is a gap.
func TestSharedDriveWithoutActiveMemberIsAGap(t *testing.T) {
	tn := smallTenant()
	tn.SharedDrives = []emulator.SharedDrive{{ID: "drv-orphan", Name: "旧システム移行", Members: []emulator.Permission{
		{Type: "user", Email: "vendor@outsourcer.example.com", Role: "organizer"},
	}}}
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))
	if res.Coverage.SharedDrives.Audited != 0 || len(res.Coverage.Gaps) != 1 || res.Coverage.Gaps[0].ID != "drv-orphan" {
		t.Errorf("want one shared-drive gap, got coverage %+v", res.Coverage)
	}
	if count(res.Findings, "SHARE-005", "drv-orphan") != 1 {
		t.Errorf("the drive's outside member must still be a SHARE-005 finding: %+v", res.Findings)
	}
}

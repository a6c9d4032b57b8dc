package auditor_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// ownersTenant has a My Drive file of a named user in an org unit, one
// of a user the Directory lists without a name, and a shared-drive file
// whose drive has two managers and a content manager.
func ownersTenant() *emulator.Tenant {
	tn := smallTenant()
	tn.Users[1].OrgUnit = "/本庁/市民生活部/市民課"
	tn.Users = append(tn.Users, emulator.User{Email: "noname@city.example.jp", OrgUnit: "/学校"})
	link := emulator.Permission{Type: "anyone", Role: "reader"}
	tn.SharedDrives = []emulator.SharedDrive{{ID: "drv-kyomu", Name: "教務課", Members: []emulator.Permission{
		{Type: "user", Role: "organizer", Email: "sato.y@city.example.jp"},
		{Type: "user", Role: "organizer", Email: "sato.k@city.example.jp"},
		{Type: "user", Role: "fileOrganizer", Email: "noname@city.example.jp"},
	}}}
	tn.Files = append(tn.Files,
		emulator.File{ID: "mine", Name: "市民 名簿.xlsx", Owner: "sato.k@city.example.jp", Permissions: []emulator.Permission{link}},
		emulator.File{ID: "bare", Name: "成績一覧.xlsx", Owner: "noname@city.example.jp", Permissions: []emulator.Permission{link}},
		emulator.File{ID: "ondrive", Name: "児童名簿.xlsx", Drive: "drv-kyomu", Permissions: []emulator.Permission{link}},
	)
	return tn
}

func resourceOf(t *testing.T, fs []model.Finding, id string) model.Resource {
	t.Helper()
	for _, f := range fs {
		if f.Resource.ID == id {
			return f.Resource
		}
	}
	t.Fatalf("no finding on %s in %+v", id, fs)
	return model.Resource{}
}

// checkOwners holds a run's findings to what the Directory and the drive
// membership say: name and org unit of a My Drive owner (none the
// Directory does not give), drive name and managers of a shared-drive item.
func checkOwners(t *testing.T, fs []model.Finding) {
	t.Helper()
	if r := resourceOf(t, fs, "mine"); r.OwnerName != "佐藤 健" || r.OwnerOrgUnit != "/本庁/市民生活部/市民課" || r.DriveName != "" || r.DriveManagers != nil {
		t.Errorf("My Drive item: %+v", r)
	}
	if r := resourceOf(t, fs, "bare"); r.OwnerName != "" || r.OwnerOrgUnit != "/学校" {
		t.Errorf("owner without a name: %+v", r)
	}
	r := resourceOf(t, fs, "ondrive")
	if r.DriveName != "教務課" || !slices.Equal(r.DriveManagers, []string{"sato.k@city.example.jp", "sato.y@city.example.jp"}) || r.Owner != "" || r.OwnerName != "" {
		t.Errorf("shared-drive item: %+v", r)
	}
}

func TestOwnersNamedInFullAndIncrementalRuns(t *testing.T) {
	srv := serve(t, ownersTenant(), emulator.Options{})
	opts := testOptions(srv, admin)
	ctx := context.Background()
	st, scope, res := fullRunInStore(t, srv, opts)
	checkOwners(t, res.Findings)
	if got := srv.Calls()["directory.users.list"]; got == 0 {
		t.Fatalf("no users.list call: %v", srv.Calls())
	}

	inc, reason, err := st.Resume(ctx, scope, opts.Now(), 7*24*time.Hour)
	if err != nil || inc == nil {
		t.Fatalf("Resume: %v %s", err, reason)
	}
	opts.Inventory = nil
	res, err = auditor.RunIncremental(ctx, opts, inc)
	if err != nil {
		t.Fatal(err)
	}
	checkOwners(t, res.Findings)
}

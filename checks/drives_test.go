package checks

import (
	"slices"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// A finding on a shared-drive item names the drive and its managers
// (organizers, users and groups; not content managers, not deleted
// accounts); a My Drive finding names neither.
func TestEngineNamesDriveAndManagers(t *testing.T) {
	deleted := userGrant("gone@city.example.jp", RoleOrganizer)
	deleted.Deleted = true
	items := []*model.Item{
		{ID: "drv", Name: "教務課", Kind: model.KindSharedDrive, DriveID: "drv", Permissions: []model.Permission{
			userGrant("tanaka.h@city.example.jp", RoleOrganizer),
			{Type: model.TypeGroup, Email: "kyomu@city.example.jp", Role: RoleOrganizer},
			userGrant("abe.s@city.example.jp", RoleOrganizer),
			userGrant("ueda.k@city.example.jp", "fileOrganizer"),
			deleted,
		}},
		{ID: "f1", Name: "成績一覧.xlsx", Kind: model.KindFile, DriveID: "drv", Parents: []string{"drv"}, Permissions: []model.Permission{anyoneLink(RoleReader)}},
		file("f2", "名簿.xlsx", "", anyoneLink(RoleReader)),
	}
	fs := run(testEnv(), items)
	var onDrive, inMyDrive *model.Finding
	for i := range fs {
		switch fs[i].Resource.ID {
		case "f1":
			onDrive = &fs[i]
		case "f2":
			inMyDrive = &fs[i]
		}
	}
	if onDrive == nil || inMyDrive == nil {
		t.Fatalf("findings %v", summarize(fs))
	}
	want := []string{"abe.s@city.example.jp", "kyomu@city.example.jp", "tanaka.h@city.example.jp"}
	if onDrive.Resource.DriveName != "教務課" || !slices.Equal(onDrive.Resource.DriveManagers, want) {
		t.Errorf("drive item: drive %q managers %v, want 教務課 %v", onDrive.Resource.DriveName, onDrive.Resource.DriveManagers, want)
	}
	if inMyDrive.Resource.DriveName != "" || inMyDrive.Resource.DriveManagers != nil {
		t.Errorf("My Drive item: drive %q managers %v, want none", inMyDrive.Resource.DriveName, inMyDrive.Resource.DriveManagers)
	}
}

// A drive the walk never saw (its items came without it) names nobody.
func TestTreeDriveUnknown(t *testing.T) {
	tr := &Tree{folders: map[string]*model.Item{"fold": {ID: "fold", Kind: model.KindFolder, Permissions: []model.Permission{userGrant("a@city.example.jp", RoleOrganizer)}}}}
	for _, id := range []string{"", "nope", "fold"} {
		if name, m := tr.Drive(id); name != "" || m != nil {
			t.Errorf("Drive(%q) = %q %v, want nothing", id, name, m)
		}
	}
}

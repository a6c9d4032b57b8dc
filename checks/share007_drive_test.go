package checks

import (
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// A member removed from a shared drive is a revocation on the drive: an
// item of the drive that still grants them on its own is SHARE-007, with
// folder_kind shared_drive; a member again, they are not.
func TestShare007SharedDriveMember(t *testing.T) {
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	env := testEnv()
	env.Revocations = []model.Revocation{
		{FolderID: "drv", Type: model.TypeUser, Email: "sato.y@city.example.jp", At: at},
		{FolderID: "drv", Type: model.TypeUser, Email: "tanaka.taro@city.example.jp", At: at},
	}
	env.Prepare()
	drv := &model.Item{ID: "drv", Name: "保健", Kind: model.KindSharedDrive, DriveID: "drv",
		Permissions: []model.Permission{userGrant("sato.k@city.example.jp", RoleOrganizer), userGrant("tanaka.taro@city.example.jp", RoleReader)}}
	fo := &model.Item{ID: "fo", Name: "検診", Kind: model.KindFolder, DriveID: "drv", Parents: []string{"drv"}, PermissionsOmitted: true}
	tree := newTree(drv, fo)
	inDrive := func(p model.Permission) *model.Item {
		return &model.Item{ID: "f", Name: "受診者名簿.xlsx", Kind: model.KindFile, DriveID: "drv", Parents: []string{"fo"}, Permissions: []model.Permission{p}}
	}
	runTreeCases(t, "SHARE-007", []treeCase{
		{"removed member kept on a file", env, tree, inDrive(userGrant("sato.y@city.example.jp", RoleWriter)), []string{"critical user:sato.y@city.example.jp"}},
		{"decoy: a member again", env, tree, inDrive(userGrant("tanaka.taro@city.example.jp", RoleReader)), nil},
	})
	c, _ := Lookup("SHARE-007")
	fs := c.(TreeCheck).CheckTree(env, tree, inDrive(userGrant("sato.y@city.example.jp", RoleWriter)))
	if ev := fs[0].Evidence; ev[EvFolderID] != "drv" || ev[EvFolderName] != "保健" || ev[EvFolderKind] != "shared_drive" {
		t.Errorf("evidence %v", ev)
	}
}

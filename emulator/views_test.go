package emulator_test

import (
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// viewTenant has a limited-access folder whose parent's readers see its
// name only (view metadata).
func viewTenant() *emulator.Tenant {
	return &emulator.Tenant{PrimaryDomain: "example.jp",
		Users: []emulator.User{{Email: "admin@example.jp", Admin: true}, {Email: "sato@example.jp"}, {Email: "kimura@example.jp"}},
		Files: []emulator.File{
			{ID: "fo-parent", Name: "課内", Kind: "folder", Owner: "sato@example.jp",
				Permissions: []emulator.Permission{{Type: "user", Role: "reader", Email: "kimura@example.jp"}}},
			{ID: "fo-limited", Name: "人事", Kind: "folder", Owner: "sato@example.jp", Parent: "fo-parent", InheritedPermissionsDisabled: true,
				Permissions: []emulator.Permission{{Type: "user", Role: "reader", Email: "kimura@example.jp", View: "metadata"}}},
		}}
}

// A metadata view is served as Drive does: with view "metadata", without
// asking for includePermissionsForView (which only knows published).
func TestMetadataViewServed(t *testing.T) {
	_, base := serve(t, viewTenant(), emulator.Options{})
	svc := driveAs(t, base, "sato@example.jp")
	res, err := svc.Permissions.List("fo-limited").Fields(permFields).Do()
	if err != nil {
		t.Fatal(err)
	}
	p := byWho(res.Permissions)["kimura@example.jp"]
	if p == nil || p.View != "metadata" || p.Role != "reader" {
		t.Fatalf("permissions.list: kimura = %+v (all %v)", p, roles(byWho(res.Permissions)))
	}
	list, err := svc.Files.List().Q("name = '人事'").Fields("files(id,permissions(type,role,emailAddress,view))").Do()
	if err != nil || len(list.Files) != 1 {
		t.Fatalf("files.list: %+v %v", list, err)
	}
	if p := byWho(list.Files[0].Permissions)["kimura@example.jp"]; p == nil || p.View != "metadata" {
		t.Errorf("files.list inline: kimura = %+v", p)
	}
}

func TestMetadataViewOnlyOnLimitedFolders(t *testing.T) {
	tn := viewTenant()
	tn.Files[1].InheritedPermissionsDisabled = false
	if _, err := emulator.New(tn, emulator.Options{}); err == nil || !strings.Contains(err.Error(), "view metadata") {
		t.Errorf("metadata view on a folder that is not limited: err = %v", err)
	}
}

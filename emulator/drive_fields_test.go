package emulator_test

import (
	"maps"
	"net/url"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func TestFilesListDefaultFieldsAreMinimal(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	code, body := getJSON(t, "sato@example.jp", base+"/drive/v3/files")
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	for k := range body {
		if k != "kind" && k != "files" && k != "incompleteSearch" && k != "nextPageToken" {
			t.Errorf("unexpected top-level key %q", k)
		}
	}
	files := body["files"].([]any)
	if len(files) == 0 {
		t.Fatal("no files")
	}
	want := map[string]bool{"kind": true, "id": true, "name": true, "mimeType": true}
	for _, f := range files {
		if got := keys(f.(map[string]any)); !maps.Equal(got, want) {
			t.Errorf("file keys = %v, want %v", got, want)
		}
	}
	// The real client sees empty owners/parents unless it asks.
	res, err := driveAs(t, base, "sato@example.jp").Files.List().Do()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Owners != nil || f.Parents != nil || f.Permissions != nil {
			t.Errorf("%s: unrequested fields returned", f.Id)
		}
	}
	_, one := getJSON(t, "sato@example.jp", base+"/drive/v3/files/f-report")
	if got := keys(one); !maps.Equal(got, want) {
		t.Errorf("files.get keys = %v", got)
	}
	_, perms := getJSON(t, "sato@example.jp", base+"/drive/v3/files/f-report/permissions")
	for _, p := range perms["permissions"].([]any) {
		if got := keys(p.(map[string]any)); !maps.Equal(got, map[string]bool{"kind": true, "id": true, "type": true, "role": true}) {
			t.Errorf("permission keys = %v", got)
		}
	}
}

func TestFieldsNestedParensAndSlashes(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	fields := "nextPageToken, files(id,owners/emailAddress,permissions(type,role))"
	code, body := getJSON(t, "sato@example.jp", base+"/drive/v3/files?fields="+url.QueryEscape(fields))
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	if _, ok := body["kind"]; ok {
		t.Error("kind returned though not asked")
	}
	sawPerms := false
	for _, f := range body["files"].([]any) {
		fm := f.(map[string]any)
		for k := range fm {
			if k != "id" && k != "owners" && k != "permissions" {
				t.Errorf("%v: unexpected key %q", fm["id"], k)
			}
		}
		for _, o := range fm["owners"].([]any) {
			if got := keys(o.(map[string]any)); !maps.Equal(got, map[string]bool{"emailAddress": true}) {
				t.Errorf("owner keys = %v", got)
			}
		}
		if ps, ok := fm["permissions"].([]any); ok {
			sawPerms = true
			for _, p := range ps {
				if got := keys(p.(map[string]any)); !maps.Equal(got, map[string]bool{"type": true, "role": true}) {
					t.Errorf("permission keys = %v", got)
				}
			}
		}
	}
	if !sawPerms {
		t.Error("no inline permissions for the owner's My Drive items")
	}
	// "*" returns everything, through the real client too.
	f, err := driveAs(t, base, "sato@example.jp").Files.Get("f-report").Fields("*").Do()
	if err != nil {
		t.Fatal(err)
	}
	if f.WebViewLink == "" || len(f.Owners) != 1 || len(f.Parents) != 1 || f.ModifiedTime != "2025-03-01T10:00:00.000Z" {
		t.Errorf("fields=* file = %+v", f)
	}
	// A bad selection is a 400.
	_, err = driveAs(t, base, "sato@example.jp").Files.List().Fields("files(id").Do()
	wantAPIError(t, err, 400, "invalidParameter")
}

func TestSharedDriveItems(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	svc := driveAs(t, base, "kimura@example.jp")
	res, err := svc.Files.List().Corpora("drive").DriveId("sd-sales").IncludeItemsFromAllDrives(true).SupportsAllDrives(true).
		Fields("files(id,driveId,parents,owners,permissions,hasAugmentedPermissions)").Do()
	if err != nil {
		t.Fatal(err)
	}
	aug := map[string]bool{"sd-folder": true, "sd-doc": true, "sd-plain": false, "sd-form": false}
	if len(res.Files) != len(aug) {
		t.Fatalf("got %d items, want %d", len(res.Files), len(aug))
	}
	for _, f := range res.Files {
		if f.Permissions != nil {
			t.Errorf("%s: inline permissions for a shared-drive item", f.Id)
		}
		if f.Owners != nil || f.DriveId != "sd-sales" {
			t.Errorf("%s: owners=%v driveId=%q", f.Id, f.Owners, f.DriveId)
		}
		if f.HasAugmentedPermissions != aug[f.Id] {
			t.Errorf("%s: hasAugmentedPermissions=%v", f.Id, f.HasAugmentedPermissions)
		}
	}
	f, err := svc.Files.Get("sd-plain").SupportsAllDrives(true).Fields("parents").Do()
	if err != nil || len(f.Parents) != 1 || f.Parents[0] != "sd-sales" {
		t.Errorf("top-level parent = %v, %v", f, err)
	}
	// My Drive: no hasAugmentedPermissions, parents = the owner's root.
	_, my := getJSON(t, "sato@example.jp", base+"/drive/v3/files/f-projects?fields=parents,hasAugmentedPermissions,driveId")
	if _, ok := my["hasAugmentedPermissions"]; ok || my["driveId"] != nil {
		t.Errorf("My Drive item: %v", my)
	}
	if ps := my["parents"].([]any); ps[0] != "root-sato" {
		t.Errorf("root parent = %v", ps)
	}
	// Without supportsAllDrives the item is not found; a non-member cannot list the drive.
	_, err = svc.Files.Get("sd-plain").Do()
	wantAPIError(t, err, 404, "notFound")
	_, err = driveAs(t, base, "sato@example.jp").Files.List().Corpora("drive").DriveId("sd-sales").
		IncludeItemsFromAllDrives(true).SupportsAllDrives(true).Do()
	if ge := wantAPIError(t, err, 404, "notFound"); ge.Message != "Shared drive not found: sd-sales" {
		t.Errorf("message %q", ge.Message)
	}
	// allDrives merges My Drive and member drives.
	all, err := svc.Files.List().Corpora("allDrives").IncludeItemsFromAllDrives(true).SupportsAllDrives(true).Fields("files(id)").Do()
	if err != nil {
		t.Fatal(err)
	}
	if ids := idsOf(all.Files); !ids["f-kimura-notes"] || !ids["sd-doc"] {
		t.Errorf("allDrives = %v", ids)
	}
}

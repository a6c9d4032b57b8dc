package emulator_test

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"google.golang.org/api/drive/v3"
)

const permFields = "nextPageToken,permissions(id,type,role,emailAddress,domain,allowFileDiscovery,view,permissionDetails)"

// byWho indexes permissions by address, domain or "anyone".
func byWho(ps []*drive.Permission) map[string]*drive.Permission {
	out := map[string]*drive.Permission{}
	for _, p := range ps {
		k := p.EmailAddress
		if p.Type == "domain" {
			k = p.Domain
		}
		if p.Type == "anyone" {
			k = "anyone"
			if p.View != "" {
				k += "/" + p.View
			}
		}
		out[k] = p
	}
	return out
}

func roles(ps map[string]*drive.Permission) map[string]string {
	out := map[string]string{}
	for k, p := range ps {
		out[k] = p.Role
	}
	return out
}

func equalRoles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
		return
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v, want %v", what, got, want)
			return
		}
	}
}

func TestMyDriveInheritedGrantsMerged(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	list := func(who, id string) map[string]*drive.Permission {
		t.Helper()
		res, err := driveAs(t, base, who).Permissions.List(id).Fields(permFields).Do()
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		return byWho(res.Permissions)
	}
	report := list("sato@example.jp", "f-report")
	equalRoles(t, "f-report", roles(report), map[string]string{
		"sato@example.jp": "owner", "suzuki@example.jp": "writer", // inherited writer beats the direct reader
		"example.jp": "reader", "anyone": "reader",
	})
	for k, p := range report {
		if p.PermissionDetails != nil {
			t.Errorf("%s: permissionDetails in My Drive", k)
		}
	}
	// Limited-access folder: nothing flows through it.
	equalRoles(t, "f-secret", roles(list("sato@example.jp", "f-secret")), map[string]string{"sato@example.jp": "owner"})
	// Another user's item in Sato's folder: Sato shows up as writer.
	equalRoles(t, "f-kimura-notes", roles(list("kimura@example.jp", "f-kimura-notes")), map[string]string{
		"kimura@example.jp": "owner", "sato@example.jp": "writer", "suzuki@example.jp": "writer", "example.jp": "reader",
	})
	// Inline permissions in files.list agree with permissions.list.
	f, err := driveAs(t, base, "sato@example.jp").Files.Get("f-report").Fields("permissions(type,role,emailAddress,domain)").Do()
	if err != nil {
		t.Fatal(err)
	}
	equalRoles(t, "inline f-report", roles(byWho(f.Permissions)), roles(report))
}

func TestPublishedViewOnlyOnRequest(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	svc := driveAs(t, base, "sato@example.jp")
	res, err := svc.Permissions.List("form-survey").Fields(permFields).Do()
	if err != nil {
		t.Fatal(err)
	}
	equalRoles(t, "default", roles(byWho(res.Permissions)), map[string]string{"sato@example.jp": "owner", "kimura@example.jp": "reader"})
	res, err = svc.Permissions.List("form-survey").IncludePermissionsForView("published").Fields(permFields).Do()
	if err != nil {
		t.Fatal(err)
	}
	pub := byWho(res.Permissions)["anyone/published"]
	if pub == nil || pub.Role != "reader" || pub.View != "published" {
		t.Fatalf("published grant = %+v (all %v)", pub, roles(byWho(res.Permissions)))
	}
	list, err := svc.Files.List().Q("mimeType = 'application/vnd.google-apps.form' and name = 'Customer survey'").
		IncludePermissionsForView("published").Fields("files(id,permissions(type,role,view))").Do()
	if err != nil || len(list.Files) != 1 || byWho(list.Files[0].Permissions)["anyone/published"] == nil {
		t.Errorf("files.list inline published: %+v %v", list, err)
	}
	_, err = svc.Permissions.List("form-survey").IncludePermissionsForView("everything").Do()
	wantAPIError(t, err, 400, "invalid")
}

func TestSharedDrivePermissionDetails(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	res, err := driveAs(t, base, "kimura@example.jp").Permissions.List("sd-doc").SupportsAllDrives(true).Fields(permFields).Do()
	if err != nil {
		t.Fatal(err)
	}
	ps := byWho(res.Permissions)
	equalRoles(t, "sd-doc", roles(ps), map[string]string{
		"kimura@example.jp": "organizer", "sales@example.jp": "writer", "partner@partner.example": "writer", "anyone": "reader",
	})
	check := func(who, ptype string, inherited bool, from string) {
		t.Helper()
		d := ps[who].PermissionDetails
		if len(d) != 1 || d[0].PermissionType != ptype || d[0].Inherited != inherited || d[0].InheritedFrom != from {
			t.Errorf("%s: details %+v", who, d[0])
		}
	}
	check("kimura@example.jp", "member", true, "sd-sales")
	check("sales@example.jp", "member", true, "sd-sales")
	check("partner@partner.example", "file", true, "sd-folder")
	check("anyone", "file", false, "")
	if !ps["anyone"].AllowFileDiscovery {
		t.Error("discoverable lost")
	}

	// Without supportsAllDrives, or for a non-member: not found.
	_, err = driveAs(t, base, "kimura@example.jp").Permissions.List("sd-doc").Do()
	wantAPIError(t, err, 404, "notFound")
	_, err = driveAs(t, base, "sato@example.jp").Permissions.List("sd-plain").SupportsAllDrives(true).Do()
	if ge := wantAPIError(t, err, 404, "notFound"); ge.Message != "File not found: sd-plain." {
		t.Errorf("message %q", ge.Message)
	}
	// The admin lists a drive's members with useDomainAdminAccess.
	adm, err := driveAs(t, base, "admin@example.jp").Permissions.List("sd-sales").SupportsAllDrives(true).UseDomainAdminAccess(true).Fields(permFields).Do()
	if err != nil {
		t.Fatal(err)
	}
	equalRoles(t, "sd-sales", roles(byWho(adm.Permissions)), map[string]string{"kimura@example.jp": "organizer", "sales@example.jp": "writer"})
	_, err = driveAs(t, base, "sato@example.jp").Permissions.List("sd-sales").SupportsAllDrives(true).UseDomainAdminAccess(true).Do()
	wantAPIError(t, err, 403, "forbidden")
}

func TestDrivesListAndGet(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	res, err := driveAs(t, base, "suzuki@example.jp").Drives.List().Do() // member through the sales group
	if err != nil || len(res.Drives) != 1 || res.Drives[0].Id != "sd-sales" || res.Drives[0].Name != "Sales Drive" {
		t.Fatalf("suzuki drives = %+v, %v", res, err)
	}
	res, err = driveAs(t, base, "sato@example.jp").Drives.List().Do()
	if err != nil || len(res.Drives) != 0 {
		t.Fatalf("sato drives = %+v, %v", res, err)
	}
	res, err = driveAs(t, base, "admin@example.jp").Drives.List().UseDomainAdminAccess(true).Q("name contains 'sales'").Do()
	if err != nil || len(res.Drives) != 1 {
		t.Fatalf("admin drives = %+v, %v", res, err)
	}
	_, err = driveAs(t, base, "sato@example.jp").Drives.List().UseDomainAdminAccess(true).Do()
	wantAPIError(t, err, 403, "forbidden")
	_, err = driveAs(t, base, "sato@example.jp").Drives.Get("sd-sales").Do()
	wantAPIError(t, err, 404, "notFound")
	d, err := driveAs(t, base, "admin@example.jp").Drives.Get("sd-sales").UseDomainAdminAccess(true).Do()
	if err != nil || d.Name != "Sales Drive" {
		t.Fatalf("drives.get = %+v, %v", d, err)
	}
}

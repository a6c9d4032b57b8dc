package emulator_test

import (
	"testing"

	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// writeTenant: a My Drive folder shared with an outsider and link, a file
// in it with a grant of its own, and a shared drive with a folder and a
// file under it.
func writeTenant() *emulator.Tenant {
	user := func(role, email string) emulator.Permission {
		return emulator.Permission{Type: "user", Role: role, Email: email}
	}
	return &emulator.Tenant{PrimaryDomain: "example.jp",
		Users: []emulator.User{{Email: "admin@example.jp", Admin: true}, {Email: "sato@example.jp"}, {Email: "ito@example.jp"},
			{Email: "org@example.jp"}, {Email: "cm@example.jp"}, {Email: "wr@example.jp"}},
		SharedDrives: []emulator.SharedDrive{{ID: "sd", Name: "課", Members: []emulator.Permission{
			user("organizer", "org@example.jp"), user("fileOrganizer", "cm@example.jp"), user("writer", "wr@example.jp")}}},
		Files: []emulator.File{
			{ID: "fo", Name: "共有", Kind: "folder", Owner: "sato@example.jp", Permissions: []emulator.Permission{
				user("writer", "out@gmail.com"), {Type: "anyone", Role: "reader"}, user("writer", "ito@example.jp")}},
			{ID: "doc", Name: "名簿", Kind: "document", Owner: "sato@example.jp", Parent: "fo", Permissions: []emulator.Permission{
				user("reader", "partner@partner.example.com")}},
			{ID: "sdfo", Name: "委託", Kind: "folder", Drive: "sd", Permissions: []emulator.Permission{user("reader", "vendor@vendor.example.com")}},
			{ID: "sddoc", Name: "メモ", Kind: "document", Drive: "sd", Parent: "sdfo", Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
		},
	}
}

// permIDOf finds the ID of who's grant on an item, as Drive lists it.
func permIDOf(t *testing.T, svc *drive.Service, file, who string) (string, *drive.Permission) {
	t.Helper()
	l, err := svc.Permissions.List(file).SupportsAllDrives(true).Fields("permissions(id,type,role,emailAddress,permissionDetails)").Do()
	if err != nil {
		t.Fatalf("list %s: %v", file, err)
	}
	for _, p := range l.Permissions {
		if p.EmailAddress == who || p.Type == who {
			return p.Id, p
		}
	}
	return "", nil
}

// In My Drive the owner removes a folder's grant and every item below
// loses it; a grant an item only inherits, or the owner's, cannot be
// removed there (403 cannotDeletePermission); a reader may not change
// sharing; each change is recorded.
func TestPermissionsDeleteMyDrive(t *testing.T) {
	srv, base := serve(t, writeTenant(), emulator.Options{})
	owner := driveAs(t, base, "sato@example.jp")

	id, _ := permIDOf(t, owner, "doc", "out@gmail.com")
	err := owner.Permissions.Delete("doc", id).Do()
	wantAPIError(t, err, 403, "cannotDeletePermission")
	ownerID, _ := permIDOf(t, owner, "doc", "sato@example.jp")
	wantAPIError(t, owner.Permissions.Delete("doc", ownerID).Do(), 403, "cannotDeletePermission")
	wantAPIError(t, owner.Permissions.Delete("doc", "nope").Do(), 404, "notFound")
	wantAPIError(t, driveAs(t, base, "partner@partner.example.com").Permissions.Delete("doc", id).Do(), 401, "authError")
	if len(srv.Writes()) != 0 {
		t.Fatalf("refused deletes were recorded: %+v", srv.Writes())
	}

	if err := owner.Permissions.Delete("fo", id).Do(); err != nil {
		t.Fatalf("owner deletes the folder's grant: %v", err)
	}
	if got, _ := permIDOf(t, owner, "doc", "out@gmail.com"); got != "" {
		t.Error("the item below still has the folder's removed grant")
	}
	// A writer may share (Drive's default), so may remove a grant too.
	anyoneID, _ := permIDOf(t, owner, "fo", "anyone")
	if err := driveAs(t, base, "ito@example.jp").Permissions.Delete("fo", anyoneID).Do(); err != nil {
		t.Fatalf("writer removes the link: %v", err)
	}
	w := srv.Writes()
	if len(w) != 2 || w[0].FileID != "fo" || w[0].Before.Email != "out@gmail.com" || w[1].Actor != "ito@example.jp" || w[1].Before.Type != "anyone" {
		t.Errorf("writes: %+v", w)
	}
}

// In a shared drive a contributor may change a file's sharing but not a
// folder's (a content manager may); a grant a file inherits from its
// folder is removed on the folder; a member is removed by an organizer or
// by an admin with useDomainAdminAccess, never by the admin without it.
func TestPermissionsDeleteSharedDrive(t *testing.T) {
	srv, base := serve(t, writeTenant(), emulator.Options{})
	wr, cm := driveAs(t, base, "wr@example.jp"), driveAs(t, base, "cm@example.jp")

	vendor, p := permIDOf(t, cm, "sddoc", "vendor@vendor.example.com")
	if p == nil || len(p.PermissionDetails) == 0 || !p.PermissionDetails[0].Inherited {
		t.Fatalf("vendor's grant on the file should be inherited: %+v", p)
	}
	wantAPIError(t, cm.Permissions.Delete("sddoc", vendor).SupportsAllDrives(true).Do(), 403, "cannotDeletePermission")
	wantAPIError(t, wr.Permissions.Delete("sdfo", vendor).SupportsAllDrives(true).Do(), 403, "insufficientFilePermissions")
	wantAPIError(t, cm.Permissions.Delete("sdfo", vendor).Do(), 404, "notFound") // supportsAllDrives missing
	if err := cm.Permissions.Delete("sdfo", vendor).SupportsAllDrives(true).Do(); err != nil {
		t.Fatalf("content manager removes the folder's grant: %v", err)
	}
	link, _ := permIDOf(t, wr, "sddoc", "anyone")
	if err := wr.Permissions.Delete("sddoc", link).SupportsAllDrives(true).Do(); err != nil {
		t.Fatalf("contributor removes a file's link: %v", err)
	}

	admin := driveAs(t, base, "admin@example.jp")
	member, _ := permIDOf(t, driveAs(t, base, "org@example.jp"), "sd", "wr@example.jp")
	wantAPIError(t, admin.Permissions.Delete("sd", member).SupportsAllDrives(true).Do(), 404, "notFound")
	wantAPIError(t, cm.Permissions.Delete("sd", member).SupportsAllDrives(true).Do(), 403, "insufficientFilePermissions")
	if err := admin.Permissions.Delete("sd", member).SupportsAllDrives(true).UseDomainAdminAccess(true).Do(); err != nil {
		t.Fatalf("admin removes a member: %v", err)
	}
	if n := len(srv.Writes()); n != 3 {
		t.Errorf("%d writes, want 3", n)
	}
}

// permissions.create restores a grant: sendNotificationEmail only for a
// user or group (Drive refuses it for anyone and domain), the answer is
// the grant as made, and a second create for the same principal replaces
// it rather than adding another.
func TestPermissionsCreateOnTenantItems(t *testing.T) {
	srv, base := serve(t, writeTenant(), emulator.Options{})
	owner := driveAs(t, base, "sato@example.jp")
	_, err := owner.Permissions.Create("doc", &drive.Permission{Type: "anyone", Role: "reader"}).SendNotificationEmail(false).Do()
	wantAPIError(t, err, 400, "invalidSharingRequest")
	_, err = owner.Permissions.Create("doc", &drive.Permission{Type: "user", Role: "owner", EmailAddress: "ito@example.jp"}).Do()
	wantAPIError(t, err, 403, "forbidden")

	made, err := owner.Permissions.Create("doc", &drive.Permission{Type: "anyone", Role: "reader", AllowFileDiscovery: true}).
		Fields("id,type,role,allowFileDiscovery").Do()
	if err != nil || made.Id != "anyone" || !made.AllowFileDiscovery {
		t.Fatalf("create anyone: %+v, %v", made, err)
	}
	for _, role := range []string{"reader", "commenter"} {
		if _, err := owner.Permissions.Create("doc", &drive.Permission{Type: "user", Role: role, EmailAddress: "Guest@Example.com",
			ExpirationTime: "2027-01-31T00:00:00Z"}).SendNotificationEmail(false).Do(); err != nil {
			t.Fatalf("create user: %v", err)
		}
	}
	_, p := permIDOf(t, owner, "doc", "guest@example.com")
	if p == nil || p.Role != "commenter" {
		t.Errorf("guest's grant: %+v", p)
	}
	w := srv.Writes()
	if len(w) != 3 || w[2].Before == nil || w[2].Notified || w[2].After.Expiration != "2027-01-31T00:00:00Z" {
		t.Errorf("writes: %+v", w)
	}
}

// permissions.update changes a direct grant's role; an inherited one is
// changed where it comes from.
func TestPermissionsUpdate(t *testing.T) {
	_, base := serve(t, writeTenant(), emulator.Options{})
	owner := driveAs(t, base, "sato@example.jp")
	id, _ := permIDOf(t, owner, "doc", "partner@partner.example.com")
	if _, err := owner.Permissions.Update("doc", id, &drive.Permission{Role: "commenter"}).Do(); err != nil {
		t.Fatalf("update: %v", err)
	}
	if _, p := permIDOf(t, owner, "doc", "partner@partner.example.com"); p.Role != "commenter" {
		t.Errorf("role %s", p.Role)
	}
	out, _ := permIDOf(t, owner, "doc", "out@gmail.com")
	_, err := owner.Permissions.Update("doc", out, &drive.Permission{Role: "reader"}).Do()
	wantAPIError(t, err, 403, "cannotModifyInheritedPermission")
}

// Faults strike writes too, sometimes after the change was made (the
// answer is lost): a retried delete then finds nothing to delete.
func TestFaultsStrikeWrites(t *testing.T) {
	srv, base := serve(t, writeTenant(), emulator.Options{FaultRate: 1, Seed: 3})
	owner := driveAs(t, base, "sato@example.jp")
	for range 8 {
		_ = owner.Permissions.Delete("fo", "anyoneWithLink").Do()
	}
	if got := srv.Calls()["drive.permissions.delete"]; got != 8 {
		t.Errorf("%d deletes counted", got)
	}
	if n := len(srv.Writes()); n != 1 {
		t.Errorf("%d writes applied behind a fault, want exactly the first such", n)
	}
}

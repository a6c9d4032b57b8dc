package emulator_test

import (
	"context"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
	reports "google.golang.org/api/admin/reports/v1"
)

// roleTenant is a shared drive with one member of each role and an item
// that has a grant of its own.
func roleTenant() *emulator.Tenant {
	member := func(role, who string) emulator.Permission {
		return emulator.Permission{Type: "user", Role: role, Email: who + "@example.jp"}
	}
	return &emulator.Tenant{PrimaryDomain: "example.jp",
		Users: []emulator.User{{Email: "admin@example.jp", Admin: true}, {Email: "org@example.jp"}, {Email: "cm@example.jp"},
			{Email: "wr@example.jp"}, {Email: "co@example.jp"}, {Email: "re@example.jp"}, {Email: "former@example.jp"}},
		SharedDrives: []emulator.SharedDrive{{ID: "sd", Name: "課", Members: []emulator.Permission{
			member("organizer", "org"), member("fileOrganizer", "cm"), member("writer", "wr"), member("commenter", "co"), member("reader", "re")}}},
		Files: []emulator.File{{ID: "sd-doc", Name: "名簿", Kind: "spreadsheet", Drive: "sd",
			Permissions: []emulator.Permission{member("reader", "former")}}},
		AuditEvents: []emulator.AuditEvent{{Time: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), Actor: "org@example.jp",
			Name: "shared_drive_membership_change", DocID: "sd", DocTitle: "課", TargetUser: "Former@example.jp",
			MembershipChangeType: "remove_from_shared_drive", RemovedRole: "writer", AddedRole: "none"}},
	}
}

// A shared drive's reader or commenter may list its items but not their
// permissions: Drive's 403 insufficientFilePermissions. Writers and up may.
func TestSharedDriveItemPermissionsNeedWriter(t *testing.T) {
	_, base := serve(t, roleTenant(), emulator.Options{})
	for _, who := range []string{"org", "cm", "wr"} {
		if _, err := driveAs(t, base, who+"@example.jp").Permissions.List("sd-doc").SupportsAllDrives(true).Do(); err != nil {
			t.Errorf("%s: %v", who, err)
		}
	}
	for _, who := range []string{"co", "re"} {
		svc := driveAs(t, base, who+"@example.jp")
		if l, err := svc.Files.List().Corpora("drive").DriveId("sd").IncludeItemsFromAllDrives(true).SupportsAllDrives(true).Do(); err != nil || len(l.Files) != 1 {
			t.Errorf("%s lists the drive: %+v, %v", who, l, err)
		}
		_, err := svc.Permissions.List("sd-doc").SupportsAllDrives(true).Do()
		if ge := wantAPIError(t, err, 403, "insufficientFilePermissions"); ge.Message != "The user does not have sufficient permissions for this file." {
			t.Errorf("%s: message %q", who, ge.Message)
		}
		// The drive's own member list stays readable to every member.
		if _, err := svc.Permissions.List("sd").SupportsAllDrives(true).Do(); err != nil {
			t.Errorf("%s lists the drive's members: %v", who, err)
		}
	}
}

// shared_drive_membership_change is served with the drive as doc_id and
// shared_drive_id, and the change in membership_change_type.
func TestMembershipChangeEvent(t *testing.T) {
	_, base := serve(t, roleTenant(), emulator.Options{})
	rep, err := reports.NewService(context.Background(), opts(base, "/", "admin@example.jp")...)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := rep.Activities.List("all", "drive").EventName("shared_drive_membership_change").
		Filters("membership_change_type==remove_from_shared_drive").Do()
	if err != nil || len(acts.Items) != 1 {
		t.Fatalf("activities: %+v, %v", acts, err)
	}
	got := map[string]string{}
	for _, p := range acts.Items[0].Events[0].Parameters {
		got[p.Name] = p.Value
	}
	want := map[string]string{"doc_id": "sd", "doc_type": "shared_drive", "doc_title": "課", "shared_drive_id": "sd",
		"membership_change_type": "remove_from_shared_drive", "target_user": "former@example.jp", "removed_role": "writer", "added_role": "none"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (all %v)", k, got[k], v, got)
		}
	}
	none, err := rep.Activities.List("all", "drive").EventName("shared_drive_membership_change").
		Filters("membership_change_type==add_to_shared_drive").Do()
	if err != nil || len(none.Items) != 0 {
		t.Errorf("add_to_shared_drive: %+v, %v", none, err)
	}
}

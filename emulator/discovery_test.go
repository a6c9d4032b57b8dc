package emulator_test

import (
	"context"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	reports "google.golang.org/api/admin/reports/v1"
	"google.golang.org/api/googleapi"
)

// The checks taken from the discovery documents: scopes per method, known
// parameters, and page size limits refused or lowered as documented.
func TestDiscoveryChecks(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{})
	key, _ := serviceAccount(t, s, scopeDrive, "https://www.googleapis.com/auth/drive.readonly",
		"https://www.googleapis.com/auth/admin.directory.user.readonly")

	// drives.list accepts drive or drive.readonly, not drive.metadata.readonly.
	_, err := driveWith(t, base, delegated(t, key, "admin@example.jp", scopeDrive)).Drives.List().UseDomainAdminAccess(true).Do()
	if e := wantAPIError(t, err, 403, "insufficientPermissions"); e != nil && e.Message != "Request had insufficient authentication scopes." {
		t.Errorf("message %q", e.Message)
	}
	ro := driveWith(t, base, delegated(t, key, "admin@example.jp", "https://www.googleapis.com/auth/drive.readonly"))
	if _, err := ro.Drives.List().UseDomainAdminAccess(true).Do(); err != nil {
		t.Errorf("drives.list with drive.readonly: %v", err)
	}

	// Drive lowers a page size above its maximum ("values above 1000 will
	// be coerced to 1000"); Directory users.list refuses one above 500.
	if _, err := driveAs(t, base, "sato@example.jp").Files.List().PageSize(5000).Do(); err != nil {
		t.Errorf("files.list pageSize=5000: %v", err)
	}
	dir := directoryAs(t, base, "admin@example.jp")
	_, err = dir.Users.List().Customer("my_customer").MaxResults(501).Do()
	if e := wantAPIError(t, err, 400, "invalid"); e != nil && e.Message != "Invalid value '501'. Values must be within the range: [1, 500]" {
		t.Errorf("message %q", e.Message)
	}
	if _, err := dir.Users.List().Customer("my_customer").MaxResults(500).Do(); err != nil {
		t.Errorf("users.list maxResults=500: %v", err)
	}
	rep, err := reports.NewService(context.Background(), opts(base, "/", "admin@example.jp")...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = rep.Activities.List("all", "drive").MaxResults(1001).Do()
	wantAPIError(t, err, 400, "invalid")

	// A parameter of another method is unknown here.
	_, err = driveAs(t, base, "sato@example.jp").Files.Get("f-kimura-notes").Do(googleapi.QueryParameter("pageSize", "10"))
	wantAPIError(t, err, 400, "invalidParameter")
}

package emulator_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	admin "google.golang.org/api/admin/directory/v1"
	"google.golang.org/api/drive/v3"
)

// bigTenant has one user with n My Drive items, nu extra users and one file
// with np grants.
func bigTenant(n, nu, np int) *emulator.Tenant {
	t := &emulator.Tenant{PrimaryDomain: "big.example", Users: []emulator.User{
		{Email: "admin@big.example", Admin: true}, {Email: "bulk@big.example"},
	}}
	for i := range nu {
		t.Users = append(t.Users, emulator.User{Email: fmt.Sprintf("u%04d@big.example", i)})
	}
	for i := range n {
		t.Files = append(t.Files, emulator.File{ID: fmt.Sprintf("bulk-%05d", i), Name: fmt.Sprintf("Item %d", i), Owner: "bulk@big.example"})
	}
	wide := emulator.File{ID: "wide", Name: "Widely shared", Kind: "document", Owner: "bulk@big.example"}
	for i := range np {
		wide.Permissions = append(wide.Permissions, emulator.Permission{Type: "user", Role: "reader", Email: fmt.Sprintf("x%04d@elsewhere.example", i)})
	}
	t.Files = append(t.Files, wide)
	return t
}

func TestPagingThroughShortAndEmptyPages(t *testing.T) {
	_, base := serve(t, bigTenant(2500, 600, 250), emulator.Options{ShortPages: true, Seed: 42})
	ctx := context.Background()
	seen := map[string]int{}
	pages, empty, short := 0, 0, 0
	err := driveAs(t, base, "bulk@big.example").Files.List().Q("'me' in owners").PageSize(1000).
		Fields("nextPageToken, files(id)").Pages(ctx, func(l *drive.FileList) error {
		pages++
		if len(l.Files) == 0 && l.NextPageToken != "" {
			empty++
		}
		if len(l.Files) < 1000 && l.NextPageToken != "" {
			short++
		}
		for _, f := range l.Files {
			seen[f.Id]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2501 {
		t.Errorf("saw %d distinct items, want 2501", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s seen %d times", id, n)
		}
	}
	t.Logf("%d pages, %d short, %d empty", pages, short, empty)
	if short == 0 || empty == 0 {
		t.Errorf("want short and empty pages with ShortPages (got %d short, %d empty)", short, empty)
	}

	perms := 0
	err = driveAs(t, base, "bulk@big.example").Permissions.List("wide").PageSize(100).Fields("nextPageToken,permissions(id)").
		Pages(ctx, func(l *drive.PermissionList) error { perms += len(l.Permissions); return nil })
	if err != nil || perms != 251 {
		t.Errorf("permissions: %d, %v", perms, err)
	}

	dir, err := admin.NewService(ctx, opts(base, "/", "admin@big.example")...)
	if err != nil {
		t.Fatal(err)
	}
	users := map[string]bool{}
	err = dir.Users.List().Customer("my_customer").MaxResults(500).Pages(ctx, func(l *admin.Users) error {
		for _, u := range l.Users {
			users[u.PrimaryEmail] = true
		}
		return nil
	})
	if err != nil || len(users) != 602 {
		t.Errorf("users: %d, %v", len(users), err)
	}
}

func TestPageSizesAreCapped(t *testing.T) {
	_, base := serve(t, bigTenant(1200, 0, 150), emulator.Options{})
	svc := driveAs(t, base, "bulk@big.example")
	l, err := svc.Files.List().PageSize(5000).Fields("nextPageToken,files(id)").Do()
	if err != nil || len(l.Files) != 1000 || l.NextPageToken == "" {
		t.Errorf("files page: %d items, token %q, %v", len(l.Files), l.NextPageToken, err)
	}
	l, err = svc.Files.List().Fields("nextPageToken,files(id)").Do()
	if err != nil || len(l.Files) != 100 {
		t.Errorf("default files page: %d items, %v", len(l.Files), err)
	}
	p, err := svc.Permissions.List("wide").PageSize(1000).Do()
	if err != nil || len(p.Permissions) != 100 || p.NextPageToken == "" {
		t.Errorf("permissions page: %d, %v", len(p.Permissions), err)
	}
	// A token is bound to the server that issued it.
	_, other := serve(t, bigTenant(10, 0, 0), emulator.Options{})
	_, err = driveAs(t, other, "bulk@big.example").Files.List().PageToken(l.NextPageToken).Do()
	wantAPIError(t, err, 400, "invalid")
}

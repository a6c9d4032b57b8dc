package auditor_test

import (
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// readersTenant: each shared drive holds a link-shared file; their members
// differ in role.
func readersTenant() *emulator.Tenant {
	tn := smallTenant()
	tn.Users = append(tn.Users, emulator.User{Email: "ito@city.example.jp", Name: "伊藤"})
	tn.Groups = []emulator.Group{
		{Email: "henshu@city.example.jp", Name: "編集担当", Members: []string{"kacho@city.example.jp"}},
		{Email: "kacho@city.example.jp", Name: "課長", Members: []string{"ito@city.example.jp"}},
	}
	user := func(email, role string) emulator.Permission {
		return emulator.Permission{Type: "user", Email: email, Role: role}
	}
	tn.SharedDrives = []emulator.SharedDrive{
		// Only a reader and a commenter: nobody may list item permissions.
		{ID: "drv-read", Name: "広報", Members: []emulator.Permission{user("sato.k@city.example.jp", "reader"), user("sato.y@city.example.jp", "commenter")}},
		// A reader, and a content manager: walked as the content manager.
		{ID: "drv-cm", Name: "税務", Members: []emulator.Permission{user("sato.k@city.example.jp", "reader"), user("sato.y@city.example.jp", "fileOrganizer")}},
		// A direct reader, and a writer group whose user sits in a nested group.
		{ID: "drv-grp", Name: "福祉", Members: []emulator.Permission{user("sato.k@city.example.jp", "reader"),
			{Type: "group", Email: "henshu@city.example.jp", Role: "writer"}}},
	}
	for _, d := range tn.SharedDrives {
		tn.Files = append(tn.Files, emulator.File{ID: d.ID + "-list", Name: "名簿.xlsx", Kind: "spreadsheet", Drive: d.ID,
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}})
	}
	return tn
}

// A shared drive is walked as a member who may list item permissions
// (organizer, content manager, writer; through nested groups too), never as
// a reader or commenter: with only those it is a gap saying what to do.
func TestSharedDriveIsNotWalkedAsAReader(t *testing.T) {
	srv := serve(t, readersTenant(), emulator.Options{})
	opts := testOptions(srv, admin)
	w := &walkers{}
	opts.Inventory = w
	res := audit(t, opts)

	for drive, as := range map[string]string{"drv-cm": "sato.y@city.example.jp", "drv-grp": "ito@city.example.jp"} {
		if got := w.as["drive:"+drive]; got != as {
			t.Errorf("%s walked as %q, want %s", drive, got, as)
		}
		if count(res.Findings, "SHARE-002", drive+"-list") != 1 {
			t.Errorf("%s: link-shared file not found: %+v", drive, res.Findings)
		}
	}
	gaps := driveGaps(res)
	if len(gaps) != 1 || gaps[0].ID != "drv-read" || gaps[0].Name != "広報" || gaps[0].Code != model.GapDriveReadersOnly {
		t.Fatalf("want one readers-only gap on drv-read, got %+v", gaps)
	}
	for _, want := range []string{"readers or commenters", "insufficientFilePermissions"} {
		if !strings.Contains(gaps[0].Reason, want) {
			t.Errorf("reason lacks %q: %s", want, gaps[0].Reason)
		}
	}
	for _, want := range []string{admin, "Content manager or Manager", "Manage shared drives"} {
		if !strings.Contains(gaps[0].Action, want) {
			t.Errorf("action lacks %q: %s", want, gaps[0].Action)
		}
	}
	if _, ok := w.as["drive:drv-read"]; ok || count(res.Findings, "", "drv-read-list") != 0 {
		t.Errorf("drv-read must not be walked (partially) as a reader")
	}
	if res.Coverage.SharedDrives.Audited != 2 {
		t.Errorf("shared drives audited: %+v", res.Coverage.SharedDrives)
	}
}

package auditor_test

import (
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// The audit log names a removed group by its address in target_user, as it
// does a user: a file below the folder that kept its own grant to the
// group is SHARE-007, as it is for a user.
func TestGroupRevocationLeftBehind(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	group := "iryo-renkei@partner.example.jp"
	user := "tanto@partner.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "fo-renkei", Name: "医療連携", Kind: "folder", Owner: owner},
		emulator.File{ID: "f-meibo", Name: "患者名簿.xlsx", Kind: "spreadsheet", Owner: owner, Parent: "fo-renkei",
			Permissions: []emulator.Permission{{Type: "group", Role: "reader", Email: group}}},
		emulator.File{ID: "f-memo", Name: "連絡メモ", Kind: "document", Owner: owner, Parent: "fo-renkei",
			Permissions: []emulator.Permission{{Type: "user", Role: "reader", Email: user}}},
	)
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for _, who := range []string{group, user} {
		tn.AuditEvents = append(tn.AuditEvents, emulator.AuditEvent{Time: at, Actor: owner, Name: "change_user_access",
			DocID: "fo-renkei", DocTitle: "医療連携", DocType: "folder", TargetUser: who, OldValue: []string{"can_view"}, NewValue: []string{"none"}})
	}
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))
	for _, c := range []struct{ resource, principal, typ string }{{"f-meibo", group, "group"}, {"f-memo", user, "user"}} {
		found := false
		for _, f := range res.Findings {
			found = found || f.CheckID == "SHARE-007" && f.Resource.ID == c.resource && f.Principal != nil &&
				f.Principal.Email == c.principal && f.Principal.Type == c.typ
		}
		if !found {
			t.Errorf("no SHARE-007 on %s for the %s %s; findings: %+v", c.resource, c.typ, c.principal, res.Findings)
		}
	}
	if n := count(res.Findings, "SHARE-007", ""); n != 2 {
		t.Errorf("%d SHARE-007 findings, want 2", n)
	}
}

// A member removed from a shared drive (shared_drive_membership_change,
// asked for on its own: activities.list takes one eventName a call) whose
// own grant stays on a file there is SHARE-007; one added back is not.
func TestSharedDriveMemberRemovedLeftBehind(t *testing.T) {
	tn := smallTenant()
	gone, back := "sato.y@city.example.jp", "tanto@partner.example.jp"
	tn.SharedDrives = []emulator.SharedDrive{{ID: "drv", Name: "保健", Members: []emulator.Permission{
		{Type: "user", Role: "organizer", Email: "sato.k@city.example.jp"}, {Type: "user", Role: "reader", Email: back}}}}
	tn.Files = append(tn.Files,
		emulator.File{ID: "fo", Name: "検診", Kind: "folder", Drive: "drv"},
		emulator.File{ID: "f-gone", Name: "受診者名簿.xlsx", Kind: "spreadsheet", Drive: "drv", Parent: "fo",
			Permissions: []emulator.Permission{{Type: "user", Role: "writer", Email: gone}}},
		emulator.File{ID: "f-back", Name: "日程.xlsx", Kind: "spreadsheet", Drive: "drv",
			Permissions: []emulator.Permission{{Type: "user", Role: "reader", Email: back}}})
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i, c := range []struct{ who, change string }{{gone, "remove_from_shared_drive"}, {back, "remove_from_shared_drive"}, {back, "add_to_shared_drive"}} {
		tn.AuditEvents = append(tn.AuditEvents, emulator.AuditEvent{Time: at.Add(time.Duration(i) * time.Hour), Actor: "sato.k@city.example.jp",
			Name: "shared_drive_membership_change", DocID: "drv", DocTitle: "保健", TargetUser: c.who, MembershipChangeType: c.change})
	}
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))
	var got []string
	for _, f := range res.Findings {
		if f.CheckID == "SHARE-007" {
			got = append(got, f.Resource.ID+" "+f.Principal.Email+" "+f.Evidence["folder_id"].(string))
		}
	}
	if len(got) != 1 || got[0] != "f-gone "+gone+" drv" {
		t.Errorf("SHARE-007 findings %v, want f-gone for %s, revoked on drv", got, gone)
	}
	if n := srv.Calls()["reports.activities.list"]; n != 4 {
		t.Errorf("activities.list calls: %d, want 4 (one per event name)", n)
	}
}

// The Reports API refuses a startTime at or past its 180 days of retention:
// the default window, and a longer configured one (lowered), stay inside it,
// so SHARE-007 runs and the audit log is no gap.
func TestAuditLogWindowInsideRetention(t *testing.T) {
	for _, window := range []time.Duration{0, 180 * 24 * time.Hour, 365 * 24 * time.Hour} {
		tn := smallTenant()
		owner, user := "sato.k@city.example.jp", "tanto@partner.example.jp"
		tn.Files = append(tn.Files,
			emulator.File{ID: "fo-renkei", Name: "医療連携", Kind: "folder", Owner: owner},
			emulator.File{ID: "f-memo", Name: "連絡メモ", Kind: "document", Owner: owner, Parent: "fo-renkei",
				Permissions: []emulator.Permission{{Type: "user", Role: "reader", Email: user}}})
		tn.AuditEvents = append(tn.AuditEvents, emulator.AuditEvent{Time: testNow().Add(-30 * 24 * time.Hour), Actor: owner, Name: "change_user_access",
			DocID: "fo-renkei", DocTitle: "医療連携", DocType: "folder", TargetUser: user, OldValue: []string{"can_view"}, NewValue: []string{"none"}})
		srv := serve(t, tn, emulator.Options{})
		opts := testOptions(srv, admin)
		opts.AuditLogWindow = window
		res := audit(t, opts)
		if len(res.Coverage.Gaps) != 0 || count(res.Findings, "SHARE-007", "f-memo") != 1 {
			t.Errorf("window %v: gaps %+v, SHARE-007 on f-memo %d", window, res.Coverage.Gaps, count(res.Findings, "SHARE-007", "f-memo"))
		}
	}
}

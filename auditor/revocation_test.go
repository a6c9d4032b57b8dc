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

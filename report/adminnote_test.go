package report

import (
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// adminWords are what only the admin can act on: the config, the Admin
// console, the tool itself, and a feature gwsaudit does not have.
var adminWords = []string{"config", "設定ファイル", "Admin console", "管理コンソール", "an admin", "管理者は",
	"partner", "取引先ドメイン", "gwsaudit", "Apps Script", "--"}

// Remediation speaks to the item's owner: no check's remediation, in any
// language, tells the admin what to do (that is the admin note's place),
// and no admin note names a feature gwsaudit does not have.
func TestRemediationIsForTheOwner(t *testing.T) {
	for _, lang := range Languages() {
		c := catalogs[lang]
		for id, tx := range c.checks {
			for _, w := range adminWords {
				if strings.Contains(tx.Remediation, w) {
					t.Errorf("%s %s remediation speaks to the admin (%q): %s", lang, id, w, tx.Remediation)
				}
			}
			if strings.Contains(tx.AdminNote, "Apps Script") {
				t.Errorf("%s %s admin note names a feature that does not exist: %s", lang, id, tx.AdminNote)
			}
		}
	}
}

// SHARE-005's note tells the admin how to declare a partner domain, not
// for a free-mail address (a partner is never gmail.com); the owner's
// remediation says nothing of it.
func TestShare005AdminNote(t *testing.T) {
	partner := model.Finding{CheckID: "SHARE-005", Severity: model.Medium,
		Resource:  model.Resource{Kind: model.KindFile, ID: "f", Name: "委託 資料.xlsx", Owner: "a@city.example.lg.jp"},
		Principal: &model.Principal{Type: model.TypeUser, Email: "x@partner.example.com", Role: "reader"}, Evidence: map[string]any{}}
	free := partner
	free.Principal = &model.Principal{Type: model.TypeUser, Email: "x@gmail.com", Role: "reader"}
	free.Evidence = map[string]any{"free_mail": true}
	want := map[string][]string{"en": {"partner.example.com", "partner_domains", "--partner-domain partner.example.com"},
		"ja": {"partner.example.com", "取引先ドメイン（partner_domains）"}}
	for lang, words := range want {
		d, err := (&Document{Findings: []model.Finding{partner, free}}).Localized(lang)
		if err != nil {
			t.Fatal(err)
		}
		p, f := d.Findings[0], d.Findings[1]
		for _, w := range words {
			if !strings.Contains(p.AdminNote, w) {
				t.Errorf("%s: partner note %q lacks %q", lang, p.AdminNote, w)
			}
			if strings.Contains(p.Remediation, w) {
				t.Errorf("%s: remediation %q names %q", lang, p.Remediation, w)
			}
		}
		if p.Remediation == "" {
			t.Errorf("%s: no remediation", lang)
		}
		if f.AdminNote != "" {
			t.Errorf("%s: free-mail grant got a partner note: %q", lang, f.AdminNote)
		}
	}
}

// The spreadsheets carry the admin note in its own column, apart from
// the remediation; the HTML details show it after the message.
func TestAdminNoteColumn(t *testing.T) {
	d := sampleDoc()
	for _, lang := range []string{"en", "ja"} {
		if note := sheetCellOf(t, d, lang, "file-evil", colAdminNote); note != "" { // free mail: no note
			t.Errorf("%s: free-mail row has note %q", lang, note)
		}
		l := localized(t, d, lang)
		want := ""
		for _, f := range l.Findings {
			if f.CheckID == "SHARE-005" && f.Resource.ID == "file-itaku" {
				want = f.AdminNote
			}
		}
		if want == "" {
			t.Fatalf("%s: no admin note on SHARE-005 file-itaku", lang)
		}
		tb, err := newTable(l, lang)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range tb.rows {
			if r.Sheet[sheetPos[colItemID]] != "file-itaku" || !strings.Contains(r.Sheet[sheetPos[colCheck]], "SHARE-005") {
				continue
			}
			found = true
			if got := r.Sheet[sheetPos[colAdminNote]]; !strings.Contains(got, want) || strings.Contains(r.Sheet[sheetPos[colRemediation]], want) {
				t.Errorf("%s: note column %q, remediation %q", lang, got, r.Sheet[sheetPos[colRemediation]])
			}
			if !strings.Contains(r.Message, want) {
				t.Errorf("%s: HTML details %q lack the note", lang, r.Message)
			}
		}
		if !found {
			t.Fatalf("%s: no row for SHARE-005 on file-itaku", lang)
		}
	}
}

package report

import (
	"strings"
	"testing"
)

// TestLookalikeRowHasNoPartnerAdvice: the demo's lookalike grant (SHARE-006
// with SHARE-005 on one row) never tells the admin to declare the
// lookalike's domain a partner; a plain outside grant still does.
func TestLookalikeRowHasNoPartnerAdvice(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		tb, err := newTable(localized(t, demoHistory(t), lang), lang)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, r := range tb.rows {
			checks := r.Sheet[sheetPos[colCheck]]
			if strings.Contains(checks, "SHARE-006") && strings.Contains(checks, "SHARE-005") {
				checked++
				if note := r.Sheet[sheetPos[colAdminNote]]; strings.Contains(note, "partner_domains") {
					t.Errorf("%s: lookalike row %s advises a partner domain: %s", lang, r.Sheet[sheetPos[colItemID]], note)
				}
			}
		}
		if checked == 0 {
			t.Fatalf("%s: no lookalike row with SHARE-005 in the demo", lang)
		}
	}
}

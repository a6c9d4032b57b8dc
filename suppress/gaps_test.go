package suppress

import (
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// A known gap (a suspended user kept for a legal hold) is accepted with
// its reason and last day; an expired entry leaves the gap as it is and
// says so; a gap no entry matches is untouched.
func TestApplyGaps(t *testing.T) {
	l, err := Parse([]byte(`
gaps:
  - code: user_suspended
    id: endo.k@*
    reason: 訴訟ホールドのため保持（総務課 2026-11）
    expires: 2027-03-31
  - scope: shared_drive
    id: sd-old
    reason: 廃止予定
    expires: 2026-01-31
`))
	if err != nil {
		t.Fatal(err)
	}
	l.Location = time.UTC
	gaps := []model.Gap{
		{Scope: model.ScopeUser, ID: "endo.k@town.example.jp", Code: model.GapUserSuspended},
		{Scope: model.ScopeSharedDrive, ID: "sd-old", Code: model.GapDriveNoMember},
		{Scope: model.ScopeUser, ID: "sato@town.example.jp", Code: model.GapUserSuspended},
	}
	expired := l.ApplyGaps(gaps, time.Date(2026, 12, 6, 2, 30, 0, 0, time.UTC))
	if !gaps[0].Accepted() || gaps[0].AcceptedUntil != "2027-03-31" || !strings.Contains(gaps[0].AcceptedReason, "訴訟ホールド") {
		t.Errorf("suspended user's gap not accepted: %+v", gaps[0])
	}
	if gaps[1].Accepted() || len(expired) != 1 || expired[0].ID != "sd-old" || expired[0].Expires != "2026-01-31" {
		t.Errorf("expired entry: gap %+v, expired %+v", gaps[1], expired)
	}
	if gaps[2].Accepted() {
		t.Errorf("a gap no entry names was accepted: %+v", gaps[2])
	}
	// On the last day it still holds; the next day it does not.
	for day, want := range map[int]bool{31: true, 32: false} {
		g := []model.Gap{{Scope: model.ScopeUser, ID: "endo.k@town.example.jp", Code: model.GapUserSuspended}}
		l.ApplyGaps(g, time.Date(2027, 3, day, 23, 0, 0, 0, time.UTC))
		if g[0].Accepted() != want {
			t.Errorf("2027-03-%d: accepted %v, want %v", day, g[0].Accepted(), want)
		}
	}
}

func TestGapEntryErrors(t *testing.T) {
	for in, want := range map[string]string{
		"gaps:\n  - reason: x\n    expires: 2027-01-01\n":                          "give at least one of code, scope, id",
		"gaps:\n  - code: user_suspended\n    expires: 2027-01-01\n":               "reason is required",
		"gaps:\n  - code: user_suspended\n    reason: x\n":                         "want a date",
		"gaps:\n  - cod: user_suspended\n    reason: x\n    expires: 2027-01-01\n": `unknown key "cod" (did you mean code?)`,
		"gaps:\n  - code: \"[\"\n    reason: x\n    expires: 2027-01-01\n":         "pattern",
	} {
		if _, err := Parse([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

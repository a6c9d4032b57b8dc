package auditor_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// policyTenant has a Drive SDK switched off for the school nurse's office
// (and its sub-units), a colleague in the parent unit where it is on, and
// a form.
const policyTenant = `
primary_domain: city.example.jp
users:
  - {email: admin@city.example.jp, admin: true}
  - {email: hoken@city.example.jp, org_unit: /教職員/保健室/分室}
  - {email: kyoin@city.example.jp, org_unit: /教職員}
drive_sdk_disabled_org_units: [/教職員/保健室]
files:
  - {id: f-hoken, name: 健康診断結果.xlsx, kind: spreadsheet, owner: hoken@city.example.jp, permissions: [{type: anyone, role: reader}]}
  - {id: f-form, name: 相談フォーム, kind: form, owner: kyoin@city.example.jp}
`

func parsePolicyTenant(t *testing.T, extra string) *emulator.Tenant {
	t.Helper()
	tn, err := emulator.Parse([]byte(policyTenant+extra), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

func gapsWithCode(res *model.Result, code string) []model.Gap {
	var out []model.Gap
	for _, g := range res.Coverage.Gaps {
		if g.Code == code {
			out = append(out, g)
		}
	}
	return out
}

// Drive answers 403 domainPolicy as a user of an org unit whose Drive SDK
// access is off: a drive_sdk_disabled gap for that user naming the Admin
// console setting, no retries, and the users of other units audited.
func TestDriveSDKDisabledIsAGapNamingTheSetting(t *testing.T) {
	srv := serve(t, parsePolicyTenant(t, ""), emulator.Options{})
	res := audit(t, testOptions(srv, admin))
	gaps := gapsWithCode(res, model.GapDriveSDKDisabled)
	if len(gaps) != 1 || gaps[0].ID != "hoken@city.example.jp" || gaps[0].Scope != model.ScopeUser {
		t.Fatalf("drive_sdk_disabled gaps %+v, want one for hoken@city.example.jp; all gaps: %+v", gaps, res.Coverage.Gaps)
	}
	if !strings.Contains(gaps[0].Action, "Allow users to access Google Drive with the Drive SDK API") ||
		!strings.Contains(gaps[0].Reason, "domainPolicy") {
		t.Errorf("gap does not name the setting or Google's reason: %+v", gaps[0])
	}
	if n := res.Calls["drive.files.list.retry"]; n != 0 {
		t.Errorf("%d retries of a domainPolicy refusal, want none", n)
	}
	if res.Coverage.Users.Audited != 2 {
		t.Errorf("audited %d users, want 2 (admin and kyoin, whose unit allows the Drive SDK)", res.Coverage.Users.Audited)
	}
}

// A daily quota used up (403 quotaExceeded, "per day") is not retried as a
// per-minute rate limit is: the audit log becomes a gap saying to run again
// after the reset or raise the quota.
func TestDailyQuotaFailsFastWithAGap(t *testing.T) {
	srv := serve(t, smallTenant(), emulator.Options{DailyQuotaUsedUp: []string{"reports"}})
	res := audit(t, testOptions(srv, admin))
	gaps := gapsWithCode(res, model.GapDailyQuota)
	if len(gaps) == 0 || gaps[0].Scope != model.ScopeAuditLog || !strings.Contains(gaps[0].Action, "Quotas") {
		t.Fatalf("daily quota gaps %+v, want audit-log gaps with the quota hint; all gaps: %+v", gaps, res.Coverage.Gaps)
	}
	if n := res.Calls["reports.activities.list.retry"]; n != 0 {
		t.Errorf("%d retries of a used-up daily quota, want none", n)
	}
}

// Forms answers a disabled API in the google.rpc.Status format (no
// errors[], an ErrorInfo SERVICE_DISABLED): the form's gap says to enable
// the Forms API.
func TestDisabledFormsAPIHintsToEnableIt(t *testing.T) {
	srv := serve(t, parsePolicyTenant(t, "disabled_apis: [forms]\n"), emulator.Options{})
	res := audit(t, testOptions(srv, admin))
	gaps := gapsWithCode(res, model.GapFormAPIRefused)
	if len(gaps) != 1 || gaps[0].ID != "f-form" {
		t.Fatalf("form gaps %+v, want one for f-form; all gaps: %+v", gaps, res.Coverage.Gaps)
	}
	if !strings.Contains(gaps[0].Action, "enable forms.googleapis.com") || !strings.Contains(gaps[0].Reason, "SERVICE_DISABLED") {
		t.Errorf("gap does not say to enable the Forms API: %+v", gaps[0])
	}
	if n := res.Calls["forms.forms.get.retry"]; n != 0 {
		t.Errorf("%d retries of a disabled API, want none", n)
	}
}

// Once Drive's daily project quota is used up, the rest of the run does not
// ask Drive again: every user still gets a gap, from one refusal per
// concurrent walker at most.
func TestDailyQuotaStopsAskingThatAPI(t *testing.T) {
	tn := smallTenant()
	for i := range 20 {
		tn.Users = append(tn.Users, emulator.User{Email: fmt.Sprintf("user%02d@city.example.jp", i)})
	}
	srv := serve(t, tn, emulator.Options{DailyQuotaUsedUp: []string{"drive"}})
	opts := testOptions(srv, admin)
	opts.Concurrency = 2
	res := audit(t, opts)
	if gaps := gapsWithCode(res, model.GapDailyQuota); len(gaps) < len(tn.Users) {
		t.Errorf("%d daily-quota gaps, want one per user (%d) at least", len(gaps), len(tn.Users))
	}
	calls := int64(0)
	for method, n := range res.Calls {
		if strings.HasPrefix(method, "drive.") {
			calls += n
		}
	}
	// Users and shared drives walked at once may each have asked once.
	if calls > 3 {
		t.Errorf("%d Drive calls after the daily quota was used up, want at most one per concurrent walk: %v", calls, res.Calls)
	}
}

// The Drive SDK switched off between a full and an incremental run: the
// incremental run's gap carries the same code and Admin console action as
// a full run's, not a generic walk failure.
func TestIncrementalDriveSDKDisabledGap(t *testing.T) {
	tn := parsePolicyTenant(t, "")
	tn.DriveSDKDisabledOrgUnits = nil
	srv := serve(t, tn, emulator.Options{})
	opts := testOptions(srv, admin)
	st, scope, _ := fullRunInStore(t, srv, opts)
	srv.UpdateWithoutChanges(func(tn *emulator.Tenant) { tn.DriveSDKDisabledOrgUnits = []string{"/教職員/保健室"} })
	inc, reason, err := st.Resume(context.Background(), scope, opts.Now(), 7*24*time.Hour)
	if err != nil || inc == nil {
		t.Fatalf("Resume: %v %s", err, reason)
	}
	res, err := auditor.RunIncremental(context.Background(), opts, inc)
	if err != nil {
		t.Fatal(err)
	}
	gaps := gapsWithCode(res, model.GapDriveSDKDisabled)
	if len(gaps) != 1 || gaps[0].ID != "hoken@city.example.jp" || !strings.Contains(gaps[0].Action, "Drive SDK") {
		t.Errorf("drive_sdk_disabled gaps %+v; all gaps: %+v", gaps, res.Coverage.Gaps)
	}
}

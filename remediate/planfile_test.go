package remediate_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/notify"
	"github.com/gwsaudit/gwsaudit/remediate"
)

// A written plan reads back the same; its hash changes with its bytes.
func TestPlanRoundTrip(t *testing.T) {
	p := build(t, remediate.Selection{})
	var b bytes.Buffer
	if err := remediate.WritePlan(&b, p); err != nil {
		t.Fatal(err)
	}
	got, sum, err := remediate.ReadPlan(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Actions) != len(p.Actions) || got.Actions[0].Finding.Fingerprint != p.Actions[0].Finding.Fingerprint {
		t.Errorf("actions differ after a round trip")
	}
	_, sum2, err := remediate.ReadPlan(strings.NewReader(b.String() + "\n"))
	if err != nil || sum2 == sum {
		t.Errorf("hash %s for an edited plan, %v", sum2, err)
	}
}

// Plans fix apply could misread are refused, naming what is wrong.
func TestReadPlanRefuses(t *testing.T) {
	const head = `{"schema":"gwsaudit.fix-plan/v1","created_at":"2026-12-07T09:00:00Z","tenant":{"primary_domain":"city.example.jp"},"actions":[`
	for name, c := range map[string]struct{ plan, want string }{
		"schema":    {`{"schema":"gwsaudit.report/v1"}`, "unsupported schema"},
		"tenant":    {`{"schema":"gwsaudit.fix-plan/v1","created_at":"2026-12-07T09:00:00Z","tenant":{}}`, "primary_domain"},
		"trailing":  {head + `]} {}`, "unexpected data"},
		"duplicate": {head + `{"id":1,"kind":"restrict_link","item_id":"a","permission":{"type":"anyone","role":"reader"}},{"id":1,"kind":"restrict_link","item_id":"b","permission":{"type":"anyone","role":"reader"}}]}`, "used once"},
		"owner":     {head + `{"id":1,"kind":"delete_permission","item_id":"a","permission":{"type":"user","role":"owner","email":"a@b"}}]}`, "cannot be removed"},
		"kind":      {head + `{"id":1,"kind":"delete_file","item_id":"a","permission":{"type":"anyone","role":"reader"}}]}`, "unknown kind"},
		"mismatch":  {head + `{"id":1,"kind":"delete_permission","item_id":"a","permission":{"type":"anyone","role":"reader"}}]}`, "does not fit"},
		"no email":  {head + `{"id":1,"kind":"delete_permission","item_id":"a","permission":{"type":"user","role":"reader"}}]}`, "without an e-mail"},
		"member":    {head + `{"id":1,"kind":"remove_member","item_id":"a","drive_id":"b","permission":{"type":"user","role":"reader","email":"a@b"}}]}`, "drive_id equal"},
		"view":      {head + `{"id":1,"kind":"restrict_link","item_id":"a","permission":{"type":"anyone","role":"reader","view":"published"}}]}`, "view grant"},
	} {
		_, _, err := remediate.ReadPlan(strings.NewReader(c.plan))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

// A plan for another tenant, too old, or from the future is refused.
func TestPlanCheckFor(t *testing.T) {
	p := build(t, remediate.Selection{})
	week := 7 * 24 * time.Hour
	if err := p.CheckFor("CITY.example.jp", planTime.Add(24*time.Hour), week); err != nil {
		t.Errorf("a day-old plan for this tenant: %v", err)
	}
	// A fresh plan of an old audit is as old as the audit.
	old := *p
	old.SourceRun.FinishedAt = planTime.Add(-10 * 24 * time.Hour)
	if err := old.CheckFor("city.example.jp", planTime, week); err == nil || !strings.Contains(err.Error(), "the audit the plan was made from") {
		t.Errorf("a plan of a 10-day-old audit: %v", err)
	}
	for name, c := range map[string]struct {
		domain string
		at     time.Time
		want   string
	}{
		"tenant": {"town.example.jp", planTime, "made for city.example.jp"},
		"old":    {"city.example.jp", planTime.Add(8 * 24 * time.Hour), "--max-plan-age"},
		"future": {"city.example.jp", planTime.Add(-2 * time.Hour), "in the future"},
	} {
		if err := p.CheckFor(c.domain, c.at, week); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

func FuzzReadPlan(f *testing.F) {
	var b bytes.Buffer
	p, err := remediate.Build(sampleDoc(), remediate.Selection{Now: planTime})
	if err != nil {
		f.Fatal(err)
	}
	if err := remediate.WritePlan(&b, p); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"schema":"gwsaudit.fix-plan/v1","created_at":"2026-12-07T09:00:00Z","tenant":{"primary_domain":"x"},"actions":[{"id":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, sum, err := remediate.ReadPlan(bytes.NewReader(data))
		if err != nil {
			return
		}
		if p.Schema != remediate.PlanSchema || p.Tenant.PrimaryDomain == "" || len(sum) != 64 {
			t.Fatalf("accepted a plan that fails its own checks: %+v", p)
		}
		seen := map[int]bool{}
		for _, a := range p.Actions {
			if a.ID <= 0 || seen[a.ID] || a.ItemID == "" || a.Permission.Role == "owner" {
				t.Fatalf("accepted action %+v", a)
			}
			seen[a.ID] = true
		}
		var out bytes.Buffer
		if err := remediate.WriteSummary(&out, p, "ja"); err != nil {
			t.Fatal(err)
		}
	})
}

// The plan keeps its contract with gwsaudit notify --plan: notify reads
// every action's and notice's finding, and knows the actions' as planned.
func TestNotifyReadsThePlan(t *testing.T) {
	p := build(t, remediate.Selection{Suppressions: suppressions(t)})
	var b bytes.Buffer
	if err := remediate.WritePlan(&b, p); err != nil {
		t.Fatal(err)
	}
	in, err := notify.Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	if in.Source != "plan" || in.Doc.Run.Tenant.PrimaryDomain != "city.example.jp" || len(in.Doc.Findings) != len(p.Actions)+len(p.Notices) {
		t.Fatalf("notify read %d findings from a plan of %d actions and %d notices", len(in.Doc.Findings), len(p.Actions), len(p.Notices))
	}
	for _, a := range p.Actions {
		if !in.Planned[a.Finding.Fingerprint] {
			t.Errorf("action %d's finding is not planned for notify", a.ID)
		}
	}
	for _, n := range p.Notices {
		if in.Planned[n.Finding.Fingerprint] {
			t.Errorf("notice %s is planned for notify", n.Finding.CheckID)
		}
	}
}

package pipeline_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/pipeline"
	"github.com/gwsaudit/gwsaudit/report"
)

// A run at 17:30 UTC on a machine in Japan is dated 02:30 +09:00 the next
// day: the report's times are in the machine's zone, the zone shown,
// while the run ID stays UTC.
func TestReportTimesInTheMachinesZone(t *testing.T) {
	tn := &emulator.Tenant{PrimaryDomain: "city.example.jp",
		Users: []emulator.User{{Email: "admin@city.example.jp", Admin: true}}}
	now := time.Date(2026, 12, 5, 17, 30, 0, 0, time.UTC)
	srv := emulatortest.Serve(t, tn, emulator.Options{Now: func() time.Time { return now }})
	walk := &auditor.Options{Admin: "admin@city.example.jp", Endpoint: srv.BaseURL(), Credentials: auditor.EmulatorCredentials{},
		Concurrency: 1, Retry: auditor.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond},
		RateLimits:      auditor.RateLimits{Directory: 1e4, Reports: 1e4, Drive: 1e4, Forms: 1e4, Page: 1e4},
		FreeMailDomains: configs.DefaultFreeMailDomains(), Keywords: configs.DefaultPersonalDataKeywords(),
		Log: zerolog.Nop(), Now: func() time.Time { return now }}
	var doc *report.Document
	var console bytes.Buffer
	o := pipeline.Options{FailOn: model.High, Lang: "ja", Log: zerolog.Nop(), Location: time.FixedZone("JST", 9*3600),
		Write: func(_ context.Context, r *pipeline.Report) error {
			doc = r.Doc
			return report.WriteConsole(&console, r.Doc, report.ConsoleOptions{Lang: "ja"})
		}}
	if _, err := pipeline.Audit(context.Background(), walk, pipeline.HistoryOptions{}, o); err != nil {
		t.Fatal(err)
	}
	if got := doc.Run.StartedAt.Format(time.RFC3339); got != "2026-12-06T02:30:00+09:00" {
		t.Errorf("started_at %s, want 2026-12-06T02:30:00+09:00", got)
	}
	if doc.Run.ID != "20261205T173000Z" {
		t.Errorf("run ID %s, want the UTC 20261205T173000Z", doc.Run.ID)
	}
	if !strings.Contains(console.String(), "2026-12-06 02:30 +09:00") {
		t.Errorf("console does not date the run in the machine's zone:\n%s", console.String())
	}
}

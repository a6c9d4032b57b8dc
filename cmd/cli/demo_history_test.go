package cli_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// updating reports -update, the flag cmd/cli's internal tests define
// (go test ./cmd/cli -update rewrites golden files).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// demoHistoryFixture is the demo's second nightly run with a run history,
// which report's golden tests render in every human format and language.
var demoHistoryFixture = filepath.Join("..", "..", "report", "testdata", "demo-history.json")

// demoNights audits the demo twice into one run history, changing the
// tenant in between; it returns the second report, the first run's start,
// and the store and report paths.
func demoNights(t *testing.T) (d *report.Document, firstStart time.Time, db, out string) {
	t.Helper()
	tn, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	cli.RecentAuditLog(tn, time.Now())
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	dir := t.TempDir()
	cfg := filepath.Join(dir, "demo.yaml")
	if err := os.WriteFile(cfg, configs.DemoConfig(), 0o600); err != nil {
		t.Fatal(err)
	}
	var admin string
	for _, u := range tn.Users {
		if u.Admin && !u.Suspended {
			admin = u.Email
			break
		}
	}
	db, out = filepath.Join(dir, "h.db"), filepath.Join(dir, "run.json")
	args := []string{"audit", "--emulator", srv.BaseURL(), "--admin", admin, "--config", cfg,
		"--store", db, "--quiet", "--log-level", "error", "--out", out}
	if code, _, stderr := run(t, args...); code == cli.ExitFailed {
		t.Fatalf("first run: %s", stderr)
	}
	first := readReport(t, out)

	srv.Update(func(tn *emulator.Tenant) {
		for i := range tn.Files {
			f := &tn.Files[i]
			switch f.ID {
			case "f-fukuoka-list-01": // the lookalike grant removed
				f.Permissions = nil
			case "f-kanko-map": // the link now lets anyone edit
				f.Permissions = []emulator.Permission{{Type: "anyone", Role: "writer"}}
			case "f-reiki": // a new grant to a free-mail address
				f.Permissions = append(f.Permissions, emulator.Permission{Type: "user", Role: "writer", Email: "sakura.reiki@gmail.com"})
			}
		}
	})
	if code, _, stderr := run(t, args...); code == cli.ExitFailed {
		t.Fatalf("second run: %s", stderr)
	}
	return readReport(t, out), first.Run.StartedAt, db, out
}

// The demo audited twice with a run history, the tenant changed in
// between: a grant removed (its four findings resolved), a new outside
// grant (a new exposure), a link grant made editable (a known exposure
// with a new reason). The second report, with its times and IDs fixed, is
// report/testdata/demo-history.json (-update rewrites it).
func TestDemoHistoryReport(t *testing.T) {
	d, firstStart, _, _ := demoNights(t)
	fixDemoTimes(d, firstStart)
	if err := d.Localize("en"); err != nil { // messages quote the fixed times
		t.Fatal(err)
	}

	var got bytes.Buffer
	if err := report.WriteJSON(&got, d); err != nil {
		t.Fatal(err)
	}
	if updating() {
		if err := os.WriteFile(demoHistoryFixture, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(demoHistoryFixture)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/cli -run TestDemoHistoryReport -update writes it)", err)
	}
	if !bytes.Equal(want, got.Bytes()) {
		t.Errorf("%s differs from the demo's second run; go test ./cmd/cli -run TestDemoHistoryReport -update rewrites it, then go test ./report -update its renderings:\n%s",
			demoHistoryFixture, firstDiff(string(want), got.String()))
	}
	var news struct{ fresh, open, resolved int }
	for _, f := range d.Findings {
		switch f.Status {
		case model.StatusNew:
			news.fresh++
		case model.StatusOpen:
			news.open++
		}
	}
	news.resolved = len(d.Resolved)
	if news.fresh == 0 || news.open == 0 || news.resolved == 0 {
		t.Errorf("the second run should have new, open and resolved findings: %+v", news)
	}
}

func readReport(t *testing.T, path string) *report.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := report.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Fixed times of the fixture: a 02:30 JST nightly run a week after the
// first.
var (
	jst        = time.FixedZone("JST", 9*60*60)
	demoFirst  = time.Date(2026, 11, 30, 2, 30, 0, 0, jst)
	demoSecond = time.Date(2026, 12, 7, 2, 30, 0, 0, jst)
)

// fixDemoTimes replaces what changes from run to run (times, the run ID,
// the version) with fixed values: the first run's times by demoFirst, the
// second's by demoSecond, evidence times moved by as much as the run.
func fixDemoTimes(d *report.Document, firstStart time.Time) {
	shift := demoSecond.Sub(d.Run.StartedAt)
	at := func(t time.Time) time.Time {
		if t.Before(firstStart.Add(time.Minute)) && !t.Before(firstStart.Add(-time.Minute)) {
			return demoFirst
		}
		return demoSecond
	}
	d.Run.ID = "20261206T173000Z"
	d.Run.FinishedAt = demoSecond.Add(3*time.Minute + 12*time.Second)
	d.Run.StartedAt = demoSecond
	d.Tool.Version = "v1.0.0-demo"
	for i := range d.Findings {
		f := &d.Findings[i]
		if f.FirstSeen != nil {
			t := at(*f.FirstSeen)
			f.FirstSeen = &t
		}
		for k, v := range f.Evidence {
			if s, ok := v.(string); ok {
				if t, err := time.Parse(time.RFC3339, s); err == nil {
					t = t.Add(shift).In(jst) // the same day before the run, at a fixed time
					f.Evidence[k] = time.Date(t.Year(), t.Month(), t.Day(), 11, 52, 0, 0, jst).Format(time.RFC3339)
				}
			}
		}
	}
	for i := range d.Resolved {
		d.Resolved[i].FirstSeen = at(d.Resolved[i].FirstSeen)
		d.Resolved[i].ResolvedAt = demoSecond
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

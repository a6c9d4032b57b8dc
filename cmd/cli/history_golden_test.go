package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/report"
)

// The demo's two nights in history and diff: the latest run's counts are
// the console's of that night (exposures, not findings: the removed
// lookalike grant is 1 resolved exposure and 4 resolved findings), diff
// counts the lines it prints, and both commands' tables in en and ja,
// by exposure and by finding, are golden files (cmd/cli/testdata/
// history.*.txt and diff.*.txt; -update rewrites them).
func TestDemoHistoryAndDiffCountExposures(t *testing.T) {
	_, _, db, out := demoNights(t)
	night := readReport(t, out)

	code, js, stderr := run(t, "history", "--store", db, "--format", "json")
	var runs []report.RunRecord
	if code != cli.ExitOK || json.Unmarshal([]byte(js), &runs) != nil || len(runs) != 2 {
		t.Fatalf("history: exit %d %s %s", code, js, stderr)
	}
	latest := runs[0]
	if got, want := latest.Exposures, report.CountRun(night); got != want {
		t.Errorf("history counts %+v, the night's report %+v", got, want)
	}
	x := latest.Exposures
	if x.Resolved == latest.Resolved || x.Total == latest.Findings || x.New == 0 || x.Resolved == 0 {
		t.Errorf("the demo's second night: exposures %+v, findings %d new %d resolved %d: want fewer exposures than findings, some new and resolved",
			x, latest.Findings, latest.New, latest.Resolved)
	}
	for lang, headline := range map[string]string{"en": "%d new, %d resolved since the last run", "ja": "新規 %d 件・解消 %d 件"} {
		_, console, _ := run(t, "report", "--in", out, "--lang", lang)
		first, _, _ := strings.Cut(console, "\n")
		if want := fmt.Sprintf(headline, x.New, x.Resolved); first != want {
			t.Errorf("console (%s) starts %q, history says %q", lang, first, want)
		}
	}

	code, js, stderr = run(t, "diff", "--store", db, "previous", "latest", "--format", "json")
	var d report.Diff
	if code != cli.ExitOK || json.Unmarshal([]byte(js), &d) != nil {
		t.Fatalf("diff: exit %d %s %s", code, js, stderr)
	}
	if c := d.Exposures; c.Added != x.New || c.Removed != x.Resolved || c != report.CountDiff(&d) || len(d.Removed) == c.Removed {
		t.Errorf("diff: exposures %+v (%d findings removed); history: %d new, %d resolved", c, len(d.Removed), x.New, x.Resolved)
	}
	_, table, _ := run(t, "diff", "--store", db, "previous", "latest", "--lang", "en")
	if want := fmt.Sprintf("%d added, %d removed, %d changed exposures (findings: %d added, %d removed, %d changed)",
		x.New, x.Resolved, len(report.GroupDiff(d.Changed)), len(d.Added), len(d.Removed), len(d.Changed)); !strings.Contains(table, want) {
		t.Errorf("diff summary, want %q:\n%s", want, table)
	}

	// The golden tables: IDs, times and API calls fixed, in JST.
	ids := map[string]string{runs[1].ID: "20261129T173000Z", runs[0].ID: "20261206T173000Z"}
	for i, at := range []time.Time{demoSecond, demoFirst} {
		runs[i].ID, runs[i].StartedAt, runs[i].FinishedAt, runs[i].APICalls = ids[runs[i].ID], at, at.Add(3*time.Minute), 412
	}
	d.From.ID, d.To.ID = ids[d.From.ID], ids[d.To.ID]
	for _, lang := range []string{"en", "ja"} {
		var b bytes.Buffer
		for _, by := range []string{"exposures", "findings"} {
			fmt.Fprintf(&b, "$ gwsaudit history --lang %s --by %s\n", lang, by)
			if err := cli.WriteRuns(&b, runs, "table", lang, by, jst); err != nil {
				t.Fatal(err)
			}
		}
		goldenFile(t, "history."+lang+".txt", b.Bytes())
		b.Reset()
		if err := cli.WriteDiff(&b, &d, "table", lang); err != nil {
			t.Fatal(err)
		}
		goldenFile(t, "diff."+lang+".txt", b.Bytes())
	}
}

// goldenFile compares got with testdata/name (-update rewrites it).
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/cli -run TestDemoHistoryAndDiffCountExposures -update writes it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (-update rewrites it):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// history and diff refuse an unknown --by or --lang, in table and JSON.
func TestHistoryFlagValues(t *testing.T) {
	runs := []report.RunRecord{{ID: "r1", Findings: 4, Exposures: report.ExposureCounts{Total: 1}}}
	var b bytes.Buffer
	for _, c := range []struct{ format, lang, by string }{
		{"table", "en", "grants"}, {"json", "en", "grants"}, {"table", "fr", "findings"}, {"csv", "en", "exposures"},
	} {
		if err := cli.WriteRuns(&b, runs, c.format, c.lang, c.by, time.Local); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	b.Reset()
	if err := cli.WriteRuns(&b, runs, "table", "en", "exposures", time.Local); err != nil || !strings.Contains(b.String(), "EXPOSURES") ||
		!strings.Contains(strings.Split(b.String(), "\n")[1], "  1  ") {
		t.Errorf("by exposure: %v\n%s", err, b.String())
	}
}

// fix plan's summary speaks the config's language unless --lang says
// otherwise, and names a shared-drive item's drive and managers, not the
// drive's ID.
func TestFixPlanSummaryLanguage(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ja.yaml")
	if err := os.WriteFile(cfg, []byte("lang: ja\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GWSAUDIT_LANG", "")
	plan := filepath.Join(dir, "plan.json")
	for _, c := range []struct {
		args       []string
		want, deny string
	}{
		{[]string{"--config", cfg}, "所有者: 共有ドライブ「教育委員会 学務課」（管理者: ", "Fix plan"},
		{[]string{"--config", cfg, "--lang", "en"}, `owner: Shared drive "教育委員会 学務課" (managers: `, "修正計画"},
	} {
		code, out, stderr := run(t, append([]string{"fix", "plan", "--in", demoHistoryFixture, "--out", plan}, c.args...)...)
		if code != cli.ExitOK || !strings.Contains(out, c.want) || strings.Contains(out, c.deny) || strings.Contains(out, "sd-gakumu") {
			t.Errorf("fix plan %v: exit %d, want %q without %q or the drive's ID:\n%s%s", c.args, code, c.want, c.deny, out, stderr)
		}
	}
}

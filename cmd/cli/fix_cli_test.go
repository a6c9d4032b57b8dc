package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/remediate"
)

// handPlan writes a plan by hand (as a reviewer's edit leaves it): one
// action, the demo's public health-check export.
func handPlan(t *testing.T, r *fixRig, tenant string, created time.Time) {
	t.Helper()
	handPlanWith(t, r, tenant, created, `{"id":7,"kind":"restrict_link","item_id":"f-dock-export","item_name":"人間ドック受診決定者一覧_テストサーバ出力.csv",
 "owner":"kobayashi.m@city.sakura.example.jp","permission":{"type":"anyone","role":"reader","allow_file_discovery":true},"discovery_known":true,
 "finding":{"fingerprint":"ce7a72903f1f0f2acaf9e837","check_id":"SHARE-001","severity":"critical","resource":{"kind":"file","id":"f-dock-export"}},"check_ids":["SHARE-001"]}`)
}

func handPlanWith(t *testing.T, r *fixRig, tenant string, created time.Time, actions string) {
	t.Helper()
	plan := fmt.Sprintf(`{"schema":"gwsaudit.fix-plan/v1","created_at":%q,"tenant":{"primary_domain":%q},
"source_run":{"id":"x","finished_at":%q},"actions":[%s],"notices":[]}`, created.Format(time.RFC3339), tenant, created.Format(time.RFC3339), actions)
	if err := os.WriteFile(r.plan, []byte(plan), 0o600); err != nil {
		t.Fatal(err)
	}
}

// withStdin feeds answer to the command's confirmation prompt.
func withStdin(t *testing.T, answer string) {
	t.Helper()
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	wr.WriteString(answer)
	wr.Close()
	old := os.Stdin
	os.Stdin = rd
	t.Cleanup(func() { os.Stdin = old; rd.Close() })
}

// A plan made for another tenant, or older than --max-plan-age, changes
// nothing.
func TestFixApplyRefusesForeignOrOldPlans(t *testing.T) {
	r := newFixRig(t, emulator.Options{})
	for name, c := range map[string]struct {
		tenant  string
		created time.Time
		extra   []string
		want    string
	}{
		"other tenant": {"town.example.jp", time.Now(), nil, "made for town.example.jp"},
		"too old":      {"city.sakura.example.jp", time.Now().Add(-8 * 24 * time.Hour), nil, "--max-plan-age"},
		"shorter age":  {"city.sakura.example.jp", time.Now().Add(-3 * time.Hour), []string{"--max-plan-age", "2h"}, "--max-plan-age"},
	} {
		handPlan(t, r, c.tenant, c.created)
		code, _, stderr := run(t, append(append([]string{"fix", "apply", "--plan", r.plan, "--journal", r.journal, "--yes"}, c.extra...), r.access()...)...)
		if code != cli.ExitFailed || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, %s", name, code, stderr)
		}
	}
	if _, err := os.Stat(r.journal); err == nil {
		t.Error("a refused plan started a journal")
	}
	if w := r.srv.Writes(); len(w) != 0 {
		t.Errorf("a refused plan changed %d grants", len(w))
	}
}

// Without --yes apply asks, showing counts by check and owner; anything
// but yes changes nothing. A yes applies only the (edited) plan's action,
// and undo --action restores it without notifying anyone.
func TestFixApplyAsksFirst(t *testing.T) {
	r := newFixRig(t, emulator.Options{})
	handPlan(t, r, "city.sakura.example.jp", time.Now())
	withStdin(t, "n\n")
	code, stdout, stderr := run(t, append([]string{"fix", "apply", "--plan", r.plan, "--journal", r.journal, "--lang", "ja"}, r.access()...)...)
	if code != cli.ExitFailed || !strings.Contains(stdout, "kobayashi.m@city.sakura.example.jp  1") || !strings.Contains(stdout, "続けますか") {
		t.Fatalf("declined: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if len(r.srv.Writes()) != 0 {
		t.Fatal("a declined apply changed something")
	}
	withStdin(t, "はい\n")
	code, stdout, stderr = run(t, append([]string{"fix", "apply", "--plan", r.plan, "--journal", r.journal, "--lang", "ja"}, r.access()...)...)
	if code != cli.ExitOK || !strings.Contains(stdout, "削除: 1 件") {
		t.Fatalf("confirmed: exit %d\n%s\n%s", code, stdout, stderr)
	}
	w := r.srv.Writes()
	if len(w) != 1 || w[0].FileID != "f-dock-export" || w[0].Actor != "kobayashi.m@city.sakura.example.jp" || !w[0].Before.Discoverable {
		t.Fatalf("writes: %+v", w)
	}
	code, stdout, stderr = run(t, append([]string{"fix", "undo", "--journal", r.journal, "--action", "7", "--yes", "--lang", "ja"}, r.access()...)...)
	if code != cli.ExitOK || !strings.Contains(stdout, "復元: 1 件") {
		t.Fatalf("undo: exit %d\n%s\n%s", code, stdout, stderr)
	}
	w = r.srv.Writes()
	if len(w) != 2 || w[1].Method != "drive.permissions.create" || !w[1].After.Discoverable || w[1].Notified {
		t.Errorf("undo writes: %+v", w[1:])
	}
	code, _, stderr = run(t, append([]string{"fix", "undo", "--journal", r.journal, "--action", "8", "--yes"}, r.access()...)...)
	if code != cli.ExitFailed || !strings.Contains(stderr, "no removal for action 8") {
		t.Errorf("undo of an unknown action: exit %d, %s", code, stderr)
	}
}

// fix plan refuses what it cannot plan from, naming the flag.
func TestFixPlanRefuses(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"no in":     {[]string{"fix", "plan", "--out", dir + "/p.json"}, "--in"},
		"missing":   {[]string{"fix", "plan", "--in", dir + "/none.json", "--out", dir + "/p.json"}, "--in"},
		"bad check": {[]string{"fix", "plan", "--in", dir + "/none.json", "--out", dir + "/p.json", "--check", "SHARE-0O1"}, "--check"},
		"lang":      {[]string{"fix", "plan", "--in", dir + "/none.json", "--out", dir + "/p.json", "--lang", "fr"}, "--lang"},
	} {
		code, _, stderr := run(t, c.args...)
		if code != cli.ExitFailed || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, %s", name, code, stderr)
		}
	}
}

// A grant an item only inherits — from its My Drive folder, or from its
// shared drive's membership — is reported, not removed: Drive removes it
// only where it comes from.
func TestFixApplyReportsInheritedGrants(t *testing.T) {
	r := newFixRig(t, emulator.Options{})
	handPlanWith(t, r, "city.sakura.example.jp", time.Now(), `
{"id":1,"kind":"delete_permission","item_id":"f-norin-scan-01","item_name":"農地台帳","owner":"suzuki.k@city.sakura.example.jp",
 "permission":{"type":"user","role":"writer","email":"norinka.sakura2015@gmail.com"},"finding":{"check_id":"SHARE-005"},"check_ids":["SHARE-005"]},
{"id":2,"kind":"delete_permission","item_id":"f-gakumu-01","item_name":"就学援助","drive_id":"sd-gakumu",
 "permission":{"type":"user","role":"writer","email":"migration@edu-cloud-vendor.example.com"},"finding":{"check_id":"SHARE-005"},"check_ids":["SHARE-005"]}`)
	code, stdout, stderr := r.apply()
	if code != cli.ExitOK || !strings.Contains(stdout, "skipped, left as they are: 2") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"#1 農地台帳 (f-norin-scan-01): the grant comes from a folder above", "#2 就学援助 (f-gakumu-01): the grant comes from sd-gakumu"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in\n%s", want, stdout)
		}
	}
	if w := r.srv.Writes(); len(w) != 0 {
		t.Errorf("writes: %+v", w)
	}
}

// undo refuses a journal of another tenant, and one that is not a journal.
func TestFixUndoRefusesForeignJournals(t *testing.T) {
	r := newFixRig(t, emulator.Options{})
	journal := `{"seq":1,"at":"2026-12-07T09:00:00Z","op":"begin","schema":"gwsaudit.fix-journal/v1","plan_sha256":"ab","tenant":"town.example.jp"}
{"seq":2,"at":"2026-12-07T09:00:01Z","op":"removed","action":1,"item_id":"f-dock-export","actor":"kobayashi.m@city.sakura.example.jp","permission":{"type":"anyone","role":"writer"}}
`
	for name, c := range map[string]struct{ data, want string }{
		"other tenant": {journal, "records changes to town.example.jp"},
		"not journal":  {"{}\n", "starts with"},
	} {
		if err := os.WriteFile(r.journal, []byte(c.data), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := r.undo()
		if code != cli.ExitFailed || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, %s", name, code, stderr)
		}
	}
	if len(r.srv.Writes()) != 0 {
		t.Error("a refused undo changed something")
	}
}

// With a service-account key, fix apply exchanges JWTs for its own token
// with the drive scope: a delegation of the audit's scopes alone is
// refused with the fix's scopes named; one of exactly the fix's scopes
// (README's separate service account) applies the plan.
func TestFixApplyWithAKey(t *testing.T) {
	r := newFixRig(t, emulator.Options{})
	handPlan(t, r, "city.sakura.example.jp", time.Now())
	auditOnly, full := filepath.Join(r.dir, "audit-key.json"), filepath.Join(r.dir, "fix-key.json")
	// Both keys are the one emulated service account's: written in turn.
	if err := cli.WriteEmulatorKey(r.srv, auditOnly, auditor.Scopes); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"fix", "apply", "--plan", r.plan, "--journal", r.journal, "--yes", "--lang", "en"}, r.access()...)
	code, _, stderr := run(t, append(args, "--credentials", auditOnly)...)
	if code != cli.ExitFailed || !strings.Contains(stderr, "https://www.googleapis.com/auth/drive,") {
		t.Errorf("audit-only key: exit %d, %s", code, stderr)
	}
	if len(r.srv.Writes()) != 0 {
		t.Fatal("the audit-only key changed something")
	}
	// A service account kept for fixes, delegated only the fix's scopes,
	// is enough: each token asks for no more than it.
	if err := cli.WriteEmulatorKey(r.srv, full, auditor.FixScopes); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, append(args, "--credentials", full)...)
	if code != cli.ExitOK || !strings.Contains(stdout, "removed: 1") {
		t.Fatalf("fix key: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// fix plan --config takes the audit's suppressions from the config, as
// audit does: a finding on an item the config's suppression file accepts
// is not planned; --suppressions wins over the config's.
func TestFixPlanSuppressionsFromConfig(t *testing.T) {
	t.Setenv("GWSAUDIT_SUPPRESSIONS", "")
	dir := t.TempDir()
	readPlan := func(args ...string) *remediate.Plan {
		t.Helper()
		out := filepath.Join(dir, "plan.json")
		code, _, stderr := run(t, append([]string{"fix", "plan", "--in", demoHistoryFixture, "--out", out, "--lang", "en"}, args...)...)
		if code != cli.ExitOK {
			t.Fatalf("fix plan %v: exit %d\n%s", args, code, stderr)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		p, _, err := remediate.ReadPlan(f)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	plans := func(p *remediate.Plan, item string) bool {
		return slices.ContainsFunc(p.Actions, func(a remediate.Action) bool { return a.ItemID == item })
	}
	all := readPlan()
	if len(all.Actions) < 2 {
		t.Fatalf("the demo report plans %d actions, want at least 2", len(all.Actions))
	}
	item := all.Actions[0].ItemID
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	supp := write("accepted.yaml", fmt.Sprintf("suppressions:\n  - item: %s\n    reason: 承認済み\n    expires: 2999-12-31\n", item))
	cfg := write("city.yaml", "suppressions: "+supp+"\n")
	if p := readPlan("--config", cfg); plans(p, item) || len(p.Actions) == 0 {
		t.Errorf("--config with suppressions: %d actions, item %s planned: %v", len(p.Actions), item, plans(p, item))
	}
	if p := readPlan("--config", write("plain.yaml", "lang: en\n")); !plans(p, item) {
		t.Errorf("a config without suppressions dropped item %s", item)
	}
	broken := write("broken.yaml", "suppressions: "+filepath.Join(dir, "none.yaml")+"\n")
	if p := readPlan("--config", broken, "--suppressions", supp); plans(p, item) {
		t.Errorf("--suppressions over the config's: item %s planned", item)
	}
	code, _, stderr := run(t, "fix", "plan", "--in", demoHistoryFixture, "--out", filepath.Join(dir, "p.json"), "--config", broken, "--lang", "en")
	if code != cli.ExitFailed || !strings.Contains(stderr, "cannot read the suppression file") {
		t.Errorf("config naming a missing suppression file: exit %d\n%s", code, stderr)
	}
}

package cli_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/internal/smtpsink"
)

// notifyFixture is the notify package's run.json: three owners of the
// demo tenant, one finding without an owner, one suppressed.
var notifyFixture = filepath.Join("..", "..", "notify", "testdata", "run.json")

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notify.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const notifyBase = `notify:
  from: "情報政策課 <security@city.sakura.example.jp>"
  contact: 情報政策課（内線 1234）
  languages:
    - {match: hosp.sakura.example.jp, lang: en}
`

// TestNotifyDryRun writes one .eml per owner (and one to the manager of
// the shared drive an item is on) and lists the finding no one can be told
// about (a group); an owner's items are exposures (ikeda's three findings
// are one grant: one item).
func TestNotifyDryRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notices")
	code, stdout, stderr := run(t, "notify", "--config", writeConfig(t, notifyBase), "--in", notifyFixture, "--dry-run", dir)
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 4 {
		t.Errorf("%d .eml files, want 4", len(files))
	}
	if !strings.Contains(stdout, "ikeda.y@hosp.sakura.example.jp: 1 item(s) (English)") || !strings.Contains(stdout, "GROUP-001") {
		t.Errorf("stdout:\n%s", stdout)
	}
	// In Japanese (the config's or --lang's language) the summary is too.
	code, stdout, stderr = run(t, "notify", "--config", writeConfig(t, "lang: ja\n"+notifyBase), "--in", notifyFixture, "--dry-run", dir)
	if code != cli.ExitOK || !strings.Contains(stdout, "ikeda.y@hosp.sakura.example.jp：1 件（英語）") || !strings.Contains(stdout, "4 / 4 通を") {
		t.Errorf("Japanese summary: exit %d\n%s%s", code, stdout, stderr)
	}
	// --owner writes one message and leaves the others' files alone.
	dir2 := filepath.Join(t.TempDir(), "one")
	if code, _, stderr := run(t, "notify", "--config", writeConfig(t, notifyBase), "--in", notifyFixture, "--dry-run", dir2,
		"--owner", "Kato.E@city.sakura.example.jp"); code != cli.ExitOK {
		t.Fatalf("--owner: exit %d\n%s", code, stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(dir2, "*.eml")); len(files) != 1 {
		t.Errorf("--owner: %d files", len(files))
	}
	if code, _, stderr := run(t, "notify", "--config", writeConfig(t, notifyBase), "--in", notifyFixture, "--dry-run", dir,
		"--owner", "kato.e@city.sakura.example.jp"); code != cli.ExitOK {
		t.Fatalf("--owner into a full directory: exit %d\n%s", code, stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(files) != 4 {
		t.Errorf("--owner removed other owners' files: %d left", len(files))
	}
}

// TestNotifySMTP sends through an SMTP sink with STARTTLS (its certificate
// in notify.smtp.ca_file) and a login whose password comes from the
// environment; the password shows nowhere in the output.
func TestNotifySMTP(t *testing.T) {
	const pw = "pw-from-env-8817"
	sink := smtpsink.Start(t, smtpsink.Options{TLS: true, Username: "notifier", Password: pw})
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, sink.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := writeConfig(t, notifyBase+"  smtp:\n    host: "+sink.Host+"\n    port: "+strconv.Itoa(sink.Port)+
		"\n    username: notifier\n    password_env: TEST_NOTIFY_PW\n    per_minute: 6000\n    ca_file: "+ca+"\n")
	t.Setenv("TEST_NOTIFY_PW", pw)
	code, stdout, stderr := run(t, "notify", "--config", cfg, "--in", notifyFixture, "--via", "smtp", "--only-new", "--log-level", "debug")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	msgs := sink.Messages()
	if len(msgs) != 4 {
		t.Fatalf("%d messages, want 4", len(msgs))
	}
	for _, m := range msgs {
		if !m.TLS || m.User != "notifier" {
			t.Errorf("message to %v: TLS %v user %q", m.To, m.TLS, m.User)
		}
	}
	if strings.Contains(stdout+stderr, pw) {
		t.Error("the SMTP password appears in the output")
	}

	// Wrong password: exit 2, the owners named, the password still hidden.
	t.Setenv("TEST_NOTIFY_PW", "wrong-"+pw)
	code, stdout, stderr = run(t, "notify", "--config", cfg, "--in", notifyFixture, "--via", "smtp")
	if code != cli.ExitFailed || !strings.Contains(stderr, "kato.e@city.sakura.example.jp") {
		t.Errorf("wrong password: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stdout+stderr, pw) {
		t.Error("the wrong SMTP password appears in the output")
	}
	// No password at all: refused before anything is sent.
	t.Setenv("TEST_NOTIFY_PW", "")
	if code, _, stderr := run(t, "notify", "--config", cfg, "--in", notifyFixture, "--via", "smtp"); code != cli.ExitFailed || !strings.Contains(stderr, "TEST_NOTIFY_PW") {
		t.Errorf("no password: exit %d\n%s", code, stderr)
	}
	if len(sink.Messages()) != 4 {
		t.Errorf("messages were sent with a wrong or missing password")
	}
}

// TestNotifyRefusesBadSettings: the password in the config, no --via,
// both inputs, --only-new without statuses.
func TestNotifyRefusesBadSettings(t *testing.T) {
	plan := filepath.Join("..", "..", "notify", "testdata", "plan.json")
	cases := []struct {
		name, cfg string
		args      []string
		want      string
	}{
		{"password in config", notifyBase + "  smtp:\n    host: x\n    password: hunter2\n", []string{"--in", notifyFixture, "--via", "smtp"}, "secrets do not go in the config"},
		{"negative pace", notifyBase + "  smtp:\n    host: x\n    per_minute: -5\n", []string{"--in", notifyFixture, "--via", "smtp"}, "per_minute"},
		{"no via", notifyBase, []string{"--in", notifyFixture}, "--via"},
		{"both inputs", notifyBase, []string{"--in", notifyFixture, "--plan", plan, "--dry-run", t.TempDir()}, "exactly one"},
		{"only-new on a plan", notifyBase, []string{"--plan", plan, "--only-new", "--dry-run", t.TempDir()}, "--store"},
		{"no from", "notify:\n  lang: ja\n", []string{"--in", notifyFixture, "--dry-run", t.TempDir()}, "notify.from"},
		{"bad org unit", notifyBase + "  org_unit_contacts:\n    - {org_unit: 健康福祉部, contact: a@b.jp}\n", []string{"--in", notifyFixture, "--dry-run", t.TempDir()}, "starting with /"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, append([]string{"notify", "--config", writeConfig(t, c.cfg)}, c.args...)...)
		if code != cli.ExitFailed || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, want 2 with %q:\n%s", c.name, code, c.want, stderr)
		}
		if strings.Contains(stderr, "hunter2") {
			t.Errorf("%s: the password is echoed", c.name)
		}
	}
}

// TestNotifyGmail sends the plan's notices through the emulator's Gmail
// API as the configured sender, with copies to the org unit contacts
// read from the Directory as the admin.
func TestNotifyGmail(t *testing.T) {
	tn, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	cfg := writeConfig(t, "rate_limits: {gmail: 50}\n"+notifyBase+`  gmail:
    sender: admin@city.sakura.example.jp
  org_unit_contacts:
    - {org_unit: /本庁/教育委員会, contact: kyoiku-soumu@city.sakura.example.jp}
    - {org_unit: /病院, contact: hosp-jimu@hosp.sakura.example.jp}
`)
	plan := filepath.Join("..", "..", "notify", "testdata", "plan.json")
	code, stdout, stderr := run(t, "notify", "--config", cfg, "--plan", plan, "--via", "gmail",
		"--emulator", srv.BaseURL(), "--admin", "admin@city.sakura.example.jp")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	sent := srv.SentMail()
	if len(sent) != 3 {
		t.Fatalf("%d messages sent, want 3", len(sent))
	}
	got := map[string][]string{}
	for _, m := range sent {
		if m.Sender != "admin@city.sakura.example.jp" {
			t.Errorf("sent as %s", m.Sender)
		}
		got[m.Recipients[0]] = m.Recipients[1:]
	}
	want := map[string][]string{
		"kato.e@city.sakura.example.jp":    {"kyoiku-soumu@city.sakura.example.jp"},
		"ikeda.y@hosp.sakura.example.jp":   {"hosp-jimu@hosp.sakura.example.jp"},
		"yoshida.a@city.sakura.example.jp": {},
	}
	for owner, cc := range want {
		if r, ok := got[owner]; !ok || !slices.Equal(r, cc) && len(r)+len(cc) > 0 {
			t.Errorf("%s: copies %v, want %v", owner, r, cc)
		}
	}
	if srv.Calls()["directory.users.get"] != 3 {
		t.Errorf("directory.users.get called %d times, want once per owner", srv.Calls()["directory.users.get"])
	}
}

// TestNotifyGmailNeedsSendScope: a key whose delegation lacks gmail.send
// is refused at the token exchange, and the error says which scope to add.
func TestNotifyGmailNeedsSendScope(t *testing.T) {
	tn, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	key := filepath.Join(t.TempDir(), "key.json")
	if err := cli.WriteEmulatorKey(srv, key, auditor.Scopes); err != nil {
		t.Fatal(err)
	}
	cfg := writeConfig(t, "rate_limits: {gmail: 50}\n"+notifyBase+"  gmail:\n    sender: admin@city.sakura.example.jp\n")
	code, _, stderr := run(t, "notify", "--config", cfg, "--in", notifyFixture, "--via", "gmail",
		"--emulator", srv.BaseURL(), "--credentials", key)
	if code != cli.ExitFailed || !strings.Contains(stderr, auditor.ScopeGmailSend) {
		t.Errorf("exit %d, want 2 naming %s:\n%s", code, auditor.ScopeGmailSend, stderr)
	}
	if n := len(srv.SentMail()); n != 0 {
		t.Errorf("%d messages sent without the scope", n)
	}
	// With the scope delegated the same command sends.
	if err := cli.WriteEmulatorKey(srv, key, cli.AllScopes()); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "notify", "--config", cfg, "--in", notifyFixture, "--via", "gmail",
		"--emulator", srv.BaseURL(), "--credentials", key); code != cli.ExitOK || len(srv.SentMail()) != 4 {
		t.Errorf("with gmail.send: exit %d, %d sent\n%s", code, len(srv.SentMail()), stderr)
	}
}

// TestNotifyGmailWithFaults: with 30% of requests failing (429, 403 rate
// limits, 5xx; seed 5 makes some sends fail) every owner still gets
// exactly one message.
func TestNotifyGmailWithFaults(t *testing.T) {
	tn, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{FaultRate: 0.3, Seed: 5})
	cfg := writeConfig(t, "rate_limits: {gmail: 50}\n"+notifyBase+"  gmail:\n    sender: admin@city.sakura.example.jp\n")
	code, _, stderr := run(t, "notify", "--config", cfg, "--in", notifyFixture, "--via", "gmail", "--emulator", srv.BaseURL())
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	per := map[string]int{}
	for _, m := range srv.SentMail() {
		per[m.Recipients[0]]++
	}
	if len(per) != 4 || per["kato.e@city.sakura.example.jp"] != 1 || per["ikeda.y@hosp.sakura.example.jp"] != 1 || per["yoshida.a@city.sakura.example.jp"] != 1 ||
		per["ito.m@city.sakura.example.jp"] != 1 {
		t.Errorf("messages per owner %v, want one each", per)
	}
	if srv.Calls()["gmail.users.messages.send"] <= 3 {
		t.Errorf("no fault hit the sends (%d calls): the test proves nothing", srv.Calls()["gmail.users.messages.send"])
	}
}

// TestNotifyDemoIsolation audits the sample tenant, writes every owner's
// (and shared-drive manager's) message and checks each against the whole
// report: every item it lists is one its recipient owns or manages.
func TestNotifyDemoIsolation(t *testing.T) {
	dir := t.TempDir()
	runJSON := filepath.Join(dir, "run.json")
	if code, _, stderr := run(t, "audit", "--demo", "--out", runJSON, "--log-level", "error"); code == cli.ExitFailed {
		t.Fatalf("demo audit failed:\n%s", stderr)
	}
	data, err := os.ReadFile(runJSON)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct {
			Resource struct {
				ID, Name, URL, Owner, Path string
				DriveManagers              []string `json:"drive_managers"`
			}
			Status string
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "eml")
	if code, _, stderr := run(t, "notify", "--config", writeConfig(t, notifyBase), "--in", runJSON, "--dry-run", out, "--lang", "en"); code != cli.ExitOK {
		t.Fatalf("notify: exit %d\n%s", code, stderr)
	}
	owners := map[string]bool{}
	recipients := func(owner string, managers []string) []string {
		if owner != "" {
			return []string{owner}
		}
		return managers
	}
	for _, f := range doc.Findings {
		for _, r := range recipients(f.Resource.Owner, f.Resource.DriveManagers) {
			if f.Status != "suppressed" {
				owners[r] = true
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.eml"))
	if len(files) != len(owners) || len(files) < 5 || !owners["hayashi.t@city.sakura.example.jp"] {
		t.Fatalf("%d messages for %d owners", len(files), len(owners))
	}
	for _, file := range files {
		owner := strings.TrimSuffix(filepath.Base(file), ".eml")
		raw, _ := os.ReadFile(file)
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
		if err != nil {
			t.Fatal(err)
		}
		text := string(body)
		mine := map[string]bool{}
		listed := 0
		for _, f := range doc.Findings {
			if slices.Contains(recipients(f.Resource.Owner, f.Resource.DriveManagers), owner) {
				mine["Item: "+cmp.Or(f.Resource.Path, f.Resource.Name, f.Resource.ID)] = true
				mine["Link: "+f.Resource.URL] = true
			}
		}
		// Every item and link line names one of the owner's own items.
		for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			if strings.HasPrefix(line, "Item: ") || strings.HasPrefix(line, "Link: ") {
				listed++
				if !mine[line] {
					t.Errorf("%s: %q is not the owner's item", owner, line)
				}
			}
		}
		if listed == 0 {
			t.Errorf("%s: the message lists no item", owner)
		}
	}
}

// TestNotifyScheduled is the nightly flow: an audit with a store, then
// notify --only-new over SMTP; the next night nothing is new, and nobody
// gets a second message.
func TestNotifyScheduled(t *testing.T) {
	_, base := historyEmulator(t)
	sink := smtpsink.Start(t, smtpsink.Options{TLS: true})
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, sink.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := writeConfig(t, notifyBase+"  smtp:\n    host: "+sink.Host+"\n    port: "+strconv.Itoa(sink.Port)+"\n    ca_file: "+ca+"\n")
	db := filepath.Join(t.TempDir(), "gwsaudit.db")
	runJSON := filepath.Join(t.TempDir(), "run.json")
	for night := 1; night <= 2; night++ {
		if code, _, stderr := run(t, "audit", "--emulator", base, "--admin", "admin@town.example.jp", "--store", db, "--out", runJSON, "--log-level", "error"); code != cli.ExitFindings {
			t.Fatalf("night %d audit: exit %d\n%s", night, code, stderr)
		}
		if code, _, stderr := run(t, "notify", "--config", cfg, "--in", runJSON, "--via", "smtp", "--only-new"); code != cli.ExitOK {
			t.Fatalf("night %d notify: exit %d\n%s", night, code, stderr)
		}
		msgs := sink.Messages()
		if len(msgs) != 1 || !slices.Equal(msgs[0].To, []string{"sato@town.example.jp"}) {
			t.Fatalf("night %d: %d messages %v, want the one of the first night to sato", night, len(msgs), msgs)
		}
	}
}

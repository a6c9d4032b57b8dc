package cli_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// outcome is what a report says about the tenant: findings and gaps,
// without the run's times and counters.
func outcome(t *testing.T, stdout string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("report: %v\n%s", err, stdout)
	}
	cov, _ := doc["coverage"].(map[string]any)
	return map[string]any{"findings": doc["findings"], "gaps": cov["gaps"]}
}

// `--emulator URL --credentials KEY` runs the production key path: a JWT
// exchange at the key's token_uri, scoped tokens checked per method. It
// finds what the identity bearer finds, on the catalog tenant.
func TestAuditEmulatorWithWrittenKey(t *testing.T) {
	tn, err := emulator.Load(filepath.Join("..", "..", "testdata", "tenants", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	key := filepath.Join(t.TempDir(), "key.json")
	if err := cli.WriteEmulatorKey(srv, key, cli.AllScopes()); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", st, err)
	}
	admin := catalogAdmin(t)
	args := []string{"audit", "--emulator", srv.BaseURL(), "--admin", admin, "--format", "json", "--log-level", "warn"}
	code, plain, stderr := run(t, args...)
	if code != cli.ExitFindings {
		t.Fatalf("plain: exit %d\n%s", code, stderr)
	}
	srv.ResetCalls()
	code, keyed, stderr := run(t, append(args, "--credentials", key)...)
	if code != cli.ExitFindings {
		t.Fatalf("with key: exit %d\n%s", code, stderr)
	}
	if srv.Calls()["oauth2.token"] == 0 {
		t.Errorf("no token exchange with --credentials: %v", srv.Calls())
	}
	if d := cmp.Diff(outcome(t, plain), outcome(t, keyed)); d != "" {
		t.Errorf("key run differs from the identity-bearer run (-plain +key):\n%s", d)
	}

	// scan-site with tenant credentials audits through the key as well.
	srv.ResetCalls()
	code, _, stderr = run(t, "scan-site", "--emulator", srv.BaseURL(), "--admin", admin, "--credentials", key,
		"--rate", "100", "--log-level", "warn", "--format", "json", srv.BaseURL()+"/site/index.html")
	if code == cli.ExitFailed { // the catalog has no web site: its page is a gap
		t.Fatalf("scan-site: exit %d\n%s", code, stderr)
	}
	if srv.Calls()["oauth2.token"] == 0 {
		t.Errorf("scan-site made no token exchange: %v", srv.Calls())
	}
}

// `gwsaudit emulator serve --write-key` end to end: the served demo tenant
// is audited through the key it wrote.
func TestEmulatorServeWritesKey(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gwsaudit")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/gwsaudit/gwsaudit/cmd/gwsaudit").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	key := filepath.Join(dir, "key.json")
	serve := exec.Command(bin, "emulator", "serve", "--listen", "127.0.0.1:0", "--write-key", key)
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	serve.Stderr = &stderr
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = serve.Process.Kill(); _ = serve.Wait() })
	// "emulator serving DOMAIN at URL" comes once the key is written.
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	}
	base := strings.TrimSpace(line[strings.LastIndex(line, " "):])
	st, err := os.Stat(key)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v\n%s", st, err, stderr.String())
	}
	code, out, errs := run(t, "audit", "--emulator", base, "--credentials", key, "--admin", demoAdmin(t), "--format", "json", "--log-level", "error")
	if code == cli.ExitFailed {
		t.Fatalf("audit through the written key: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "SHARE-") {
		t.Errorf("no findings through the written key:\n%s", out)
	}
}

// demoAdmin is an active admin of the built-in sample tenant.
func demoAdmin(t *testing.T) string {
	t.Helper()
	tn, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range tn.Users {
		if u.Admin && !u.Suspended {
			return u.Email
		}
	}
	t.Fatal("the sample tenant has no active admin")
	return ""
}

package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// The real thing: the gwsaudit binary, killed with SIGKILL at a random point,
// then run again with --resume, reports exactly what an uninterrupted run
// reports.
func TestResumeAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and audits three times")
	}
	bin := filepath.Join(t.TempDir(), "gwsaudit")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/gwsaudit/gwsaudit/cmd/gwsaudit").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tn, _ := emulator.Synthetic(emulator.SyntheticSpec{Users: 24, ItemsPerUser: 300, SharedDrives: 3, ItemsPerDrive: 150})
	srv := emulatortest.Serve(t, tn, emulator.Options{Latency: 10 * time.Millisecond})
	base := srv.BaseURL()
	srv.ResetCalls()
	args := []string{"audit", "--emulator", base, "--admin", "admin@" + emulator.SyntheticDomain,
		"--format", "json", "--concurrency", "2", "--log-level", "error", "--quiet"}

	started := time.Now()
	reference := findingsOf(t, bin, args...)
	took := time.Since(started)
	referenceLists := srv.Calls()["drive.files.list"]

	ckpt := filepath.Join(t.TempDir(), "run.ckpt")
	withCkpt := append(args[:len(args):len(args)], "--checkpoint", ckpt)
	killed := exec.Command(bin, withCkpt...)
	if err := killed.Start(); err != nil {
		t.Fatal(err)
	}
	delay := time.Duration(rand.Int64N(int64(took*7/10))) + took/10
	t.Logf("reference run took %v; killing after %v", took, delay)
	time.Sleep(delay)
	if err := killed.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = killed.Wait()

	srv.ResetCalls()
	// The resumed run logs at info level how many finished walks the
	// checkpoint gave it: the kill may come before the first walk ends (a
	// checkpoint with only its header) or after the run finished (none).
	resumed, stderr := runAudit(t, bin, append(withCkpt, "--resume", "--log-level", "info", "--log-format", "json")...)
	if !bytes.Equal(reference, resumed) {
		t.Errorf("findings after --resume differ from an uninterrupted run's:\n%s\n%s", reference, resumed)
	}
	walks := resumedWalks(stderr)
	t.Logf("the checkpoint held %d finished walks", walks)
	// Walks the checkpoint holds are not listed again.
	if lists := srv.Calls()["drive.files.list"]; walks > 0 && lists >= referenceLists {
		t.Errorf("resumed run listed %d times, as many as a whole run (%d), though the checkpoint held %d finished walks", lists, referenceLists, walks)
	}
	if _, err := os.Stat(ckpt); !os.IsNotExist(err) {
		t.Errorf("checkpoint still there after the resumed run finished: %v", err)
	}
}

// findingsOf runs gwsaudit and returns the findings of its JSON report.
func findingsOf(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	findings, _ := runAudit(t, bin, args...)
	return findings
}

// resumedWalks is the number of finished walks a resumed run's JSON log
// says it took from the checkpoint; 0 when it resumed none.
func resumedWalks(log []byte) int {
	for line := range bytes.Lines(log) {
		var entry struct {
			Walks   int    `json:"walks"`
			Message string `json:"message"`
		}
		if json.Unmarshal(line, &entry) == nil && strings.HasPrefix(entry.Message, "resuming") {
			return entry.Walks
		}
	}
	return 0
}

// runAudit runs gwsaudit, expecting exit 1, and returns the findings of its
// JSON report and what it wrote to stderr.
func runAudit(t *testing.T, bin string, args ...string) ([]byte, []byte) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("gwsaudit exit %d (%v), want 1 (findings)\n%s", code, err, stderr.String())
	}
	var doc struct {
		Findings json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("report: %v", err)
	}
	return doc.Findings, stderr.Bytes()
}

// A run resumed with options that change findings would mix two audits:
// it is refused with exit 2, naming what differs; with the same options it
// is finished.
func TestResumeWithOtherOptionsIsRefused(t *testing.T) {
	tn, _ := emulator.Synthetic(emulator.SyntheticSpec{Users: 12, ItemsPerUser: 20})
	srv := emulatortest.Serve(t, tn, emulator.Options{Latency: 2 * time.Millisecond})
	admin := "admin@" + emulator.SyntheticDomain
	ckpt := filepath.Join(t.TempDir(), "run.ckpt")

	// Interrupt a run, as `--partner-domain partner-bench.example.com`
	// would start it, when its third walk lists files (two are saved).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := auditor.Run(ctx, auditor.Options{
		Admin: admin, Endpoint: srv.BaseURL(), Credentials: auditor.EmulatorCredentials{}, Concurrency: 1,
		AuditLogWindow: 180 * 24 * time.Hour, PartnerDomains: []string{"Partner-Bench.example.com"},
		FreeMailDomains: configs.DefaultFreeMailDomains(), Keywords: configs.DefaultPersonalDataKeywords(),
		Log: zerolog.Nop(), Checkpoint: ckpt,
		Transport: cancelAfter(http.DefaultTransport, "/drive/v3/files", 3, cancel),
	})
	if err == nil {
		t.Fatal("the run to interrupt finished")
	}
	args := []string{"audit", "--emulator", srv.BaseURL(), "--admin", admin, "--format", "json", "--quiet",
		"--log-level", "error", "--checkpoint", ckpt, "--resume"}

	code, _, stderr := run(t, append(args, "--partner-domain", "other.example.com")...)
	if code != cli.ExitFailed || !strings.Contains(stderr, "options differ from the interrupted run: partner_domains") {
		t.Errorf("resume with another partner domain: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, append(args, "--partner-domain", "partner-bench.example.com", "--audit-log-days", "30")...)
	if code != cli.ExitFailed || !strings.Contains(stderr, "audit_log_days") || strings.Contains(stderr, "partner_domains") {
		t.Errorf("resume with another log window: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = run(t, append(args, "--partner-domain", "partner-bench.example.com")...); code != cli.ExitFindings {
		t.Errorf("resume with the same options: exit %d, stderr %q", code, stderr)
	}
}

// cancelAfter passes requests on to next and calls cancel when the n-th
// request to a path starting with prefix goes out: an interruption at a
// chosen point of a run.
func cancelAfter(next http.RoundTripper, prefix string, n int64, cancel func()) http.RoundTripper {
	var seen atomic.Int64
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if strings.HasPrefix(r.URL.Path, prefix) && seen.Add(1) == n {
			cancel()
		}
		return next.RoundTrip(r)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

package cli_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

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
	_, statErr := os.Stat(ckpt)
	saved := statErr == nil

	srv.ResetCalls()
	resumed := findingsOf(t, bin, append(withCkpt, "--resume")...)
	if !bytes.Equal(reference, resumed) {
		t.Errorf("findings after --resume differ from an uninterrupted run's:\n%s\n%s", reference, resumed)
	}
	// Walks the checkpoint holds are not listed again.
	if lists := srv.Calls()["drive.files.list"]; saved && lists >= referenceLists {
		t.Errorf("resumed run listed %d times, as many as a whole run (%d): the checkpoint was not used", lists, referenceLists)
	}
	if _, err := os.Stat(ckpt); !os.IsNotExist(err) {
		t.Errorf("checkpoint still there after the resumed run finished: %v", err)
	}
}

// findingsOf runs gwsaudit and returns the findings of its JSON report.
func findingsOf(t *testing.T, bin string, args ...string) []byte {
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
	return doc.Findings
}

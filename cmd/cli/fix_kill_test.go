//go:build unix

package cli_test

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
)

// TestFixHelperProcess is where TestFixApplyKilled runs fix apply: in a
// child process that kills itself (SIGKILL, no clean-up of any kind) after
// a number of actions. Run alone it does nothing.
func TestFixHelperProcess(t *testing.T) {
	if os.Getenv("GWSAUDIT_FIX_CHILD") != "1" {
		t.Skip("the child process of TestFixApplyKilled")
	}
	after, _ := strconv.Atoi(os.Getenv("GWSAUDIT_FIX_KILL_AFTER"))
	cli.SetFixAfterAction(func(done int) bool {
		if done == after {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
		return false
	})
	args := strings.Split(os.Getenv("GWSAUDIT_FIX_ARGS"), "\x1f")
	os.Exit(cli.Run(append([]string{"gwsaudit"}, args...), os.Stdout, os.Stderr))
}

// A fix apply killed with SIGKILL mid-run is finished by rerunning it with
// its journal: the end state is the uninterrupted run's, and no grant is
// changed twice.
func TestFixApplyKilled(t *testing.T) {
	r := newFixRig(t, emulator.Options{})
	first := r.audit("run1")
	p := r.makePlan("run1")
	args := append([]string{"fix", "apply", "--plan", r.plan, "--journal", r.journal, "--yes"}, r.access()...)
	child := exec.Command(os.Args[0], "-test.run=^TestFixHelperProcess$")
	child.Env = append(os.Environ(), "GWSAUDIT_FIX_CHILD=1", "GWSAUDIT_FIX_KILL_AFTER=4", "GWSAUDIT_FIX_ARGS="+strings.Join(args, "\x1f"))
	out, err := child.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed: %v\n%s", err, out)
	}
	if n := len(r.srv.Writes()); n != 4 {
		t.Fatalf("%d grants removed before the kill, want 4", n)
	}
	code, stdout, stderr := r.apply()
	if code != cli.ExitOK || !strings.Contains(stdout, "done by an earlier run (journal): 4") {
		t.Fatalf("resumed apply: exit %d\n%s\n%s", code, stdout, stderr)
	}
	checkApplied(t, r, p, first, r.audit("run2"), nil)
}

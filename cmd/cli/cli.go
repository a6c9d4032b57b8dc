// Package cli holds gwsaudit's commands. Run returns the process exit code,
// so the whole command line runs in tests.
package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// Exit codes (docs/DESIGN.md).
const (
	ExitOK       = 0 // nothing at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitFailed   = 2 // the run itself failed: config, credentials, access
	ExitGaps     = 3 // the run finished, but coverage has gaps
)

// exitCodesHelp explains the exit codes in the help of the commands that
// audit (audit, probe, scan-site).
const exitCodesHelp = `Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on; they win over gaps
  2  the run failed: config, credentials, access (the message says what to do)
  3  the run finished, but coverage has gaps: the report lists what was not audited`

// Version is set at build time with -ldflags "-X …/cmd/cli.Version=v1.2.3".
var Version = "dev"

// exitError carries an exit code up to Run without printing anything more.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Run executes gwsaudit with args (args[0] is the program name).
func Run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	if len(args) > 0 {
		args = args[1:]
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	var ee exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	default:
		// In the user's language where the error can say itself so
		// (usererr); English otherwise, and always in English logs.
		lang := errorLang(cmd, args)
		colon := ": "
		if lang == "ja" {
			colon = "："
		}
		fmt.Fprintf(stderr, "gwsaudit%s%s\n", colon, usererr.Localize(err, lang))
		return ExitFailed
	}
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "gwsaudit",
		Short: "Audit Google Workspace sharing and Forms settings that leak personal data",
		Long: `gwsaudit walks a Google Workspace tenant's Drive and Forms through Google's
APIs (read-only) and reports the mistakes that keep leaking personal data:
forms whose response summary is published, files open to anyone with the
link, lookalike collaborators, access left behind after a folder was unshared.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	// A flag cobra cannot parse: its text, said as a usererr so that a
	// Japanese user is told, in Japanese, where to look.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usererr.New(usererr.FlagError, err.Error(), c.CommandPath())
	})
	root.AddCommand(newAuditCmd(stdout, stderr), newChecksCmd(stdout), newReportCmd(stdout, stderr), newEmulatorCmd(stdout, stderr))
	root.AddCommand(newProbeCmd(stdout, stderr))
	root.AddCommand(newScanSiteCmd(stdout, stderr))
	root.AddCommand(newHistoryCmd(stdout, stderr))
	root.AddCommand(newDiffCmd(stdout, stderr))
	root.AddCommand(newFixCmd(stdout, stderr))
	root.AddCommand(newNotifyCmd(stdout, stderr))
	return root
}

package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/remediate"
)

// fixAfterAction is a test hook: called after each journaled action of
// fix apply; true stops the run there, as an interruption would.
var fixAfterAction func(done int) bool

func newFixApplyCmd(stdout, stderr io.Writer) *cobra.Command {
	var planPath, journal, maxAge string
	cmd := &cobra.Command{
		Use:   "apply",
		Short: "Make the plan's changes, journaling each one",
		Long: `Make the plan's changes. Each grant is read again first and changed only if
it is still as the audit saw it; a changed grant is skipped and reported.
Every change is written to the journal (append-only, synced) before the next
one: rerun the same command after a crash to finish, and undo with
gwsaudit fix undo --journal. Without --yes it asks first, showing the
counts by check and owner.`,
		Example: `  gwsaudit fix apply --plan plan.json --journal fix.journal --admin admin@city.example.jp --credentials fixer-key.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if planPath == "" || journal == "" {
				return usererr.New(usererr.FixApplyNeeds)
			}
			age, err := parseAge(maxAge)
			if err != nil {
				return err
			}
			env, err := newFixEnv(cmd, stderr)
			if err != nil {
				return err
			}
			plan, sum, err := readPlanFile(planPath)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			primary, err := env.fixer.PrimaryDomain(ctx)
			if err != nil {
				return usererr.Wrap(err, usererr.CheckTenant)
			}
			if err := plan.CheckFor(primary, time.Now(), age); err != nil {
				return usererr.Wrap(err, usererr.FlagValue, "--plan", planPath)
			}
			if !env.yes && !confirmApply(cmd, stdout, plan, env.lang) {
				return usererr.New(usererr.NotConfirmed)
			}
			j, err := openJournal(journal)
			if err != nil {
				return err
			}
			defer j.Close()
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			opts := remediate.ApplyOptions{Admin: env.admin, Log: env.log}
			if hook := fixAfterAction; hook != nil {
				opts.AfterAction = func(n int) {
					if hook(n) {
						cancel()
					}
				}
			}
			out, err := remediate.Apply(ctx, env.fixer, plan, sum, j, opts)
			if out != nil && (err == nil || out.Changed+out.Gone+out.Already+len(out.Skipped)+len(out.Failed) > 0) {
				writeOutcome(stdout, out, env.lang, false)
			}
			if err != nil {
				return err
			}
			if len(out.Failed) > 0 {
				return usererr.New(usererr.FixFailed, len(out.Failed))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&planPath, "plan", "", "the reviewed plan (gwsaudit fix plan --out)")
	f.StringVar(&journal, "journal", "", "append each change to `FILE` (created if missing; rerun with it to resume)")
	f.StringVar(&maxAge, "max-plan-age", "7d", "refuse a plan older than this (days such as 7d, or a duration)")
	addFixAccessFlags(f)
	return cmd
}

func newFixUndoCmd(stdout, stderr io.Writer) *cobra.Command {
	var journal string
	var actions []int
	cmd := &cobra.Command{
		Use:   "undo",
		Short: "Restore the grants a fix apply removed, from its journal",
		Long: `Restore the grants the journal says fix apply removed, as they were (role,
link discovery, expiry), without sending notification e-mails. A principal
that has access again is left as it is and reported. The undo is journaled
too: rerun it after a crash to finish.`,
		Example: `  gwsaudit fix undo --journal fix.journal --admin admin@city.example.jp --credentials fixer-key.json
  gwsaudit fix undo --journal fix.journal --action 3 --action 7 --yes …`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if journal == "" {
				return usererr.New(usererr.FixUndoNeeds)
			}
			if _, err := os.Stat(journal); err != nil {
				return usererr.Wrap(err, usererr.FlagValue, "--journal", journal)
			}
			env, err := newFixEnv(cmd, stderr)
			if err != nil {
				return err
			}
			j, err := openJournal(journal)
			if err != nil {
				return err
			}
			defer j.Close()
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if recs := j.Records(); len(recs) > 0 {
				primary, err := env.fixer.PrimaryDomain(ctx)
				if err != nil {
					return usererr.Wrap(err, usererr.CheckTenant)
				}
				if !strings.EqualFold(recs[0].Tenant, primary) {
					return usererr.New(usererr.JournalOtherTenant, journal, recs[0].Tenant, primary)
				}
			}
			if !env.yes && !confirmUndo(cmd, stdout, j, env.lang) {
				return usererr.New(usererr.NotConfirmed)
			}
			out, err := remediate.Undo(ctx, env.fixer, j, remediate.UndoOptions{Actions: actions, Log: env.log})
			if out != nil && (err == nil || out.Changed+out.Gone+out.Already+len(out.Skipped)+len(out.Failed) > 0) {
				writeOutcome(stdout, out, env.lang, true)
			}
			if err != nil {
				return err
			}
			if len(out.Failed) > 0 {
				return usererr.New(usererr.UndoFailed, len(out.Failed))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&journal, "journal", "", "the journal fix apply wrote")
	f.IntSliceVar(&actions, "action", nil, "restore only these plan actions (repeatable)")
	addFixAccessFlags(f)
	return cmd
}

// fixEnv is what apply and undo share: settings, logger and the Fixer.
type fixEnv struct {
	fixer *auditor.Fixer
	admin string
	lang  string
	yes   bool
	log   zerolog.Logger
}

func newFixEnv(cmd *cobra.Command, stderr io.Writer) (*fixEnv, error) {
	configFile, _ := cmd.Flags().GetString("config")
	s, err := loadSettings(cmd.Flags(), configFile)
	if err != nil {
		return nil, err
	}
	if s.OAuthClient != "" {
		return nil, usererr.New(usererr.FixNoOAuth)
	}
	lang, err := fixLang(s.Lang)
	if err != nil {
		return nil, err
	}
	log, err := newLogger(stderr, s.LogLevel, s.LogFormat)
	if err != nil {
		return nil, err
	}
	creds, err := credentials(s)
	if err != nil {
		return nil, err
	}
	admin := strings.ToLower(strings.TrimSpace(s.Admin))
	fx, err := auditor.NewFixer(auditor.FixOptions{Admin: admin, Endpoint: strings.TrimRight(s.Emulator, "/"), Credentials: creds,
		AttemptTimeout: s.AttemptTimeout, RateLimits: s.RateLimits, Log: log})
	if err != nil {
		return nil, err
	}
	yes, _ := cmd.Flags().GetBool("yes")
	return &fixEnv{fixer: fx, admin: admin, lang: lang, yes: yes, log: log}, nil
}

// readPlanFile reads and checks the plan at path.
func readPlanFile(path string) (*remediate.Plan, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", usererr.Wrap(err, usererr.FlagOnly, "--plan")
	}
	defer f.Close()
	p, sum, err := remediate.ReadPlan(f)
	if err != nil {
		return nil, "", usererr.Wrap(err, usererr.FlagValue, "--plan", path)
	}
	return p, sum, nil
}

// ask prints question and reads a yes from the command's input.
func ask(cmd *cobra.Command, w io.Writer, question string) bool {
	fmt.Fprint(w, question)
	line, _ := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "はい":
		return true
	}
	return false
}

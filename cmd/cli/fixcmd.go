package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/remediate"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/suppress"
)

func newFixCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fix",
		Short: "Close what an audit found, and undo it: plan, apply, undo",
		Long: `Close the exposures an audit found, under change control:

  fix plan   writes the permission changes that would close the selected
             findings (plan.json, reviewable and editable) and the owner
             notices no API can close (a form's summary setting);
  fix apply  makes them, each only if the grant is still as the audit saw
             it, journaling every change (fsynced) so that a rerun resumes;
  fix undo   restores what the journal recorded, without notifying anyone.

Only fix apply and fix undo write; they ask for the drive scope in a token
of their own, which audits never request (README → Fixing).`,
	}
	cmd.AddCommand(newFixPlanCmd(stdout, stderr), newFixApplyCmd(stdout, stderr), newFixUndoCmd(stdout, stderr))
	return cmd
}

func newFixPlanCmd(stdout, _ io.Writer) *cobra.Command {
	var in, out, suppressions, lang, config string
	var checkIDs, fingerprints, owners []string
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Write the changes that would close the selected findings",
		Example: `  gwsaudit fix plan --in run.json --check SHARE-001,SHARE-002 --out plan.json
  gwsaudit fix plan --in run.json --owner kato@city.example.jp --suppressions accepted.yaml --out plan.json --lang ja`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if in == "" || out == "" {
				return usererr.New(usererr.FixPlanNeedsInOut)
			}
			lang, err := readerLang(lang, config)
			if err != nil {
				return err
			}
			ids, err := checkIDs2(checkIDs)
			if err != nil {
				return err
			}
			doc, err := readReport(in)
			if err != nil {
				return err
			}
			sel := remediate.Selection{Checks: ids, Fingerprints: fingerprints, Owners: owners}
			if suppressions == "" {
				if suppressions, err = configSuppressions(config); err != nil {
					return err
				}
			}
			if suppressions != "" {
				if sel.Suppressions, err = loadSuppressions(suppressions); err != nil {
					return err
				}
			}
			plan, err := remediate.Build(doc, sel)
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, func(w io.Writer) error { return remediate.WritePlan(w, plan) }); err != nil {
				return usererr.Wrap(err, usererr.FlagValue, "--out", out)
			}
			return remediate.WriteSummary(stdout, plan, lang)
		},
	}
	f := cmd.Flags()
	f.StringVar(&in, "in", "", "the audit's JSON report (gwsaudit audit --out run.json)")
	f.StringVar(&out, "out", "", "write the plan to `PLAN.json`")
	f.StringSliceVar(&checkIDs, "check", nil, "plan only findings of these checks (comma-separated or repeated)")
	f.StringSliceVar(&fingerprints, "finding", nil, "plan only these findings (fingerprints; comma-separated or repeated)")
	f.StringSliceVar(&owners, "owner", nil, "plan only items these addresses own (comma-separated or repeated)")
	f.StringVar(&suppressions, "suppressions", "", "suppression file: accepted risks are never planned (default $GWSAUDIT_SUPPRESSIONS, then the config's suppressions)")
	f.StringVar(&lang, "lang", "", "summary language: en or ja (default $GWSAUDIT_LANG, then the config's lang, then the locale)")
	f.StringVar(&config, "config", "", "config file (YAML) of the audit, for its lang and suppressions")
	return cmd
}

// loadSuppressions reads the suppression file --suppressions names: one
// that cannot be read says why (missing, permission), one that does not
// parse quotes the parser's reason.
func loadSuppressions(path string) (*suppress.List, error) {
	l, err := suppress.Load(path)
	if err == nil {
		return l, nil
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return nil, usererr.Wrap(pe, usererr.SuppressionsOpen)
	}
	return nil, usererr.Wrap(cmp.Or(errors.Unwrap(err), err), usererr.SuppressionsInvalid, path)
}

// configSuppressions is the suppression file the audit would use when
// --suppressions is not given: $GWSAUDIT_SUPPRESSIONS, else the config
// file's suppressions key ("" for none), as audit reads it.
func configSuppressions(configFile string) (string, error) {
	v := viper.New()
	v.SetEnvPrefix("GWSAUDIT")
	_ = v.BindEnv("suppressions")
	if configFile != "" {
		if err := readConfigFile(v, configFile); err != nil {
			return "", err
		}
	}
	return v.GetString("suppressions"), nil
}

// openJournal opens (or creates) the journal --journal names: one that
// cannot be opened says why, one that is not a journal quotes the reason.
func openJournal(path string) (*remediate.Journal, error) {
	j, err := remediate.OpenJournal(path)
	if err == nil {
		return j, nil
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return nil, usererr.Wrap(pe, usererr.JournalOpen, path)
	}
	return nil, usererr.Wrap(cmp.Or(errors.Unwrap(err), err), usererr.JournalInvalid, path)
}

// checkIDs2 validates check IDs given to fix plan's --check.
func checkIDs2(ids []string) ([]string, error) {
	return checkIDs("--check", ids)
}

// fixLang resolves --lang for the fix commands.
func fixLang(lang string) (string, error) {
	if lang == "" {
		lang = langFromLocale()
	}
	if lang != "en" && lang != "ja" {
		return "", fmt.Errorf("--lang %q: want en or ja", lang)
	}
	return lang, nil
}

// readReport reads a saved JSON report.
func readReport(path string) (*report.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usererr.Wrap(err, usererr.OpenIn)
	}
	defer f.Close()
	doc, err := report.ReadJSON(f)
	if err != nil {
		return nil, usererr.Wrap(err, usererr.NotAReportIn, path)
	}
	return doc, nil
}

// writeFileAtomic writes path through a temporary file renamed into place.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(dirOf(path), ".gwsaudit-plan-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:i+1]
	}
	return "."
}

// addFixAccessFlags adds the flags that say how fix apply and undo reach
// Google (as audit's).
func addFixAccessFlags(f *pflag.FlagSet) {
	f.String("config", "", "config file (YAML): admin, credentials, emulator, rate_limits… as for audit")
	f.String("emulator", "", "base URL of a Workspace emulator (docs/EMULATOR.md)")
	f.String("admin", "", "super admin address: checks the tenant and changes shared drives' members")
	f.String("credentials", "", "service-account JSON key with domain-wide delegation of the drive scope (README → Fixing)")
	f.String("impersonate", "", "service account to impersonate keylessly with Application Default Credentials")
	f.String("client-id", "", "the service account's OAuth client ID, quoted in delegation hints")
	f.Duration("attempt-timeout", 0, "give up one try of an API call after this long (then retry)")
	f.String("lang", "", "language of the prompt and the result: en or ja (default $GWSAUDIT_LANG, then the config's lang, then the locale)")
	f.Bool("yes", false, "do not ask for confirmation")
	f.String("log-level", "warn", "debug, info, warn or error")
	f.String("log-format", "auto", "json, console or auto (console on a terminal)")
}

// parseAge reads --max-plan-age: a Go duration or a number of days ("7d").
func parseAge(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 {
			return 0, usererr.New(usererr.BadMaxPlanAge, s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, usererr.New(usererr.BadMaxPlanAge, s)
	}
	return d, nil
}

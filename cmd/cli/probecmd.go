package cli

import (
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
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/pipeline"
	"github.com/gwsaudit/gwsaudit/report"
)

func newProbeCmd(stdout, stderr io.Writer) *cobra.Command {
	var configFile string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "probe URL...",
		Short: "Check Google Forms from outside, without credentials",
		Long: `probe opens each Google Forms URL the way an anonymous visitor does — a
respondent link (…/viewform), a forms.gle short link or an edit link
(…/edit) — and says whether the response summary is published, whether the
form needs sign-in, whether it collects e-mail addresses and which questions
ask for personal data; for an edit link, whether it opens without sign-in.
No credentials are used, and nothing is fetched but Google's public form
pages.

` + exitCodesHelp,
		Example: `  gwsaudit probe https://forms.gle/AbCdEf123
  gwsaudit probe https://docs.google.com/forms/d/e/1FAIpQL.../viewform --lang ja --out probe.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, urls []string) error {
			s, log, err := publicSettings(cmd, configFile, stderr)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			ctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			opts, err := probeOptions(s, log)
			if err != nil {
				return err
			}
			o, err := publicOptions(s, log, stdout, stderr)
			if err != nil {
				return err
			}
			v, err := pipeline.Probe(ctx, urls, opts, o)
			if err != nil {
				return err
			}
			return exitOf(v)
		},
	}
	publicFlags(cmd, &configFile)
	cmd.Flags().DurationVar(&timeout, "timeout", 5*time.Minute, "time limit for the whole run")
	return cmd
}

// publicFlags are the flags of the commands that need no admin rights.
func publicFlags(cmd *cobra.Command, configFile *string) {
	f := cmd.Flags()
	f.StringVar(configFile, "config", "", "config file (YAML): language, keywords, fail-on")
	f.String("emulator", "", "base URL of a Workspace emulator: Google URLs are fetched from it (tests, demos)")
	f.StringArray("out", nil, "write the report to `PATH` (format from the extension); repeatable")
	f.String("format", "console", "what goes to stdout: console or json (verdicts then go to stderr)")
	f.String("lang", "", "report language: en or ja (default from config, then the locale)")
	f.String("fail-on", "high", "exit 1 when a finding is at or above this severity")
	f.StringArray("keywords-file", nil, "extra personal-data keyword list (one a line); repeatable")
	f.String("log-level", "warn", "debug, info, warn or error")
	f.String("log-format", "auto", "json, console or auto")
}

// publicSettings loads and checks the settings shared by probe and scan-site.
func publicSettings(cmd *cobra.Command, configFile string, stderr io.Writer) (*settings, zerolog.Logger, error) {
	s, err := loadSettings(cmd.Flags(), configFile)
	if err != nil {
		return nil, zerolog.Nop(), err
	}
	log, err := newLogger(stderr, s.LogLevel, s.LogFormat)
	if err != nil {
		return nil, log, err
	}
	if s.Format != "console" && s.Format != "json" {
		return nil, log, usererr.New(usererr.BadFormat, s.Format)
	}
	if s.Lang != "en" && s.Lang != "ja" {
		return nil, log, fmt.Errorf("--lang %q: want en or ja", s.Lang)
	}
	if err := checkOutputs(cmd.Context(), s.Out, outputOptions{Lang: s.Lang}); err != nil {
		return nil, log, err
	}
	return s, log, nil
}

func probeOptions(s *settings, log zerolog.Logger) (auditor.ProbeOptions, error) {
	kw, err := s.keywords()
	if err != nil {
		return auditor.ProbeOptions{}, err
	}
	endpoint := strings.TrimRight(s.Emulator, "/")
	return auditor.ProbeOptions{
		Endpoint: endpoint,
		// The emulator runs on loopback; nothing else may be private.
		AllowPrivate: endpoint != "",
		RateLimits:   s.RateLimits,
		Keywords:     kw,
		Log:          log,
	}, nil
}

// publicOptions are the pipeline options of probe and scan-site: the
// reports, then the verdict and link lines (on stderr with --format json),
// then the console summary or the JSON document.
func publicOptions(s *settings, log zerolog.Logger, stdout, stderr io.Writer) (pipeline.Options, error) {
	failOn, err := model.ParseSeverity(s.FailOn)
	if err != nil {
		return pipeline.Options{}, usererr.New(usererr.BadFailOn, s.FailOn, strings.Join(model.SeverityNames(), ", "))
	}
	return pipeline.Options{FailOn: failOn, Lang: s.Lang, Version: Version, Log: log,
		Write: func(ctx context.Context, r *pipeline.Report) error {
			if err := writeOutputs(ctx, r.Doc, s.Out, outputOptions{Lang: s.Lang}, log); err != nil {
				return err
			}
			vw := stdout
			if s.Format == "json" {
				vw = stderr
			}
			if err := report.WriteVerdicts(vw, s.Lang, r.Verdicts); err != nil {
				return fmt.Errorf("write verdicts: %w", err)
			}
			if err := report.WriteLinks(vw, s.Lang, r.Links); err != nil {
				return fmt.Errorf("write links: %w", err)
			}
			if s.Format == "console" {
				fmt.Fprintln(stdout)
			}
			return writeStdout(stdout, r.Doc, s.Format, s.Lang)
		}}, nil
}

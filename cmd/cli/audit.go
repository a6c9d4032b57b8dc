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
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/pipeline"
	"github.com/gwsaudit/gwsaudit/report"
)

func newAuditCmd(stdout, stderr io.Writer) *cobra.Command {
	var configFile string
	var demo bool
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Audit a tenant and report findings",
		Long: `Audit a Google Workspace tenant (read-only) and report findings.

` + exitCodesHelp + `
With --fail-on-new only findings new since the last recorded run give 1.`,
		Example: `  gwsaudit audit --demo --out demo-report.json
  gwsaudit audit --admin admin@city.example.jp --credentials key.json --out report.json
  gwsaudit audit --admin admin@city.example.jp --impersonate auditor@project.iam.gserviceaccount.com
  gwsaudit audit --emulator http://127.0.0.1:8089 --admin admin@example.jp --out report.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if demo && configFile == "" {
				configFile = "demo"
			}
			s, err := loadAuditSettings(cmd, configFile)
			if err != nil {
				return err
			}
			// On a terminal the progress line and the log share stderr
			// through one statusLine, so they never share a line.
			var progress *statusLine
			logOut := stderr
			if !s.Quiet && isTerminal(stderr) {
				progress = &statusLine{w: stderr}
				logOut = progress
			}
			log, err := newLogger(logOut, s.LogLevel, s.LogFormat)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if demo {
				closeDemo, err := startDemo(s, log)
				if err != nil {
					return err
				}
				defer closeDemo()
			}
			return runAudit(ctx, s, log, stdout, progress)
		},
	}
	f := cmd.Flags()
	f.StringVar(&configFile, "config", "", "config file (YAML); see configs/")
	f.BoolVar(&demo, "demo", false, "audit the built-in sample tenant on an in-process emulator")
	f.String("emulator", "", "base URL of a Workspace emulator (docs/EMULATOR.md); without --credentials no credentials are loaded")
	f.String("admin", "", "super admin address the Directory and Reports calls act as")
	f.String("credentials", "", "service-account JSON key with domain-wide delegation (default $GOOGLE_APPLICATION_CREDENTIALS)")
	f.String("impersonate", "", "service account to impersonate keylessly with Application Default Credentials")
	f.String("client-id", "", "the service account's OAuth client ID, quoted in delegation hints")
	f.String("oauth-client", "", "no admin rights: sign in with your own Google account through this installed-app OAuth client (client_secret.json) and audit only your own Drive and forms")
	f.StringArray("out", nil, "write the report to `PATH`, format from the extension (.json, .csv, .xlsx, .html, .md) or sheets:[TITLE] for Google Sheets; repeatable")
	f.String("format", "console", "what goes to stdout: console or json")
	f.String("lang", "", "report language: en or ja (default from config, then the locale)")
	f.String("fail-on", "high", "exit 1 when a finding is at or above this severity: critical, high, medium, low, info")
	f.Int("concurrency", 8, "users walked at once; shared drives are walked alongside, a quarter as many")
	f.Int("audit-log-days", maxAuditLogDays, "days of Drive audit log to read for SHARE-007 (at most 179: Google keeps 180)")
	f.Duration("attempt-timeout", auditor.DefaultAttemptTimeout, "give up one try of an API call or page after this long (then retry, then record a gap)")
	f.StringSlice("checks", nil, "run only these checks (comma-separated IDs, e.g. FORM-001,FORM-002); the report says which ran")
	f.StringArray("partner-domain", nil, "outside domain the organisation works with on purpose; repeatable")
	f.StringArray("internal-domain", nil, "extra domain to treat as internal; repeatable")
	f.StringArray("keywords-file", nil, "extra personal-data keyword list (one a line); repeatable")
	f.Bool("quiet", false, "no progress display on stderr")
	f.String("checkpoint", "", "save progress to `FILE` so that a killed run can be finished with --resume")
	f.Bool("resume", false, "finish the run saved in --checkpoint, re-walking only unfinished users and shared drives")
	f.String("log-level", "info", "debug, info, warn or error")
	f.String("log-format", "auto", "json, console or auto (console on a terminal)")
	f.String("notify-webhook-file", "", "post a short summary to the chat webhook whose URL this `FILE` holds when the run has new exposures (needs --store; or set $GWSAUDIT_NOTIFY_WEBHOOK)")
	addOutputFlags(f, cmd)
	addHistoryFlags(f)
	return cmd
}

// loadAuditSettings reads settings; "demo" names the built-in demo config.
func loadAuditSettings(cmd *cobra.Command, configFile string) (*settings, error) {
	if configFile != "demo" {
		return loadSettings(cmd.Flags(), configFile)
	}
	tmp, err := os.CreateTemp("", "gwsaudit-demo-*.yaml")
	if err != nil {
		return nil, fmt.Errorf("demo config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(configs.DemoConfig()); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("demo config: %w", err)
	}
	tmp.Close()
	return loadSettings(cmd.Flags(), tmp.Name())
}

// startDemo serves the built-in sample tenant on a free loopback port and
// points the settings at it.
func startDemo(s *settings, log zerolog.Logger) (func(), error) {
	tenant, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		return nil, fmt.Errorf("built-in sample tenant: %w", err)
	}
	recentAuditLog(tenant, time.Now())
	srv, err := emulator.New(tenant, emulator.Options{})
	if err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	s.Emulator = base
	if s.Admin == "" {
		for _, u := range tenant.Users {
			if u.Admin && !u.Suspended {
				s.Admin = u.Email
				break
			}
		}
	}
	log.Info().Str("url", base).Str("tenant", tenant.PrimaryDomain).Msg("sample tenant served by the built-in emulator")
	return func() { srv.Close() }, nil
}

// runAudit audits, writes the reports and turns the result into an exit
// code; progress, when not nil, shows the progress line on the terminal.
func runAudit(ctx context.Context, s *settings, log zerolog.Logger, stdout io.Writer, progress *statusLine) error {
	failOn, err := model.ParseSeverity(s.FailOn)
	if err != nil {
		return usererr.New(usererr.BadFailOn, s.FailOn, strings.Join(model.SeverityNames(), ", "))
	}
	if s.Format != "console" && s.Format != "json" {
		return usererr.New(usererr.BadFormat, s.Format)
	}
	if s.Lang != "en" && s.Lang != "ja" {
		return fmt.Errorf("--lang %q: want en or ja", s.Lang)
	}
	outOpts := outputOptions{Lang: s.Lang, Settings: s, OnlyNew: s.History.OnlyNew,
		PerOwner: perOwnerOptions{Dir: s.OutPerOwner, GroupBy: s.GroupBy, Formats: s.PerOwnerFormat}}
	if err := checkOutputs(ctx, s.Out, outOpts); err != nil {
		return err
	}
	opts, err := auditOptions(ctx, s, log)
	if err != nil {
		return err
	}
	if s.Resume && s.Checkpoint == "" {
		return usererr.New(usererr.ResumeNeedsCheckpoint)
	}
	if progress != nil {
		opts.OnProgress = progressPrinter(progress, s.Lang)
	}
	hist, err := historyOptions(s)
	if err != nil {
		return err
	}
	hook, err := auditWebhook(s, hist.Store)
	if err != nil {
		return err
	}
	v, err := pipeline.Audit(ctx, opts, hist, pipeline.Options{
		FailOn: failOn, Lang: s.Lang, Version: Version, Log: log,
		Write: func(ctx context.Context, r *pipeline.Report) error {
			if err := writeOutputs(ctx, r.Doc, s.Out, outOpts, log); err != nil {
				return err
			}
			out := r.Doc
			if s.History.OnlyNew && s.Format != "json" {
				out = onlyNew(out)
			}
			err := writeStdout(stdout, out, s.Format, s.Lang)
			postWebhook(ctx, hook, r.Doc, s.Lang, log)
			return err
		},
	})
	if err != nil {
		return err
	}
	return exitOf(v)
}

// exitOf turns a run's verdict into nil or an exitError (docs/DESIGN.md's
// exit codes).
func exitOf(v pipeline.Verdict) error {
	switch v {
	case pipeline.Findings:
		return exitError{ExitFindings}
	case pipeline.Gaps:
		return exitError{ExitGaps}
	}
	return nil
}

// auditOptions turns settings into auditor options, loading credentials.
func auditOptions(ctx context.Context, s *settings, log zerolog.Logger) (*auditor.Options, error) {
	kw, err := s.keywords()
	if err != nil {
		return nil, err
	}
	auds, rules, err := s.audiencePolicy()
	if err != nil {
		return nil, err
	}
	ids, err := checkIDs("--checks", s.Checks)
	if err != nil {
		return nil, err
	}
	creds, err := credentials(s)
	if err != nil {
		return nil, err
	}
	_ = ctx
	return &auditor.Options{
		Admin:                strings.ToLower(strings.TrimSpace(s.Admin)),
		Endpoint:             strings.TrimRight(s.Emulator, "/"),
		Credentials:          creds,
		Concurrency:          s.Concurrency,
		AuditLogWindow:       time.Duration(s.AuditLogDays) * 24 * time.Hour,
		AttemptTimeout:       s.AttemptTimeout,
		RateLimits:           s.RateLimits,
		ExtraInternalDomains: s.Internal,
		PartnerDomains:       s.Partners,
		FreeMailDomains:      append(configs.DefaultFreeMailDomains(), s.FreeMail...),
		Keywords:             kw,
		Audiences:            auds,
		AudienceRules:        rules,
		Checks:               ids,
		SelfOnly:             s.OAuthClient != "",
		Checkpoint:           s.Checkpoint,
		Resume:               s.Resume,
		Log:                  log,
	}, nil
}

// credentials chooses how to authenticate: the emulator's identity, a key
// file, or keyless impersonation.
func credentials(s *settings) (auditor.Credentials, error) {
	switch {
	case s.OAuthClient != "":
		app, err := auditor.LoadOAuthClient(s.OAuthClient)
		if err != nil {
			return nil, usererr.Wrap(err, usererr.FlagValue, "--oauth-client", s.OAuthClient)
		}
		cache, err := auditor.DefaultTokenCache()
		if err != nil {
			return nil, err
		}
		app.SetTokenCache(cache)
		if wantsSheets(s.Out) {
			// One sign-in for the audit and the export, asked up front.
			app.AddScopes(report.SheetsScopes...)
		}
		return app, nil
	case s.Emulator != "" && s.keyForEmulator:
		// The production key path, exchanging JWTs at the key's token_uri
		// (`gwsaudit emulator serve --write-key` points it at the emulator).
		key, err := auditor.LoadServiceAccountKey(s.Credentials)
		if err != nil {
			return nil, usererr.Wrap(err, usererr.FlagValue, "--credentials", s.Credentials)
		}
		return key, nil
	case s.Emulator != "":
		return auditor.EmulatorCredentials{}, nil
	case s.Impersonate != "":
		return &auditor.Impersonation{ServiceAccount: s.Impersonate, ID: s.ClientID}, nil
	case s.Credentials != "":
		key, err := auditor.LoadServiceAccountKey(s.Credentials)
		if err != nil {
			return nil, usererr.Wrap(err, usererr.FlagValue, "--credentials", s.Credentials)
		}
		return key, nil
	}
	return nil, usererr.New(usererr.NoCredentials)
}

// maxAuditLogDays is auditor.MaxAuditLogWindow in days.
const maxAuditLogDays = int(auditor.MaxAuditLogWindow / (24 * time.Hour))

// recentAuditLog moves the sample tenant's dated audit log forward, keeping
// its spacing, so that its newest event is a week old: Google keeps 180
// days of events, so a window cannot be widened to reach older ones.
func recentAuditLog(t *emulator.Tenant, now time.Time) {
	var newest time.Time
	for _, ev := range t.AuditEvents {
		if ev.Time.After(newest) {
			newest = ev.Time
		}
	}
	shift := now.Add(-7 * 24 * time.Hour).Sub(newest)
	if newest.IsZero() || shift <= 0 {
		return
	}
	for i := range t.AuditEvents {
		t.AuditEvents[i].Time = t.AuditEvents[i].Time.Add(shift)
	}
}

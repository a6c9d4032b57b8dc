package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/report"
)

// exportSheets writes doc to a new Google Sheets spreadsheet and prints its
// URL (on stdout unless stdout carries the JSON report; always in the log).
func exportSheets(ctx context.Context, doc *report.Document, title string, opts outputOptions, flags *outputFlags, log zerolog.Logger) error {
	if flags == nil {
		return errors.New("--out sheets: is not available for this command")
	}
	s := opts.Settings
	if s == nil {
		var err error
		if s, err = sheetsSettings(flags); err != nil {
			return err
		}
	}
	ex, err := sheetsExporter(ctx, s, opts.SheetsAs, log)
	if err != nil {
		return err
	}
	url, err := report.ExportSheets(ctx, doc, ex.Sheets, ex.Drive, report.SheetsOptions{Lang: opts.Lang, Title: title, Share: opts.SheetsShare, Call: ex.Call})
	if err != nil {
		return err
	}
	log.Info().Str("url", url).Strs("shared_with", opts.SheetsShare).Msg("Google Sheets report created")
	if s.Format != "json" {
		fmt.Fprintln(flags.cmd.OutOrStdout(), url)
	}
	return nil
}

// sheetsSettings are the settings of the running command (flags, GWSAUDIT_*
// variables and, for audit, the config file), which name the credentials.
func sheetsSettings(o *outputFlags) (*settings, error) {
	fs := o.cmd.Flags()
	configFile, _ := fs.GetString("config")
	s, err := loadSettings(fs, configFile)
	if err != nil {
		return nil, err
	}
	if s.Emulator == "" {
		s.Emulator = os.Getenv("GWSAUDIT_EMULATOR")
	}
	if s.Admin == "" {
		s.Admin = os.Getenv("GWSAUDIT_ADMIN")
	}
	return s, nil
}

// sheetsExporter builds the export's Sheets and Drive clients acting as
// the --sheets-as user (default: the admin; with --oauth-client, whoever
// signed in) with report.SheetsScopes, under
// the audit's rate limits, retries and per-attempt timeout. In emulator
// mode the bearer is that user's address and the clients talk to the
// emulator.
func sheetsExporter(ctx context.Context, s *settings, as string, log zerolog.Logger) (*auditor.Exporter, error) {
	subject := strings.ToLower(strings.TrimSpace(as))
	if subject == "" {
		subject = strings.ToLower(strings.TrimSpace(s.Admin))
	}
	if subject == "" && s.OAuthClient == "" {
		return nil, usererr.New(usererr.SheetsNeedsUser)
	}
	creds, err := credentials(s)
	if err != nil {
		return nil, err
	}
	ex, err := auditor.NewExporter(ctx, auditor.ExportOptions{Endpoint: strings.TrimRight(s.Emulator, "/"), Credentials: creds,
		AttemptTimeout: s.AttemptTimeout, RateLimits: s.RateLimits, Log: log}, subject, report.SheetsScopes)
	if err != nil {
		return nil, fmt.Errorf("the Google Sheets export as %s: %w", subject, err)
	}
	return ex, nil
}

// wantsSheets reports whether one of outs is a Google Sheets export.
func wantsSheets(outs []string) bool {
	for _, o := range outs {
		if strings.HasPrefix(o, sheetsTarget) {
			return true
		}
	}
	return false
}

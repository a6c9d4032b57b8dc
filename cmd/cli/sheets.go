package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/rs/zerolog"
	"golang.org/x/oauth2"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/option"
	"google.golang.org/api/sheets/v4"

	"github.com/gwsaudit/gwsaudit/auditor"
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
	sh, dr, err := sheetsClients(ctx, s, opts.SheetsAs)
	if err != nil {
		return err
	}
	url, err := report.ExportSheets(ctx, doc, sh, dr, report.SheetsOptions{Lang: opts.Lang, Title: title, Share: opts.SheetsShare})
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

// sheetsClients builds Sheets and Drive clients acting as the --sheets-as
// user (default: the admin) with report.SheetsScopes. In emulator mode the
// bearer is that user's address and the clients talk to the emulator.
func sheetsClients(ctx context.Context, s *settings, as string) (*sheets.Service, *drive.Service, error) {
	subject := strings.ToLower(strings.TrimSpace(as))
	if subject == "" {
		subject = strings.ToLower(strings.TrimSpace(s.Admin))
	}
	if subject == "" {
		return nil, nil, errors.New("--out sheets: needs --sheets-as EMAIL (or --admin): the user whose Drive gets the spreadsheet")
	}
	var creds auditor.Credentials = auditor.EmulatorCredentials{}
	if s.Emulator == "" {
		var err error
		if creds, err = credentials(s); err != nil {
			return nil, nil, err
		}
	}
	ts, err := creds.TokenSource(ctx, subject, report.SheetsScopes)
	if err != nil {
		return nil, nil, fmt.Errorf("credentials for the Google Sheets export as %s: %w", subject, err)
	}
	hc := oauth2.NewClient(ctx, ts)
	shOpts := []option.ClientOption{option.WithHTTPClient(hc)}
	drOpts := []option.ClientOption{option.WithHTTPClient(hc)}
	if s.Emulator != "" {
		base := strings.TrimRight(s.Emulator, "/")
		shOpts = append(shOpts, option.WithEndpoint(base+"/"))
		drOpts = append(drOpts, option.WithEndpoint(base+"/drive/v3/"))
	}
	sh, err := sheets.NewService(ctx, shOpts...)
	if err != nil {
		return nil, nil, fmt.Errorf("build the Sheets API client: %w", err)
	}
	dr, err := drive.NewService(ctx, drOpts...)
	if err != nil {
		return nil, nil, fmt.Errorf("build the Drive API client: %w", err)
	}
	return sh, dr, nil
}

package auditor_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// exportOptions are fast retries and no rate limit worth speaking of.
func exportOptions(srv *emulator.Server, creds auditor.Credentials) auditor.ExportOptions {
	return auditor.ExportOptions{Endpoint: srv.BaseURL(), Credentials: creds,
		Retry:      auditor.RetryPolicy{MaxAttempts: 10, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond},
		RateLimits: auditor.RateLimits{Drive: 1e4, Sheets: 1e4}, Log: zerolog.Nop()}
}

// demoDoc audits the demo tenant and returns its report and admin.
func demoDoc(t *testing.T) (*report.Document, string) {
	t.Helper()
	tn := demoTenant(t)
	srv := serve(t, tn, emulator.Options{})
	who := tenantAdmin(tn)
	res := audit(t, testOptions(srv, who))
	if len(res.Findings) == 0 || len(res.Coverage.Gaps) == 0 {
		t.Fatalf("the demo tenant gave %d findings, %d gaps", len(res.Findings), len(res.Coverage.Gaps))
	}
	return report.New(report.Run{ID: "r1", StartedAt: res.StartedAt, FinishedAt: res.FinishedAt, Mode: report.ModeFull,
		Tenant: report.Tenant{PrimaryDomain: res.PrimaryDomain}}, res.Coverage, res.Findings), who
}

func demoTenant(t *testing.T) *emulator.Tenant {
	t.Helper()
	tn, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

func tenantAdmin(tn *emulator.Tenant) string {
	for _, u := range tn.Users {
		if u.Admin && !u.Suspended {
			return u.Email
		}
	}
	return ""
}

// exportTo exports d to srv as who and reads the spreadsheet back (through
// the exporter too), without its ID and URL.
func exportTo(t *testing.T, srv *emulator.Server, opts auditor.ExportOptions, who string, d *report.Document, scopes []string) (string, *auditor.Exporter) {
	t.Helper()
	ctx := context.Background()
	ex, err := auditor.NewExporter(ctx, opts, who, scopes)
	if err != nil {
		t.Fatal(err)
	}
	url, err := report.ExportSheets(ctx, d, ex.Sheets, ex.Drive, report.SheetsOptions{Lang: "ja", Title: "監査", Share: []string{who}, Call: ex.Call})
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	id := strings.TrimSuffix(url[strings.Index(url, "/spreadsheets/d/")+len("/spreadsheets/d/"):], "/edit")
	var got []byte
	if err := ex.Call(ctx, "sheets.spreadsheets.get", func() error {
		book, err := ex.Sheets.Spreadsheets.Get(id).IncludeGridData(true).Context(ctx).Do()
		if err != nil {
			return err
		}
		book.SpreadsheetId, book.SpreadsheetUrl = "", ""
		got, err = json.Marshal(book)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if srv.SpreadsheetShares(id)[who] != "writer" {
		t.Errorf("not shared: %v", srv.SpreadsheetShares(id))
	}
	return string(got), ex
}

// TestExportRidesOutFaults: Sheets and Drive calls of the export go
// through the audit's retries, so an emulator that fails two calls in
// five (429, 403 rate limit, 5xx) still gets the same spreadsheet.
func TestExportRidesOutFaults(t *testing.T) {
	d, who := demoDoc(t)
	clean := serve(t, demoTenant(t), emulator.Options{})
	want, _ := exportTo(t, clean, exportOptions(clean, auditor.EmulatorCredentials{}), who, d, report.SheetsScopes)

	faulty := serve(t, demoTenant(t), emulator.Options{FaultRate: 0.4, Seed: 3})
	got, ex := exportTo(t, faulty, exportOptions(faulty, auditor.EmulatorCredentials{}), who, d, report.SheetsScopes)
	if got != want {
		t.Errorf("the spreadsheet differs under faults:\n got %.300s\nwant %.300s", got, want)
	}
	retried := 0
	for m, n := range ex.Calls() {
		if strings.HasPrefix(m, "sheets.") && strings.HasSuffix(m, ".retry") {
			retried += int(n)
		}
	}
	if retried == 0 {
		t.Errorf("no Sheets call was retried: %v", ex.Calls())
	}
}

// readmeSheetsScopes are the scopes README documents for the Sheets export.
func readmeSheetsScopes(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i := strings.Index(text, "**Google Sheets needs write scopes")
	if i < 0 {
		t.Fatal("README no longer documents the Sheets scopes")
	}
	para, _, _ := strings.Cut(text[i:], "\n\n")
	return regexp.MustCompile("`(https://www.googleapis.com/auth/[a-z.]+)`").FindAllString(para, -1)
}

// TestExportTokenExchange: the export with a service-account key, the
// JWT-bearer exchange at the emulator's /token and exactly the scopes
// README tells admins to delegate; no request may be refused (one try).
func TestExportTokenExchange(t *testing.T) {
	var scopes []string
	for _, s := range readmeSheetsScopes(t) {
		scopes = append(scopes, strings.Trim(s, "`"))
	}
	if !slices.Equal(scopes, report.SheetsScopes) {
		t.Fatalf("README documents %v, the export asks for %v", scopes, report.SheetsScopes)
	}
	tn := smallTenant()
	srv := serve(t, tn, emulator.Options{})
	key, err := auditor.ParseServiceAccountKey(serviceAccountKey(t, srv, scopes))
	if err != nil {
		t.Fatal(err)
	}
	opts := exportOptions(srv, key)
	opts.Retry = auditor.RetryPolicy{MaxAttempts: 1}
	d := report.New(report.Run{ID: "r1", Mode: report.ModeFull, Tenant: report.Tenant{PrimaryDomain: "city.example.jp"}}, model.Coverage{}, nil)
	exportTo(t, srv, opts, admin, d, report.SheetsScopes)
	if srv.Calls()["oauth2.token"] == 0 {
		t.Error("no token exchange")
	}

	// Delegation without drive.file: the token is refused, with what to do.
	srv = serve(t, tn, emulator.Options{})
	key, err = auditor.ParseServiceAccountKey(serviceAccountKey(t, srv, scopes[:1]))
	if err != nil {
		t.Fatal(err)
	}
	opts = exportOptions(srv, key)
	ex, err := auditor.NewExporter(context.Background(), opts, admin, report.SheetsScopes)
	if err != nil {
		t.Fatal(err)
	}
	_, err = report.ExportSheets(context.Background(), d, ex.Sheets, ex.Drive, report.SheetsOptions{Call: ex.Call})
	var ae *auditor.AccessError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), saClientID) || !strings.Contains(err.Error(), "auth/drive.file") {
		t.Errorf("want a hint naming the client ID and the scopes, got %v", err)
	}
}

// A Sheets API switched off in the Cloud project answers in the newer error
// format (ErrorInfo, no errors[]): the export still says which API to
// enable, and does not retry.
func TestExportNamesTheDisabledAPI(t *testing.T) {
	tn := smallTenant()
	tn.DisabledAPIs = []string{"sheets"}
	srv := serve(t, tn, emulator.Options{})
	ex, err := auditor.NewExporter(context.Background(), exportOptions(srv, auditor.EmulatorCredentials{}), admin, report.SheetsScopes)
	if err != nil {
		t.Fatal(err)
	}
	d := report.New(report.Run{ID: "r1", Mode: report.ModeFull, Tenant: report.Tenant{PrimaryDomain: "city.example.jp"}}, model.Coverage{}, nil)
	_, err = report.ExportSheets(context.Background(), d, ex.Sheets, ex.Drive, report.SheetsOptions{Call: ex.Call})
	var ae *auditor.AccessError
	if !errors.As(err, &ae) || !strings.Contains(ae.Hint, "enable sheets.googleapis.com") {
		t.Errorf("want a hint to enable sheets.googleapis.com, got %v", err)
	}
	if n := srv.Calls()["sheets.spreadsheets.create"]; n != 1 {
		t.Errorf("spreadsheets.create sent %d times, want 1 (a disabled API does not heal)", n)
	}
}

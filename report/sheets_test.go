package report

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/api/drive/v3"
	"google.golang.org/api/option"
	"google.golang.org/api/sheets/v4"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// bearer sends the emulator identity of one user.
type bearer string

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+string(b))
	return http.DefaultTransport.RoundTrip(r)
}

// sheetsEmulator serves the test tenant and returns Sheets and Drive
// clients acting as its admin.
func sheetsEmulator(t *testing.T) (*emulator.Server, *sheets.Service, *drive.Service) {
	t.Helper()
	tn, err := emulator.Load(filepath.Join("..", "emulator", "testdata", "tenant.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.New(tn, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	var admin string
	for _, u := range tn.Users {
		if u.Admin && !u.Suspended {
			admin = u.Email
			break
		}
	}
	hc := &http.Client{Transport: bearer(admin)}
	ctx := context.Background()
	sh, err := sheets.NewService(ctx, option.WithEndpoint(ts.URL+"/"), option.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	dr, err := drive.NewService(ctx, option.WithEndpoint(ts.URL+"/drive/v3/"), option.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	return srv, sh, dr
}

// TestExportSheets exports through the real client to the emulator and
// reads the spreadsheet back: three tabs, frozen header, filter, values,
// hostile names as inert text, and the shares.
func TestExportSheets(t *testing.T) {
	srv, sh, dr := sheetsEmulator(t)
	sample := sampleDoc()
	d := New(sample.Run, sample.Coverage, append(sample.Findings, hostileDoc().Findings...))
	ctx := context.Background()
	url, err := ExportSheets(ctx, d, sh, dr, SheetsOptions{Lang: "ja", Share: []string{"kacho@city.example.lg.jp", "auditor@partner.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(url[strings.Index(url, "/spreadsheets/d/")+len("/spreadsheets/d/"):], "/edit")

	got, err := sh.Spreadsheets.Get(id).IncludeGridData(true).Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range got.Sheets {
		titles = append(titles, s.Properties.Title)
	}
	if strings.Join(titles, ",") != "検出結果,集計,監査範囲" {
		t.Errorf("tabs = %v", titles)
	}
	find := got.Sheets[0]
	if find.Properties.GridProperties.FrozenRowCount != 1 || find.BasicFilter == nil {
		t.Errorf("Findings tab: frozen %d rows, filter %v", find.Properties.GridProperties.FrozenRowCount, find.BasicFilter)
	}
	rows := find.Data[0].RowData
	if len(rows) != len(d.Findings)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(d.Findings)+1)
	}
	for _, s := range got.Sheets {
		for r, row := range s.Data[0].RowData {
			for c, cell := range row.Values {
				if v := cell.UserEnteredValue; v != nil && (v.FormulaValue != nil || (v.StringValue != nil && isFormulaStart(*v.StringValue))) {
					t.Errorf("%s row %d col %d would be a formula: %+v", s.Properties.Title, r, c, v)
				}
			}
		}
	}
	loc, _ := d.Localized("ja")
	for i, f := range loc.Findings {
		cell := rows[i+1].Values[sheetPos[colItem]].UserEnteredValue
		if cell == nil || cell.StringValue == nil || *cell.StringValue != inert(f.Resource.Name) {
			t.Errorf("row %d: item %+v, want %.40q", i+1, cell, inert(f.Resource.Name))
		}
	}
	vals, err := sh.Spreadsheets.Values.Get(id, "'集計'!A1").Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(flatten(vals.Values), "重要度別の露出件数") || !strings.Contains(flatten(vals.Values), "オーナー別の露出件数") {
		t.Errorf("Summary tab: %v", vals.Values)
	}
	vals, err = sh.Spreadsheets.Values.Get(id, "'監査範囲'!A1").Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(flatten(vals.Values), "ログインが必要なフォーム") {
		t.Errorf("Coverage tab lacks the localized gap: %v", vals.Values)
	}
	shares := srv.SpreadsheetShares(id)
	if shares["kacho@city.example.lg.jp"] != "writer" || shares["auditor@partner.example.com"] != "writer" || len(shares) != 2 {
		t.Errorf("shares = %v", shares)
	}

	if _, err := ExportSheets(ctx, d, sh, dr, SheetsOptions{Share: []string{"not-an-address"}}); err == nil {
		t.Error("a share that is not an address was accepted")
	}
}

func flatten(v [][]any) string {
	var b strings.Builder
	for _, r := range v {
		for _, c := range r {
			if s, ok := c.(string); ok {
				b.WriteString(s)
				b.WriteByte('|')
			}
		}
	}
	return b.String()
}

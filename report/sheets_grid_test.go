package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// sheetID is the spreadsheet ID in an export's URL.
func sheetID(url string) string {
	return strings.TrimSuffix(url[strings.Index(url, "/spreadsheets/d/")+len("/spreadsheets/d/"):], "/edit")
}

// TestExportSheetsFitsGrid: every tab's grid is what it holds, and no
// request reaches outside it (the emulator refuses as Google does): a run
// without gaps, and one without findings either.
func TestExportSheetsFitsGrid(t *testing.T) {
	_, sh, dr := sheetsEmulator(t)
	ctx := context.Background()
	sample := sampleDoc()
	for name, d := range map[string]*Document{
		"no gaps":     New(sample.Run, model.Coverage{}, sample.Findings),
		"no findings": New(sample.Run, model.Coverage{}, nil),
		"gaps":        sample,
	} {
		t.Run(name, func(t *testing.T) {
			url, err := ExportSheets(ctx, d, sh, dr, SheetsOptions{Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			got, err := sh.Spreadsheets.Get(sheetID(url)).IncludeGridData(true).Context(ctx).Do()
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range got.Sheets {
				gp, rows := s.Properties.GridProperties, s.Data[0].RowData
				cols := 0
				for _, r := range rows {
					cols = max(cols, len(r.Values))
				}
				if gp.RowCount != max(int64(len(rows)), gp.FrozenRowCount+1) || gp.ColumnCount != int64(cols) {
					t.Errorf("%s: grid %d×%d holds %d×%d", s.Properties.Title, gp.RowCount, gp.ColumnCount, len(rows), cols)
				}
			}
		})
	}
}

// TestExportSheetsLargeTenant: findings worth more than Google's 10 MB
// request limit go in several values requests, each well under it, and
// all arrive.
func TestExportSheetsLargeTenant(t *testing.T) {
	_, sh, dr := sheetsEmulator(t)
	ctx := context.Background()
	var fs []model.Finding
	long := strings.Repeat("住民票", 10000) // 90 KB of UTF-8 per row
	for i := range 150 {
		r := model.Resource{Kind: model.KindFile, ID: fmt.Sprintf("f%03d", i), Name: fmt.Sprintf("%03d %s", i, long), Owner: "somu@city.example.lg.jp"}
		fs = append(fs, model.Finding{Fingerprint: model.Fingerprint("SHARE-002", r.ID, nil), CheckID: "SHARE-002", Severity: model.High,
			Resource: r, Principal: &model.Principal{Type: model.TypeAnyone, Role: "reader"}})
	}
	d := New(sampleDoc().Run, model.Coverage{}, fs)
	plan, err := planSheets(d, "en")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, v := range plan.Values {
		js, _ := json.Marshal(v)
		total += len(js)
		if len(js) > maxValuesBody {
			t.Errorf("a values request of %d bytes", len(js))
		}
	}
	if total <= 10<<20 {
		t.Fatalf("%d bytes: the test needs more than 10 MB", total)
	}
	t.Logf("%d bytes of values in %d requests", total, len(plan.Values))
	url, err := ExportSheets(ctx, d, sh, dr, SheetsOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := sh.Spreadsheets.Values.Get(sheetID(url), "'"+plan.Create.Sheets[0].Properties.Title+"'!A1").Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Values) != len(fs)+1 {
		t.Fatalf("%d rows, want %d", len(got.Values), len(fs)+1)
	}
	for i, row := range got.Values[1:] {
		if want := fmt.Sprintf("%03d ", i); len(row) <= sheetPos[colItem] || !strings.HasPrefix(row[sheetPos[colItem]].(string), want) || len(row[sheetPos[colItem]].(string)) != len(want)+len(long) {
			t.Errorf("row %d: item does not start with %q or is cut", i+1, want)
		}
	}
}

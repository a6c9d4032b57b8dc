package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gwsaudit/gwsaudit/model"
)

// sheetCellOf is column col of the spreadsheet row of the finding on item
// id in d rendered in lang.
func sheetCellOf(t *testing.T, d *Document, lang, id string, col int) string {
	t.Helper()
	tb, err := newTable(localized(t, d, lang), lang)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range tb.doc.Findings {
		if f.Resource.ID == id {
			return tb.rows[i].Sheet[sheetPos[col]]
		}
	}
	t.Fatalf("no finding on %s", id)
	return ""
}

// columnsDoc has a finding of each evidence shape the new columns read,
// on a shared drive and in My Drive, one with run history.
func columnsDoc() *Document {
	first := time.Date(2025, 3, 31, 20, 0, 0, 0, time.UTC) // 2025-04-01 in JST
	user := func(email string) *model.Principal {
		return &model.Principal{Type: model.TypeUser, Email: email, Role: "reader"}
	}
	fs := []model.Finding{
		{CheckID: "SHARE-004", Severity: model.Low, Resource: model.Resource{Kind: model.KindFolder, ID: "fold-1", Name: "課の共有", DriveID: "drv-1"},
			Principal: &model.Principal{Type: model.TypeDomain, Domain: "city.example.lg.jp", Role: "reader"},
			Evidence:  map[string]any{"items_reached": 31}, FirstSeen: &first, Status: model.StatusNew},
		{CheckID: "SHARE-008", Severity: model.High, Resource: model.Resource{Kind: model.KindSharedDrive, ID: "drv-1", Name: "保健福祉課", DriveID: "drv-1"}},
		{CheckID: "SHARE-006", Severity: model.High, Resource: model.Resource{Kind: model.KindFile, ID: "file-1", Name: "一覧.xlsx", DriveID: "drv-unnamed"},
			Principal: user("a@city-example.lg.jp"), Evidence: map[string]any{"lookalike_of": "city.example.lg.jp"}},
		{CheckID: "SHARE-007", Severity: model.Critical, Resource: model.Resource{Kind: model.KindFile, ID: "file-2", Name: "名簿.csv"},
			Principal: user("c@partner.example.com"), Evidence: map[string]any{"revoked_at": "2025-05-20T08:30:00Z", "revoked_by": "hoken@city.example.lg.jp"}},
		{CheckID: "SHARE-005", Severity: model.Medium, Resource: model.Resource{Kind: model.KindFile, ID: "file-3", Name: "plain.txt",
			URL: "javascript:alert(1)"}, Principal: user("v@gmail.com")},
	}
	return New(Run{ID: "r1", StartedAt: time.Date(2025, 6, 1, 9, 0, 0, 0, jst), FinishedAt: time.Date(2025, 6, 1, 9, 5, 0, 0, jst)},
		model.Coverage{}, fs)
}

func TestSheetColumnHeaders(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		c := catalogs[lang]
		seen := map[string]bool{}
		for col, h := range c.sheet.columns {
			if h == "" || seen[h] {
				t.Errorf("%s: column %d header %q empty or repeated", lang, col, h)
			}
			seen[h] = true
		}
		tb, _ := newTable(sampleDoc(), lang)
		if got := tb.header(); len(got) != numColumns {
			t.Errorf("%s: HTML's header changed: %d columns", lang, len(got))
		}
		if h := tb.sheetHeader(); len(h) != numSheetColumns || h[0] != c.sheet.columns[colSeverity] {
			t.Errorf("%s: sheet header %v", lang, h)
		}
	}
	if sheetPos[colItem] > 3 || sheetPos[colOwner] > 3 {
		t.Errorf("item (%d) and owner (%d) should stay at the left", sheetPos[colItem], sheetPos[colOwner])
	}
	seen := map[int]bool{}
	for _, col := range sheetLayout {
		if seen[col] {
			t.Errorf("column %d laid out twice", col)
		}
		seen[col] = true
	}
}

func TestSheetColumnKind(t *testing.T) {
	d := columnsDoc()
	for _, c := range []struct{ lang, id, want string }{
		{"ja", "fold-1", "フォルダ"}, {"en", "fold-1", "folder"},
		{"ja", "file-1", "ファイル"}, {"en", "drv-1", "shared drive"}, {"ja", "drv-1", "共有ドライブ"},
	} {
		if got := sheetCellOf(t, d, c.lang, c.id, colKind); got != c.want {
			t.Errorf("%s %s: type %q, want %q", c.lang, c.id, got, c.want)
		}
	}
}

func TestSheetColumnItemID(t *testing.T) {
	d := columnsDoc()
	for _, lang := range []string{"en", "ja"} {
		for _, id := range []string{"fold-1", "file-1", "file-2"} {
			if got := sheetCellOf(t, d, lang, id, colItemID); got != id {
				t.Errorf("%s: item ID %q, want %q", lang, got, id)
			}
		}
	}
}

func TestSheetColumnDescription(t *testing.T) {
	d := columnsDoc()
	for _, c := range []struct{ lang, id, want string }{
		{"ja", "fold-1", "配下の 31 件に及びます"},
		{"en", "fold-1", "reaches 31 items below"},
		{"ja", "file-1", "city.example.lg.jp に酷似"},
		{"en", "file-1", "looks like city.example.lg.jp"},
		{"ja", "file-2", "2025-05-20 17:30 +09:00 に hoken@city.example.lg.jp がフォルダの共有を解除"},
		{"en", "file-2", "folder access removed 2025-05-20 17:30 +09:00 by hoken@city.example.lg.jp"},
		{"ja", "file-3", ""}, {"en", "drv-1", ""},
	} {
		if got := sheetCellOf(t, d, c.lang, c.id, colDescription); got != c.want {
			t.Errorf("%s %s: description %q, want %q", c.lang, c.id, got, c.want)
		}
	}
	v := view{Finding: model.Finding{Evidence: map[string]any{"revoked_by": "x@example.jp"}}, c: catalogs["ja"]}
	if got := catalogs["ja"].describe(v); got != "x@example.jp がフォルダの共有を解除" {
		t.Errorf("revocation without a date: %q", got)
	}
}

func TestSheetColumnFirstSeen(t *testing.T) {
	d := columnsDoc()
	for _, lang := range []string{"en", "ja"} {
		if got := sheetCellOf(t, d, lang, "fold-1", colFirstSeen); got != "2025-04-01" {
			t.Errorf("%s: first seen %q, want the day in the run's zone", lang, got)
		}
		if got := sheetCellOf(t, d, lang, "file-1", colFirstSeen); got != "" {
			t.Errorf("%s: no history, first seen %q", lang, got)
		}
	}
}

func TestSheetColumnAuditDate(t *testing.T) {
	d := columnsDoc()
	for _, lang := range []string{"en", "ja"} {
		if got := sheetCellOf(t, d, lang, "file-1", colAuditDate); got != "2025-06-01" {
			t.Errorf("%s: audit date %q", lang, got)
		}
	}
	d.Run.StartedAt = time.Time{}
	if got := sheetCellOf(t, d, "ja", "file-1", colAuditDate); got != "" {
		t.Errorf("no run start, audit date %q", got)
	}
}

func TestSheetColumnSharedDrive(t *testing.T) {
	d := columnsDoc()
	for _, c := range []struct{ id, want string }{
		{"fold-1", "保健福祉課 (drv-1)"}, // named by the drive's own finding
		{"file-1", "drv-unnamed"},   // only the ID is known
		{"file-2", ""},              // My Drive
	} {
		for _, lang := range []string{"en", "ja"} {
			if got := sheetCellOf(t, d, lang, c.id, colSharedDrive); got != c.want {
				t.Errorf("%s %s: shared drive %q, want %q", lang, c.id, got, c.want)
			}
		}
	}
}

// TestSheetColumnSeverityRank: the rank sorts like the severity, is a
// number in XLSX and Sheets, and text digits in CSV.
func TestSheetColumnSeverityRank(t *testing.T) {
	for s := model.Info; s < model.Critical; s++ {
		if sevRank(s) >= sevRank(s+1) {
			t.Errorf("rank of %v not below %v", s, s+1)
		}
	}
	if sevRank(model.Critical) != 5 || sevRank(model.Info) != 1 {
		t.Error("ranks should run 1 (info) to 5 (critical)")
	}
	d := localized(t, columnsDoc(), "ja")
	if got := sheetCellOf(t, columnsDoc(), "ja", "file-2", colSevRank); got != "5" {
		t.Errorf("CSV rank of a critical finding %q", got)
	}
	tb, _ := newTable(d, "ja")
	for i, row := range tb.findingsGrid()[1:] {
		if n, ok := row[sheetPos[colSevRank]].(int); !ok || n != sevRank(tb.rows[i].Severity) {
			t.Errorf("Sheets row %d rank %v", i+1, row[sheetPos[colSevRank]])
		}
	}
	f := openXLSX(t, d, "ja")
	ref := cell(sheetPos[colSevRank], 2)
	if typ, _ := f.GetCellType("検出結果", ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("XLSX rank cell %s has type %v, want a number", ref, typ)
	}
	if v, _ := f.GetCellValue("検出結果", ref); v != "5" {
		t.Errorf("XLSX rank %q", v)
	}
}

// TestSpreadsheetLinks: http(s) URLs are links in XLSX and Sheets; other
// schemes stay plain text.
func TestSpreadsheetLinks(t *testing.T) {
	d := sampleDoc()
	d.Findings = append(d.Findings, model.Finding{CheckID: "SHARE-005", Severity: model.Info,
		Resource: model.Resource{Kind: model.KindFile, ID: "js", Name: "js", URL: "javascript:alert(1)"}})
	d = localized(t, d, "en")
	f := openXLSX(t, d, "en")
	tb, _ := newTable(d, "en")
	links := 0
	for i, r := range tb.rows {
		u := r.Sheet[sheetPos[colURL]]
		ok, target, _ := f.GetCellHyperLink("Findings", cell(sheetPos[colURL], i+2))
		switch {
		case strings.HasPrefix(u, "https://") && (!ok || target != u):
			t.Errorf("row %d: %q is no link (%v %q)", i+2, u, ok, target)
		case !strings.HasPrefix(u, "https://") && ok:
			t.Errorf("row %d: %q became a link to %q", i+2, u, target)
		}
		if ok {
			links++
		}
	}
	if links == 0 {
		t.Fatal("no links in the sample")
	}

	reqs := tb.sheetsLinks()
	if len(reqs) != 1 || reqs[0].UpdateCells == nil || reqs[0].UpdateCells.Fields != "userEnteredFormat.textFormat.link" {
		t.Fatalf("Sheets link requests: %+v", reqs)
	}
	uc := reqs[0].UpdateCells
	if uc.Range.StartColumnIndex != int64(sheetPos[colURL]) || len(uc.Rows) != len(tb.rows) {
		t.Fatalf("Sheets links cover %+v with %d rows", uc.Range, len(uc.Rows))
	}
	for i, r := range uc.Rows {
		u := tb.rows[i].Sheet[sheetPos[colURL]]
		var got string
		if fm := r.Values[0].UserEnteredFormat; fm != nil {
			got = fm.TextFormat.Link.Uri
		}
		if want := map[bool]string{true: u}[strings.HasPrefix(u, "https://")]; got != want {
			t.Errorf("Sheets row %d: link %q, want %q", i+1, got, want)
		}
	}
	d.Findings = d.Findings[len(d.Findings)-1:]
	if tb, _ := newTable(d, "en"); tb.sheetsLinks() != nil {
		t.Error("no http(s) URL should send no link request")
	}
}

// TestSheetColumnsFromJSON: a report re-rendered from its JSON
// (gwsaudit report --in) fills the new columns as the run did.
func TestSheetColumnsFromJSON(t *testing.T) {
	d := columnsDoc()
	var js, want, got bytes.Buffer
	if err := WriteJSON(&js, d); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&js)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&want, localized(t, d, "ja"), "ja", false); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&got, localized(t, back, "ja"), "ja", false); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("CSV from JSON:\n%s\nwant:\n%s", got.String(), want.String())
	}
	if !strings.Contains(got.String(), "配下の 31 件に及びます") {
		t.Error("items_reached lost in JSON")
	}
}

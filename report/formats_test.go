package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gwsaudit/gwsaudit/model"
)

// localized returns sampleDoc in lang, as WriteFile would render it.
func localized(t *testing.T, d *Document, lang string) *Document {
	t.Helper()
	l, err := d.Localized(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestGoldenFormats(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		d := localized(t, sampleDoc(), lang)
		t.Run(lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteCSV(&b, d, lang, true); err != nil {
				t.Fatal(err)
			}
			golden(t, "report-"+lang+".csv", b.Bytes())

			b.Reset()
			if err := WriteMarkdown(&b, d, lang); err != nil {
				t.Fatal(err)
			}
			golden(t, "report-"+lang+".md", b.Bytes())

			b.Reset()
			if err := WriteHTML(&b, d, lang); err != nil {
				t.Fatal(err)
			}
			golden(t, "report-"+lang+".html", b.Bytes())

			b.Reset()
			if err := WriteXLSX(&b, d, lang); err != nil {
				t.Fatal(err)
			}
			golden(t, "report-"+lang+".xlsx.txt", []byte(dumpXLSX(t, b.Bytes())))

			plan, err := planSheets(d, lang)
			if err != nil {
				t.Fatal(err)
			}
			js, err := json.MarshalIndent(plan, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "sheets-"+lang+".json", append(js, '\n'))
		})
	}
}

// dumpXLSX renders a workbook as text for golden files: properties, and
// per sheet its panes, filter, column widths, and every cell with its type,
// formula (if any) and fill.
func dumpXLSX(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			rc, _ := zf.Open()
			xml, _ := io.ReadAll(rc)
			rc.Close()
			if m := regexp.MustCompile(`<autoFilter ref="([^"]+)"`).FindSubmatch(xml); m != nil {
				fmt.Fprintf(&b, "%s: autoFilter %s\n", zf.Name, m[1])
			}
		}
	}
	props, _ := f.GetDocProps()
	fmt.Fprintf(&b, "props: creator=%q title=%q created=%s language=%s\n", props.Creator, props.Title, props.Created, props.Language)
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "\n== %s\n", sheet)
		panes, _ := f.GetPanes(sheet)
		fmt.Fprintf(&b, "panes: freeze=%v xSplit=%d ySplit=%d topLeft=%s\n", panes.Freeze, panes.XSplit, panes.YSplit, panes.TopLeftCell)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var widths []string
		for col := 1; col <= numSheetColumns; col++ {
			name, _ := excelize.ColumnNumberToName(col)
			w, _ := f.GetColWidth(sheet, name)
			widths = append(widths, fmt.Sprintf("%s=%g", name, w))
		}
		fmt.Fprintf(&b, "widths: %s\n", strings.Join(widths, " "))
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := f.GetCellType(sheet, ref)
				formula, _ := f.GetCellFormula(sheet, ref)
				style, _ := f.GetCellStyle(sheet, ref)
				fill := ""
				if st, err := f.GetStyle(style); err == nil && len(st.Fill.Color) > 0 {
					fill = " fill=" + st.Fill.Color[0]
				}
				link := ""
				if ok, target, _ := f.GetCellHyperLink(sheet, ref); ok {
					link = " LINK=" + target
				}
				font := ""
				if st, err := f.GetStyle(style); err == nil && st.Font != nil && st.Font.Family != "" {
					font = " font=" + st.Font.Family
				}
				fmt.Fprintf(&b, "%s [%d]%s%s%s%s %q\n", ref, typ, fill, font, link, map[bool]string{true: " FORMULA=" + formula}[formula != ""], v)
			}
		}
	}
	return b.String()
}

func TestFormatsRegistered(t *testing.T) {
	want := ".csv .htm .html .json .md .xlsx"
	if got := strings.Join(Formats(), " "); got != want {
		t.Errorf("Formats() = %s, want %s", got, want)
	}
	dir := t.TempDir()
	for _, ext := range Formats() {
		path := filepath.Join(dir, "r"+ext)
		if err := WriteFile(path, sampleDoc(), Options{Lang: "ja"}); err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		assertMode0600(t, path)
	}
}

func TestCSVBOM(t *testing.T) {
	var with, without bytes.Buffer
	if err := WriteCSV(&with, sampleDoc(), "ja", true); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&without, sampleDoc(), "ja", false); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(with.Bytes(), []byte("\xef\xbb\xbf重要度,")) {
		t.Errorf("BOM missing: %q", with.Bytes()[:12])
	}
	if !bytes.HasPrefix(without.Bytes(), []byte("重要度,")) {
		t.Errorf("--csv-bom=false kept a BOM: %q", without.Bytes()[:12])
	}
	recs, err := csv.NewReader(&without).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+len(sampleDoc().Findings) || len(recs[0]) != numSheetColumns {
		t.Errorf("%d rows of %d columns, want %d of %d", len(recs), len(recs[0]), 1+len(sampleDoc().Findings), numSheetColumns)
	}
}

func TestInert(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"＝1+1": "'＝1+1", "名簿": "名簿", "": "", "a=1": "a=1", "'x": "'x",
		" =1": "' =1", "\u3000=HYPERLINK(\"x\")": "'\u3000=HYPERLINK(\"x\")", "\ufeff+1": "'\ufeff+1", " \t-1": "' \t-1", "   ": "   ", "a -1": "a -1",
	} {
		if got := inert(in); got != want {
			t.Errorf("inert(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGapCodesLocalized: every model.Gap* code (read from the source, so
// new codes are caught) has an explanation in every language.
func TestGapCodesLocalized(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "model", "coverage.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	ast.Inspect(file, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok {
			for i, name := range vs.Names {
				if strings.HasPrefix(name.Name, "Gap") && i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
						codes = append(codes, strings.Trim(lit.Value, `"`))
					}
				}
			}
		}
		return true
	})
	if len(codes) < 10 {
		t.Fatalf("found only %d gap codes in model/coverage.go", len(codes))
	}
	for _, lang := range Languages() {
		c := catalogs[lang]
		for _, code := range codes {
			if c.gaps[code].Explain == "" {
				t.Errorf("%s: no explanation for gap code %s", lang, code)
			}
		}
		for code := range c.gaps {
			if !contains(codes, code) {
				t.Errorf("%s: %s is not a gap code", lang, code)
			}
		}
		for _, s := range []string{"new", "open", "suppressed"} {
			if c.statuses[s] == "" {
				t.Errorf("%s: no word for status %s", lang, s)
			}
		}
		for i, h := range c.sheet.columns {
			if h == "" {
				t.Errorf("%s: column %d has no header", lang, i)
			}
		}
	}
	ja := catalogs["ja"]
	g := ja.gap(model.Gap{Scope: model.ScopeForm, Code: model.GapFormSignInRequired, Reason: "public page requires sign-in"})
	// Japanese keeps Google's English details out (the JSON report has
	// them as reason); English shows them.
	if !strings.Contains(g.Explanation, "ログインが必要") || g.Details != "" || !strings.Contains(g.Action, "「設定」→「表示設定」") {
		t.Errorf("coded gap: %+v", g)
	}
	if en := catalogs["en"].gap(model.Gap{Scope: model.ScopeForm, Code: model.GapFormSignInRequired, Reason: "public page requires sign-in"}); en.Details != "public page requires sign-in" {
		t.Errorf("English coded gap lost its details: %+v", en)
	}
	g = ja.gap(model.Gap{Scope: "elsewhere", Code: "future_code", Reason: "why", Action: "do"})
	if g.Explanation != "why" || g.Details != "" || g.Action != "do" || g.Scope != "elsewhere" {
		t.Errorf("uncoded gap should fall back to its reason: %+v", g)
	}
}

// TestStatusColumn: the status column shows the run-history status in the
// reader's language, and is empty without run history.
func TestStatusColumn(t *testing.T) {
	d := sampleDoc()
	d.Findings[0].Status = model.StatusSuppressed
	tb, err := newTable(d, "ja")
	if err != nil {
		t.Fatal(err)
	}
	first := func(tb *table, d *Document, i int) string {
		return rowOf(t, tb, d.Findings[i].Resource.ID).Cells[colStatus]
	}
	if got := first(tb, d, 0); got != "許容（除外中）" {
		t.Errorf("suppressed status in ja = %q", got)
	}
	if got := first(tb, d, 1); got != "" {
		t.Errorf("finding without history has status %q", got)
	}
	if catalogs["ja"].status("new") != "新規" || catalogs["ja"].status("") != "" {
		t.Error("status words")
	}

	// Without run history an expired suppression still says so.
	plain := sampleDoc()
	plain.Findings[0].Evidence = map[string]any{"suppression_expired": "2026-11-30"}
	if tb, err := newTable(plain, "ja"); err != nil || first(tb, plain, 0) != "新規（除外期限 2026-11-30 切れ）" {
		t.Errorf("expired suppression without history: %q, %v", first(tb, plain, 0), err)
	}

	// The suppression behind a status: until when and why, or when it expired.
	d.Findings[0].Evidence = map[string]any{"suppressed_until": "2026-12-31", "suppressed_reason": "説明会資料として公開"}
	d.Findings[1].Status = model.StatusNew
	d.Findings[1].Evidence = map[string]any{"suppression_expired": "2026-11-30"}
	for lang, want := range map[string][2]string{
		"ja": {"許容（2026-12-31 まで除外: 説明会資料として公開）", "新規（除外期限 2026-11-30 切れ）"},
		"en": {"suppressed until 2026-12-31: 説明会資料として公開", "new (suppression expired 2026-11-30)"},
	} {
		tb, err := newTable(d, lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := [2]string{first(tb, d, 0), first(tb, d, 1)}; got != want {
			t.Errorf("%s: status cells %q, want %q", lang, got, want)
		}
	}
}

// TestSuppressedLastAndCounted: suppressed findings sort after every active
// one, are marked in the console and counted in the Markdown total.
func TestSuppressedLastAndCounted(t *testing.T) {
	d := sampleDoc()
	if len(d.Findings) < 2 {
		t.Fatal("sample needs two findings")
	}
	SortFindings(d.Findings)
	worst := d.Findings[0]
	d.Findings[0].Status = model.StatusSuppressed
	d.Summary = Count(d.Findings)
	SortFindings(d.Findings)
	if last := d.Findings[len(d.Findings)-1]; last.Fingerprint != worst.Fingerprint {
		t.Errorf("suppressed finding not last: %s", last.CheckID)
	}
	var con strings.Builder
	if err := WriteConsole(&con, d, ConsoleOptions{Lang: "ja", Top: -1}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(con.String(), "許容（除外中） 1") || !strings.Contains(con.String(), "（許容（除外中））") {
		t.Errorf("console does not count or mark the suppressed finding:\n%s", con.String())
	}
	var md strings.Builder
	if err := WriteMarkdown(&md, d, "en"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| suppressed | 1 |") {
		t.Errorf("markdown counts lack the suppressed row:\n%s", md.String())
	}
}

// rowOf is the table's row about item id.
func rowOf(t *testing.T, tb *table, id string) row {
	t.Helper()
	for _, r := range tb.rows {
		if r.Sheet[sheetPos[colItemID]] == id {
			return r
		}
	}
	t.Fatalf("no row for %s", id)
	return row{}
}

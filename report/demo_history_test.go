package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// demoHistory is the demo's second nightly run with a run history
// (testdata/demo-history.json, written by cmd/cli's TestDemoHistoryReport):
// new, continuing and resolved exposures.
func demoHistory(t testing.TB) *Document {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "demo-history.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// demoRenderings renders the demo-with-history document in every human
// format in lang: the console (all exposures), CSV, Markdown, HTML, the
// XLSX workbook as text and the Sheets requests, by golden file name.
func demoRenderings(t *testing.T, lang string) map[string][]byte {
	t.Helper()
	d := localized(t, demoHistory(t), lang)
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := WriteConsole(&b, d, ConsoleOptions{Lang: lang, Top: -1}); err != nil {
		t.Fatal(err)
	}
	out["demo-history-console-"+lang+".txt"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := WriteCSV(&b, d, lang, false); err != nil {
		t.Fatal(err)
	}
	out["demo-history-"+lang+".csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := WriteMarkdown(&b, d, lang); err != nil {
		t.Fatal(err)
	}
	out["demo-history-"+lang+".md"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := WriteHTML(&b, d, lang); err != nil {
		t.Fatal(err)
	}
	out["demo-history-"+lang+".html"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := WriteXLSX(&b, d, lang); err != nil {
		t.Fatal(err)
	}
	out["demo-history-"+lang+".xlsx.txt"] = []byte(dumpXLSX(t, b.Bytes()))
	plan, err := planSheets(d, lang)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.MarshalIndent(plan, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	out["demo-history-sheets-"+lang+".json"] = append(js, '\n')
	return out
}

// TestGoldenDemoHistory: every human format of the demo's nightly run with
// history, in English and Japanese (go test ./report -update rewrites them).
func TestGoldenDemoHistory(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			for name, data := range demoRenderings(t, lang) {
				golden(t, name, data)
			}
		})
	}
}

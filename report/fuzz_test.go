package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadJSON: ReadJSON must never panic; whatever it accepts must write
// and read back, nest its evidence at most MaxEvidenceDepth deep, and render
// to output at most a bounded multiple of its size.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"schema":"gwsaudit.report/v1"}`))
	f.Add([]byte(`{"schema":"gwsaudit.report/v1","findings":[{"check_id":"FORM-001","severity":"critical","evidence":{"items_reached":1e400}}]}`))
	f.Add([]byte(`{"schema":"gwsaudit.report/v1","run":{"started_at":"2025-01-01T00:00:00+09:00"}}`))
	f.Add(nested(MaxEvidenceDepth))
	f.Add(nested(MaxEvidenceDepth + 1))
	f.Add([]byte(`{"schema":"gwsaudit.report/v1","findings":[{"check_id":"X","evidence":{"a":[[[[[[[` + strings.Repeat("[],", 200) + `[]]]]]]]]}}]}`))
	for _, seed := range []string{filepath.Join("testdata", "golden", "report.json"), filepath.Join("testdata", "demo-history.json")} {
		if b, err := os.ReadFile(seed); err == nil { // the second has statuses and resolved findings
			f.Add(b)
		}
	}
	f.Add([]byte(`{"schema":"gwsaudit.report/v1","findings":[{"check_id":"A","status":"new","resource":{"id":"x"},"principal":{"type":"user","email":"a@b"}},{"check_id":"B","status":"open","resource":{"id":"x"},"principal":{"type":"user","email":"A@B"}}],"resolved":[{"check_id":"C","resource":{"id":"x"},"principal":{"type":"user","email":"a@b"}}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := ReadJSON(bytes.NewReader(in))
		if err != nil {
			return
		}
		for i := range d.Findings {
			if tooDeep(d.Findings[i].Evidence, 1) {
				t.Fatalf("finding %d: evidence deeper than %d accepted", i+1, MaxEvidenceDepth)
			}
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, d); err != nil {
			return // e.g. a year outside 0–9999 cannot be written back
		}
		if limit := 64*len(in) + 64<<10; b.Len() > limit {
			t.Fatalf("%d bytes in, %d bytes of JSON out", len(in), b.Len())
		}
		if _, err := ReadJSON(&b); err != nil {
			t.Fatalf("re-read of written document failed: %v\n%s", err, b.String())
		}
		for _, lang := range Languages() {
			_ = d.Localize(lang)
			_ = WriteConsole(&bytes.Buffer{}, d, ConsoleOptions{Lang: lang, Top: -1})
			var md bytes.Buffer
			if err := WriteMarkdown(&md, d, lang); err == nil && md.Len() > 64*len(in)+256<<10 {
				t.Fatalf("%d bytes in, %d bytes of Markdown out", len(in), md.Len())
			}
		}
	})
}

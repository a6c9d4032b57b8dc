package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadJSON: ReadJSON must never panic, and whatever it accepts must
// write and read back.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"schema":"gwsaudit.report/v1"}`))
	f.Add([]byte(`{"schema":"gwsaudit.report/v1","findings":[{"check_id":"FORM-001","severity":"critical","evidence":{"items_reached":1e400}}]}`))
	f.Add([]byte(`{"schema":"gwsaudit.report/v1","run":{"started_at":"2025-01-01T00:00:00+09:00"}}`))
	if b, err := os.ReadFile(filepath.Join("testdata", "golden", "report.json")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := ReadJSON(bytes.NewReader(in))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, d); err != nil {
			return // e.g. a year outside 0–9999 cannot be written back
		}
		if _, err := ReadJSON(&b); err != nil {
			t.Fatalf("re-read of written document failed: %v\n%s", err, b.String())
		}
		for _, lang := range Languages() {
			_ = d.Localize(lang)
			_ = WriteConsole(&bytes.Buffer{}, d, ConsoleOptions{Lang: lang, Top: -1})
		}
	})
}

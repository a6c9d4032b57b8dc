package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nested is a report whose one finding's evidence nests depth containers
// deep (the evidence object is level 1).
func nested(depth int) []byte {
	return []byte(`{"schema":"gwsaudit.report/v1","findings":[{"check_id":"SHARE-001","severity":"high","resource":{"id":"doc-1"},"evidence":{"x":` +
		strings.Repeat("[", depth-1) + "1" + strings.Repeat("]", depth-1) + `}}]}`)
}

func TestReadJSONRefusesDeepEvidence(t *testing.T) {
	if _, err := ReadJSON(bytes.NewReader(nested(MaxEvidenceDepth))); err != nil {
		t.Errorf("evidence %d deep: %v", MaxEvidenceDepth, err)
	}
	for _, depth := range []int{MaxEvidenceDepth + 1, 5000} {
		_, err := ReadJSON(bytes.NewReader(nested(depth)))
		if err == nil || !strings.Contains(err.Error(), `finding 1 (SHARE-001 on "doc-1")`) || !strings.Contains(err.Error(), "deeper than 8") {
			t.Errorf("evidence %d deep: %v, want a refusal naming the finding", depth, err)
		}
	}
	deepMap := `{"schema":"gwsaudit.report/v1","findings":[{"check_id":"FORM-001","evidence":` +
		strings.Repeat(`{"a":`, 12) + "1" + strings.Repeat("}", 12) + `}]}`
	if _, err := ReadJSON(strings.NewReader(deepMap)); err == nil {
		t.Error("objects 12 deep accepted")
	}
}

func TestReadJSONRefusesLargeInput(t *testing.T) {
	defer func(n int64) { maxReportBytes = n }(maxReportBytes)
	maxReportBytes = 1 << 10
	in := `{"schema":"gwsaudit.report/v1","run":{"tenant":"` + strings.Repeat("a", 2<<10) + `"}}`
	if _, err := ReadJSON(strings.NewReader(in)); !errors.Is(err, errTooLarge) {
		t.Errorf("2 KiB report with a 1 KiB cap: %v", err)
	}
	if _, err := ReadJSON(strings.NewReader(`{"schema":"gwsaudit.report/v1"}` + strings.Repeat(" ", 2<<10))); !errors.Is(err, errTooLarge) {
		t.Errorf("trailing blanks past the cap: %v", err)
	}
	if _, err := ReadJSON(strings.NewReader(`{"schema":"gwsaudit.report/v1"}`)); err != nil {
		t.Error(err)
	}
}

func TestWriteFileCapsOutput(t *testing.T) {
	defer func(n int64) { maxOutputBytes = n }(maxOutputBytes)
	maxOutputBytes = 512
	b, err := os.ReadFile(filepath.Join("testdata", "golden", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ReadJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, ext := range Formats() {
		path := filepath.Join(dir, "r"+ext)
		if err := WriteFile(path, d, Options{Lang: "en"}); !errors.Is(err, errTooLarge) {
			t.Errorf("%s over a 512-byte cap: %v", ext, err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s: a partial report was left: %v", ext, err)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// displayColumn is the display column where needle starts in line.
func displayColumn(line, needle string) int {
	i := strings.Index(line, needle)
	if i < 0 {
		return -1
	}
	return report.Columns(line[:i])
}

// A diff in Japanese speaks Japanese, lines up by display width (a
// Japanese character takes two columns), and a long path, last on its
// line, does not pad the others.
func TestDiffInJapaneseAlignedByDisplayWidth(t *testing.T) {
	long := "/" + strings.Repeat("とても長いフォルダ名/", 8) + "名簿.xlsx"
	d := &report.Diff{From: report.RunRecord{ID: "r1"}, To: report.RunRecord{ID: "r2"},
		Added: []report.DiffEntry{
			{CheckID: "SHARE-002", Severity: "critical", Status: model.StatusNew, Resource: model.Resource{Path: long}, Principal: &model.Principal{Type: model.TypeAnyone}},
			{CheckID: "SHARE-005", Severity: "medium", Status: model.StatusNew, Resource: model.Resource{Path: "/a.pdf"}, Principal: &model.Principal{Type: model.TypeUser, Email: "x@gmail.com"}},
		},
		Changed: []report.DiffEntry{{CheckID: "FORM-001", Severity: "critical", OldSeverity: "high", Status: model.StatusOpen, Resource: model.Resource{Name: "申込"}}},
	}
	var b bytes.Buffer
	if err := writeDiff(&b, d, "table", "ja"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if !strings.Contains(lines[0], "追加 2 件、解消 0 件、変更 1 件") {
		t.Errorf("summary %q", lines[0])
	}
	if !strings.Contains(b.String(), "高→重大") || !strings.Contains(b.String(), "継続") || strings.Contains(b.String(), "critical") {
		t.Errorf("severities and statuses are not in Japanese:\n%s", b.String())
	}
	if c1, c2 := displayColumn(lines[1], "新規"), displayColumn(lines[2], "新規"); c1 != c2 || c1 < 0 {
		t.Errorf("status column at display columns %d and %d:\n%s", c1, c2, b.String())
	}
	if strings.HasSuffix(lines[2], " ") || report.Columns(lines[2]) > 60 {
		t.Errorf("a short line is padded to the long path: %q", lines[2])
	}
}

// The run history speaks the reader's language too.
func TestHistoryInJapanese(t *testing.T) {
	var b bytes.Buffer
	runs := []report.RunRecord{{ID: "20261206T173000Z", Tenant: "city.example.jp", Mode: report.ModeIncremental, Findings: 3, New: 1}}
	if err := writeRuns(&b, runs, "table", "ja", "exposures", time.Local); err != nil {
		t.Fatal(err)
	}
	mode := report.ModeName("ja", report.ModeIncremental)
	if out := b.String(); !strings.Contains(out, "実行 ID") || mode == report.ModeIncremental || !strings.Contains(out, mode) {
		t.Errorf("history table:\n%s", out)
	}
	if err := writeRuns(&b, runs, "table", "fr", "exposures", time.Local); err == nil {
		t.Error("an unknown --lang was accepted")
	}
}

package checks

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/configs"
)

// TestPersonalDataPrecision measures the built-in keyword lists against a
// labelled set of realistic file names, form titles and questions
// (testdata/personal-data-names.tsv) and fails when precision or recall
// drops below 0.9. Run with -v to see the figures and the misses:
//
//	go test ./checks -run PersonalDataPrecision -v
func TestPersonalDataPrecision(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "personal-data-names.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := &Env{PersonalDataKeywords: configs.DefaultPersonalDataKeywords()}
	env.Prepare()
	var tp, fp, fn, tn int
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 || (cols[1] != "yes" && cols[1] != "no") || cols[0] == "" {
			t.Fatalf("line %d: want name, yes|no, note separated by tabs: %q", n, line)
		}
		want, got := cols[1] == "yes", env.PersonalData(cols[0])
		switch {
		case want && len(got) > 0:
			tp++
		case want:
			fn++
			t.Logf("missed:         %s (%s)", cols[0], cols[2])
		case len(got) > 0:
			fp++
			t.Logf("false positive: %s %q (%s)", cols[0], got, cols[2])
		default:
			tn++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if tp+fp+fn+tn < 200 || tp+fn == 0 || tp+fp == 0 {
		t.Fatalf("labelled set too small or one-sided: tp=%d fp=%d fn=%d tn=%d", tp, fp, fn, tn)
	}
	precision, recall := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("%d names (%d personal, %d not): precision %.3f, recall %.3f", tp+fp+fn+tn, tp+fn, fp+tn, precision, recall)
	if precision < 0.9 || recall < 0.9 {
		t.Errorf("precision %.3f, recall %.3f: want both at least 0.9", precision, recall)
	}
}

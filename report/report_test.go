package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gwsaudit/gwsaudit/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got); run go test -update if intended:\n%s", name, diff)
	}
}

func TestGoldenJSON(t *testing.T) {
	d := sampleDoc()
	if err := d.Localize("ja"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", b.Bytes())
}

func TestGoldenConsole(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteConsole(&b, sampleDoc(), ConsoleOptions{Lang: lang, Top: 5}); err != nil {
				t.Fatal(err)
			}
			golden(t, "console-"+lang+".txt", b.Bytes())
		})
	}
}

func TestConsoleSafety(t *testing.T) {
	var b bytes.Buffer
	if err := WriteConsole(&b, sampleDoc(), ConsoleOptions{Lang: "en", Top: -1}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequence from a file name reached the console")
	}
	if !strings.Contains(out, "<script>") {
		t.Error("hostile name should be shown (cleaned), not dropped")
	}
	for _, f := range sampleDoc().Findings {
		if !strings.Contains(out, f.CheckID) {
			t.Errorf("Top -1 should list every finding; %s missing", f.CheckID)
		}
	}
	b.Reset()
	if err := WriteConsole(&b, sampleDoc(), ConsoleOptions{Lang: "ja", Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[1;37;41m") {
		t.Error("Color: no colour for critical findings")
	}
}

func TestConsoleEmpty(t *testing.T) {
	d := New(Run{Mode: ModeIncremental}, model.Coverage{}, nil)
	var b bytes.Buffer
	if err := WriteConsole(&b, d, ConsoleOptions{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "検出はありません。") {
		t.Errorf("no 'no findings' line:\n%s", b.String())
	}
	if err := WriteConsole(&b, d, ConsoleOptions{Lang: "fr"}); err == nil {
		t.Error("unsupported language accepted")
	}
}

func TestNewSummaryAndOrder(t *testing.T) {
	d := sampleDoc()
	want := Summary{Critical: 3, High: 1, Medium: 2, Low: 1, Info: 1}
	if d.Summary != want {
		t.Errorf("summary = %+v, want %+v", d.Summary, want)
	}
	for i := 1; i < len(d.Findings); i++ {
		if d.Findings[i].Severity > d.Findings[i-1].Severity {
			t.Fatalf("findings not sorted by severity at %d", i)
		}
	}
	if n := d.Summary.AtOrAbove(model.High); n != 4 {
		t.Errorf("AtOrAbove(high) = %d, want 4", n)
	}
	empty := New(Run{}, model.Coverage{}, nil)
	var b bytes.Buffer
	if err := WriteJSON(&b, empty); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"findings": []`, `"gaps": []`, `"domains": []`, `"info": 0`, `"critical": 0`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("empty document lacks %s:\n%s", s, b.String())
		}
	}
	if strings.Contains(b.String(), "resolved") {
		t.Error("resolved should be omitted when empty")
	}
}

// TestRoundTrip writes, reads and writes again: the bytes and the
// documents must agree, and the messages must not change although the
// evidence types do (ints become float64, lists []any).
func TestRoundTrip(t *testing.T) {
	d := sampleDoc()
	var b1, b2 bytes.Buffer
	if err := WriteJSON(&b1, d); err != nil {
		t.Fatal(err)
	}
	d2, err := ReadJSON(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b2, d2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b1.String(), b2.String()); diff != "" {
		t.Fatalf("JSON changed on round trip:\n%s", diff)
	}
	d3, err := ReadJSON(&b2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d2, d3, cmp.AllowUnexported(Document{})); diff != "" {
		t.Errorf("document changed on round trip:\n%s", diff)
	}
	for _, lang := range Languages() {
		a, err := d.Localized(lang)
		if err != nil {
			t.Fatal(err)
		}
		b, err := d2.Localized(lang)
		if err != nil {
			t.Fatal(err)
		}
		for i := range a.Findings {
			fa, fb := a.Findings[i], b.Findings[i]
			if fa.Message != fb.Message || fa.Remediation != fb.Remediation {
				t.Errorf("%s %s: text differs after round trip:\n%q\n%q", lang, fa.CheckID, fa.Message, fb.Message)
			}
		}
	}
}

func TestReadJSONErrors(t *testing.T) {
	tests := map[string]string{
		"wrong schema": `{"schema":"gwsaudit.report/v2"}`,
		"no schema":    `{}`,
		"trailing":     `{"schema":"gwsaudit.report/v1"} {}`,
		"bad severity": `{"schema":"gwsaudit.report/v1","findings":[{"severity":"urgent"}]}`,
		"not json":     `schema: v1`,
	}
	for name, in := range tests {
		if _, err := ReadJSON(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	d, err := ReadJSON(strings.NewReader(`{"schema":"gwsaudit.report/v1","future_key":1}`))
	if err != nil {
		t.Fatalf("unknown keys must be accepted: %v", err)
	}
	if d.Findings == nil || d.Coverage.Gaps == nil {
		t.Error("nil lists after ReadJSON")
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.JSON")
	if err := WriteFile(path, sampleDoc(), Options{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if d.Findings[0].Title == "" || d.Findings[0].Remediation == "" {
		t.Error("Options.Lang did not localize")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	err = WriteFile(filepath.Join(dir, "run.pdf"), sampleDoc(), Options{})
	if err == nil || !strings.Contains(err.Error(), `unsupported report format ".pdf" (supported: .csv, .htm, .html, .json, .md, .xlsx)`) {
		t.Errorf("err = %v", err)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "run.json"), sampleDoc(), Options{}); err == nil {
		t.Error("write into a missing directory succeeded")
	}
	if err := WriteFile(filepath.Join(dir, "x.json"), sampleDoc(), Options{Lang: "xx"}); err == nil {
		t.Error("unknown language accepted")
	}
}

func TestLocalizeUnknownCheck(t *testing.T) {
	d := New(Run{}, model.Coverage{}, []model.Finding{{CheckID: "NEW-999", Resource: model.Resource{Kind: model.KindFile, Name: "x"}}})
	if err := d.Localize("ja-JP"); err != nil {
		t.Fatal(err)
	}
	if f := d.Findings[0]; f.Title != "NEW-999" || f.Message == "" || f.Remediation == "" {
		t.Errorf("fallback text missing: %+v", f)
	}
	if err := d.Localize("de"); err == nil {
		t.Error("unsupported language accepted")
	}
}

func TestFormatsAndErrors(t *testing.T) {
	if got := Formats(); !contains(got, ".json") {
		t.Errorf("Formats() = %v", got)
	}
	if err := WriteJSON(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil document accepted")
	}
	if err := WriteJSON(failWriter{}, sampleDoc()); !errors.Is(err, errFail) {
		t.Errorf("err = %v", err)
	}
}

var errFail = errors.New("fail")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

// TestResolvedKeyOnlyWithHistory: "resolved" is absent without run history
// and [] (not absent) when a run with history has nothing resolved.
func TestResolvedKeyOnlyWithHistory(t *testing.T) {
	for _, tc := range []struct {
		resolved []Resolved
		want     string
	}{{nil, ""}, {[]Resolved{}, `"resolved": []`}} {
		d := sampleDoc()
		d.Resolved = tc.resolved
		var b strings.Builder
		if err := WriteJSON(&b, d); err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(b.String(), `"resolved"`)
		if got != (tc.want != "") || (tc.want != "" && !strings.Contains(b.String(), tc.want)) {
			t.Errorf("resolved=%#v: JSON has resolved key %v, want %q", tc.resolved, got, tc.want)
		}
		back, err := ReadJSON(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if (back.Resolved == nil) != (tc.resolved == nil) {
			t.Errorf("round trip changed resolved from %#v to %#v", tc.resolved, back.Resolved)
		}
	}
}

// TestEvidenceAlwaysAnObject: a finding without evidence still has
// "evidence": {} in the JSON, as the contract shows.
func TestEvidenceAlwaysAnObject(t *testing.T) {
	d := &Document{Schema: Schema, Findings: []model.Finding{{CheckID: "FORM-004", Resource: model.Resource{Kind: model.KindForm, ID: "f"}}}}
	var b strings.Builder
	if err := WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"evidence": {}`) {
		t.Errorf("no empty evidence object in:\n%s", b.String())
	}
	if d.Findings[0].Evidence != nil {
		t.Error("writing the JSON changed the caller's finding")
	}
}

// A coverage gap a suppression file accepts is still listed, with when the
// acceptance ends and why, in the reader's language.
func TestAcceptedGapIsListedWithItsReason(t *testing.T) {
	d := sampleDoc()
	d.Coverage.Gaps = []model.Gap{{Scope: model.ScopeUser, ID: "endo.k@town.example.jp", Code: model.GapUserSuspended,
		Reason: "user is suspended", AcceptedReason: "訴訟ホールドのため保持", AcceptedUntil: "2027-03-31"}}
	for lang, want := range map[string]string{"en": "[accepted until 2027-03-31: 訴訟ホールドのため保持]", "ja": "［2027-03-31 まで許容：訴訟ホールドのため保持］"} {
		var b bytes.Buffer
		if err := WriteConsole(&b, d, ConsoleOptions{Lang: lang, Top: 1}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "endo.k@town.example.jp") || !strings.Contains(b.String(), want) {
			t.Errorf("%s console does not list the accepted gap with %q:\n%s", lang, want, b.String())
		}
	}
}

// With a run history the console — what cron mails — starts with what is
// new and what got fixed; without one it does not pretend to know.
func TestConsoleStartsWithTheNews(t *testing.T) {
	d := sampleDoc()
	d.Findings[0].Status = model.StatusNew
	for i := 1; i < len(d.Findings); i++ {
		d.Findings[i].Status = model.StatusOpen
	}
	d.Resolved = []Resolved{{Fingerprint: "x", CheckID: "SHARE-002"}, {Fingerprint: "y", CheckID: "SHARE-005"}}
	for lang, want := range map[string]string{"ja": "新規 1 件・解消 2 件\n", "en": "1 new, 2 resolved since the last run\n"} {
		var b bytes.Buffer
		if err := WriteConsole(&b, d, ConsoleOptions{Lang: lang, Top: 1}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(b.String(), want) {
			t.Errorf("%s console starts %q, want %q", lang, firstLine(b.String()), want)
		}
	}
	d.Resolved = nil
	var b bytes.Buffer
	if err := WriteConsole(&b, d, ConsoleOptions{Lang: "ja", Top: 1}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "新規 ") {
		t.Errorf("without history the console claims news: %q", firstLine(b.String()))
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

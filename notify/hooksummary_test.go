package notify

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/internal/jatext"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// resolvedGrant is two resolved findings of one grant (one exposure) and
// one of another: two resolved exposures.
func resolvedGrant() []report.Resolved {
	gone := model.Resource{Kind: model.KindFile, ID: "f-gone", Name: "旧 患者名簿.xlsx"}
	anyone := &model.Principal{Type: "anyone", Role: "reader"}
	return []report.Resolved{
		{Fingerprint: "a", CheckID: "SHARE-002", Resource: gone, Principal: anyone, ResolvedAt: fixedNow()},
		{Fingerprint: "b", CheckID: "SHARE-008", Resource: gone, Principal: anyone, ResolvedAt: fixedNow()},
		{Fingerprint: "c", CheckID: "FORM-001", Resource: model.Resource{Kind: model.KindForm, ID: "form-old"}, ResolvedAt: fixedNow()},
	}
}

// TestHookSummaryGolden: the summary in ja and en counts exposures, as the
// console does: run.json's five new findings are four exposures with
// something new (two of them known grants with a new reason), and three
// resolved findings are two resolved exposures. The numbers are the
// console headline's, and the text names no item, owner or link.
func TestHookSummaryGolden(t *testing.T) {
	in := load(t, "run.json")
	in.Doc.Resolved = resolvedGrant()
	if n := NewExposures(in.Doc); n != 4 {
		t.Errorf("NewExposures = %d, want 4", n)
	}
	for _, lang := range []string{"ja", "en"} {
		text, err := HookSummary(in.Doc, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "webhook-"+lang+".txt", []byte(text+"\n"))
		var console bytes.Buffer
		if err := report.WriteConsole(&console, in.Doc, report.ConsoleOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		head := map[string]string{"ja": "新規 4 件・解消 2 件", "en": "4 new, 2 resolved since the last run"}[lang]
		if !strings.HasPrefix(console.String(), head) {
			t.Errorf("%s: the console headline is not %q:\n%s", lang, head, console.String())
		}
		want := map[string]string{"ja": "新規の露出が 4 件ありました（解消 2 件）", "en": "new exposures: 4 (resolved: 2)"}[lang]
		if !strings.Contains(text, want) {
			t.Errorf("%s: summary lacks the console's counts %q:\n%s", lang, want, text)
		}
		for _, f := range in.Doc.Findings {
			for _, s := range []string{f.Resource.Name, f.Resource.Owner, f.Resource.URL} {
				if s != "" && strings.Contains(text, s) {
					t.Errorf("%s: summary names %q (names, owners and links stay out of chat)", lang, s)
				}
			}
			if f.Principal != nil && f.Principal.Email != "" && strings.Contains(text, f.Principal.Email) {
				t.Errorf("%s: summary names the grantee %s", lang, f.Principal.Email)
			}
		}
		if lang == "ja" {
			if runs := jatext.EnglishRuns(text, nil); len(runs) > 0 {
				t.Errorf("ja summary has English: %q", runs)
			}
		}
	}
}

// TestHookSummaryCountsOnlyNew: open and suppressed exposures are not new,
// and a run without news lists none.
func TestHookSummaryCountsOnlyNew(t *testing.T) {
	doc := report.New(report.Run{Tenant: report.Tenant{PrimaryDomain: "example.jp"}}, model.Coverage{}, []model.Finding{
		{CheckID: "SHARE-002", Severity: model.High, Status: model.StatusOpen, Resource: model.Resource{ID: "old"}},
		{CheckID: "SHARE-002", Severity: model.High, Status: model.StatusSuppressed, Resource: model.Resource{ID: "accepted"}},
	})
	text, err := HookSummary(doc, "en")
	if err != nil {
		t.Fatal(err)
	}
	if NewExposures(doc) != 0 || strings.Contains(text, "old") || strings.Contains(text, "accepted") || !strings.Contains(text, "new exposures: 0") {
		t.Errorf("summary of a run without new exposures:\n%s", text)
	}
}

// TestHookSummaryTop: past HookTop new exposures the rest is a count.
func TestHookSummaryTop(t *testing.T) {
	var fs []model.Finding
	for i := range HookTop + 2 {
		fs = append(fs, model.Finding{CheckID: "SHARE-002", Severity: model.High, Status: model.StatusNew, Fingerprint: fmt.Sprint(i),
			Resource: model.Resource{Kind: model.KindFile, ID: fmt.Sprintf("f-%d", i)}, Principal: &model.Principal{Type: "anyone", Role: "reader"}})
	}
	doc := report.New(report.Run{Tenant: report.Tenant{PrimaryDomain: "example.jp"}}, model.Coverage{}, fs)
	text, err := HookSummary(doc, "ja")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(text, "・【高】"); got != HookTop || !strings.Contains(text, "ほか 2 件") {
		t.Errorf("%d items listed, want %d and 「ほか 2 件」:\n%s", got, HookTop, text)
	}
}

// TestHookSummaryEscapes: a check ID, title, item ID or domain from a run
// file cannot make a link or a mention in Slack or Google Chat, nor forge
// a line; plain values pass unchanged.
func TestHookSummaryEscapes(t *testing.T) {
	hostile := []string{"<!channel>", "<users/all>", "<https://evil.example|click>", "a&b", "x\n• [critical] forged"}
	for _, h := range hostile {
		doc := report.New(report.Run{Tenant: report.Tenant{PrimaryDomain: "ex<!here>.jp"}}, model.Coverage{}, []model.Finding{
			{CheckID: h, Severity: model.High, Status: model.StatusNew, Resource: model.Resource{Kind: model.KindFile, ID: h}},
		})
		for _, lang := range []string{"ja", "en"} {
			text, err := HookSummary(doc, lang)
			if err != nil {
				t.Fatal(err)
			}
			if strings.ContainsAny(text, "<>") || strings.Contains(text, "forged\n") || strings.Count(text, "\n") != 3 {
				t.Errorf("%s %q: markup or a forged line passed:\n%s", lang, h, text)
			}
			if h == "a&b" && !strings.Contains(text, "a&amp;b") {
				t.Errorf("%s: & not escaped:\n%s", lang, text)
			}
		}
	}
	if got := chatSafe("SHARE-002 f-kenshin-01 ex.jp"); got != "SHARE-002 f-kenshin-01 ex.jp" {
		t.Errorf("plain text changed: %q", got)
	}
	if got := chatSafe("<!channel> & <users/all>"); got != "&lt;!channel&gt; &amp; &lt;users/all&gt;" {
		t.Errorf("chatSafe = %q", got)
	}
}

// FuzzHookSummaryEscapes: whatever a run file says in a check ID, item ID
// or domain, the summary has no chat markup and no line of its own.
func FuzzHookSummaryEscapes(f *testing.F) {
	for _, s := range []string{"<!channel>", "<users/all>", "<https://x|y>", "a&b", "x\ny", "\u202eevil", "SHARE-002"} {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, check, id, domain string) {
		doc := report.New(report.Run{Tenant: report.Tenant{PrimaryDomain: domain}}, model.Coverage{}, []model.Finding{
			{CheckID: check, Severity: model.High, Status: model.StatusNew, Resource: model.Resource{Kind: model.KindFile, ID: id}},
		})
		text, err := HookSummary(doc, "en")
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(text, "<>") || strings.Count(text, "\n") != 3 {
			t.Errorf("check %q id %q domain %q:\n%s", check, id, domain, text)
		}
	})
}

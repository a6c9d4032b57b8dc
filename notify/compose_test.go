package notify

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// TestGoldenMessages renders every owner's message of the fixture in ja
// and en and compares the raw message and its decoded text with golden
// files.
func TestGoldenMessages(t *testing.T) {
	in := load(t, "run.json")
	for _, lang := range []string{"ja", "en"} {
		b := build(t, in, Options{Lang: lang, Contact: "情報政策課（内線 1234）", ReplyTo: "helpdesk@city.sakura.example.jp"})
		if len(b.Notices) != 4 {
			t.Fatalf("%s: %d notices, want 4 (kato.e, ikeda.y, yoshida.a; ito.m as a shared drive's manager)", lang, len(b.Notices))
		}
		for _, n := range b.Notices {
			raw, err := Message(n, testFrom, "helpdesk@city.sakura.example.jp")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, lang+"-"+n.Owner+".eml", raw)
			d := decode(t, raw)
			if d.body != n.Body || d.subject != n.Subject {
				t.Errorf("%s: decoded message differs from the notice", n.Owner)
			}
			golden(t, lang+"-"+n.Owner+".txt", []byte("Subject: "+d.subject+"\n\n"+d.body))
		}
	}
}

// TestJapaneseMessageHasNoEnglish checks that a Japanese message uses no
// English words outside addresses, URLs, IDs and names.
func TestJapaneseMessageHasNoEnglish(t *testing.T) {
	in := load(t, "run.json")
	b := build(t, in, Options{Lang: "ja"})
	strip := regexp.MustCompile(`https?://\S+|[\w.+-]+@[\w.-]+|[\w-]+(?:\.[\w-]+)+|Google Workspace|gwsaudit|「[^」]*」`)
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	for _, n := range b.Notices {
		text := n.Subject + "\n" + n.Body
		for _, f := range n.Findings {
			text = strings.ReplaceAll(text, f.Resource.Path, "")
		}
		if w := word.FindAllString(strip.ReplaceAllString(text, ""), -1); len(w) > 0 {
			t.Errorf("%s: English words in a Japanese message: %v", n.Owner, w)
		}
	}
}

// TestNoOtherOwnersData checks that no message names another owner's item
// (ID, name, path or link) or address.
func TestNoOtherOwnersData(t *testing.T) {
	for _, file := range []string{"run.json", "plan.json"} {
		in := load(t, file)
		for _, lang := range []string{"ja", "en"} {
			b := build(t, in, Options{Lang: lang})
			if len(b.Notices) < 2 {
				t.Fatalf("%s: %d notices, the test needs at least two owners", file, len(b.Notices))
			}
			for _, n := range b.Notices {
				raw, err := Message(n, testFrom, "")
				if err != nil {
					t.Fatal(err)
				}
				text := decode(t, raw).body + string(raw)
				own := map[string]bool{}
				for _, f := range n.Findings {
					if !slices.Contains(Recipients(f), n.Owner) {
						t.Errorf("%s: message lists a finding of %s %v", n.Owner, f.Resource.Owner, f.Resource.DriveManagers)
					}
					own[f.Resource.ID], own[f.Resource.Name], own[f.Resource.URL], own[f.Resource.Path] = true, true, true, true
				}
				for _, f := range in.Doc.Findings {
					if slices.Contains(Recipients(f), n.Owner) {
						continue
					}
					for _, s := range []string{f.Resource.ID, f.Resource.Name, f.Resource.URL, f.Resource.Path, f.Resource.Owner} {
						if s != "" && !own[s] && strings.Contains(text, s) {
							t.Errorf("%s %s: message to %s names %q of another owner's item", file, lang, n.Owner, s)
						}
					}
				}
			}
		}
	}
}

// TestFiltering: suppressed findings are never sent, items without an
// owner are set aside, --only-new keeps only new ones and needs statuses.
func TestFiltering(t *testing.T) {
	in := load(t, "run.json")
	b := build(t, in, Options{})
	count := map[string]int{}
	for _, n := range b.Notices {
		for _, f := range n.Findings {
			if f.Status == model.StatusSuppressed {
				t.Errorf("suppressed finding %s sent to %s", f.Fingerprint, n.Owner)
			}
			count[n.Owner]++
		}
	}
	want := map[string]int{"kato.e@city.sakura.example.jp": 1, "yoshida.a@city.sakura.example.jp": 2, "ikeda.y@hosp.sakura.example.jp": 3,
		"ito.m@city.sakura.example.jp": 1} // manager of the shared drive 企画政策課
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Errorf("findings per owner %v, want %v", count, want)
	}
	if len(b.Unowned) != 1 || b.Unowned[0].CheckID != "GROUP-001" {
		t.Errorf("unowned = %v, want the GROUP-001 finding", b.Unowned)
	}

	// --only-new sends the exposures with something new, whole: a known
	// grant's older reasons come with its new one.
	b = build(t, in, Options{OnlyNew: true})
	for _, n := range b.Notices {
		for _, e := range n.Exposures {
			if !e.HasNew() {
				t.Errorf("--only-new sent %s's exposure %v with nothing new", n.Owner, e.CheckIDs())
			}
		}
	}
	if len(b.Notices) != 4 {
		t.Errorf("--only-new: %d notices, want 4", len(b.Notices))
	}

	// Only: one recipient's message, and only its org unit asked for.
	var asked []string
	b = build(t, in, Options{Only: []string{"ito.m@city.sakura.example.jp"}, OrgUnitContacts: map[string]string{"/": "x@example.jp"},
		OrgUnitOf: func(_ context.Context, o string) (string, error) { asked = append(asked, o); return "/", nil }})
	if len(b.Notices) != 1 || b.Notices[0].Owner != "ito.m@city.sakura.example.jp" || len(asked) != 1 || len(b.Unowned) != 1 {
		t.Errorf("Only: %d notices, asked %v, %d unowned", len(b.Notices), asked, len(b.Unowned))
	}

	plan := load(t, "plan.json")
	if _, err := Build(context.Background(), plan, Options{OnlyNew: true}); err == nil || !strings.Contains(err.Error(), "--store") {
		t.Errorf("--only-new on findings without status: err %v, want one naming --store", err)
	}
}

// TestLanguageOverride: an address's language wins over its domain's,
// which wins over the default.
func TestLanguageOverride(t *testing.T) {
	in := load(t, "run.json")
	b := build(t, in, Options{Lang: "ja", Languages: map[string]string{
		"hosp.sakura.example.jp": "en", "Kato.E@city.sakura.example.jp": "en", "yoshida.a@city.sakura.example.jp": "ja",
	}})
	got := map[string]string{}
	for _, n := range b.Notices {
		got[n.Owner] = n.Lang
	}
	want := map[string]string{"kato.e@city.sakura.example.jp": "en", "yoshida.a@city.sakura.example.jp": "ja", "ikeda.y@hosp.sakura.example.jp": "en",
		"ito.m@city.sakura.example.jp": "ja"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("languages %v, want %v", got, want)
	}
	if _, err := Build(context.Background(), in, Options{Lang: "fr", Now: fixedNow}); err == nil {
		t.Error("an unsupported language was accepted")
	}
}

// TestOrgUnitCopy: the nearest configured org unit's contact gets a copy;
// the org unit comes from the report (owner_org_unit) when it names one,
// else from the Directory lookup, whose failure means no copy and a
// warning.
func TestOrgUnitCopy(t *testing.T) {
	in := load(t, "run.json")
	var asked []string
	contacts := map[string]string{"/本庁/教育委員会": "kyoiku@city.sakura.example.jp", "/本庁/企画部": "kikaku@city.sakura.example.jp",
		"/本庁/こども部/保育課": "hoiku@city.sakura.example.jp"}
	lookup := func(_ context.Context, owner string) (string, error) {
		asked = append(asked, owner)
		if owner == "ito.m@city.sakura.example.jp" {
			return "/本庁/企画部/企画政策課", nil
		}
		return "", errors.New("user not found")
	}
	b := build(t, in, Options{OrgUnitContacts: contacts, OrgUnitOf: lookup})
	got := map[string][]string{}
	for _, n := range b.Notices {
		got[n.Owner] = n.Cc
	}
	want := map[string][]string{
		"kato.e@city.sakura.example.jp":    {"kyoiku@city.sakura.example.jp"}, // the report's /本庁/教育委員会/スポーツ振興課
		"ito.m@city.sakura.example.jp":     {"kikaku@city.sakura.example.jp"}, // the Directory's (a drive manager: not in the report)
		"yoshida.a@city.sakura.example.jp": nil,                               // /本庁/こども部/子育て支援課: no contact above it
		"ikeda.y@hosp.sakura.example.jp":   nil,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("copies %v, want %v", got, want)
	}
	if !slices.Equal(asked, []string{"ito.m@city.sakura.example.jp"}) || len(b.Warnings) != 0 {
		t.Errorf("Directory asked for %v (want only ito.m), warnings %q", asked, b.Warnings)
	}
	for _, n := range b.Notices {
		raw, err := Message(n, testFrom, "")
		if err != nil {
			t.Fatal(err)
		}
		d := decode(t, raw)
		if cc := d.header.Get("Cc"); (cc != "") != (len(n.Cc) > 0) {
			t.Errorf("%s: Cc header %q, copies %v", n.Owner, cc, n.Cc)
		}
		if !slices.Equal(n.Recipients()[1:], n.Cc) {
			t.Errorf("%s: recipients %v", n.Owner, n.Recipients())
		}
	}
	// Without a lookup, an org unit the report does not name means no
	// copy and a warning.
	b = build(t, in, Options{OrgUnitContacts: contacts})
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0], "ito.m@city.sakura.example.jp") {
		t.Errorf("warnings %q, want one for ito.m", b.Warnings)
	}
}

// TestOwnerAddressChecked: an owner that is not a bare address (a header
// injection in a hostile run.json) gets no message.
func TestOwnerAddressChecked(t *testing.T) {
	for _, owner := range []string{"a@example.jp\r\nBcc: x@evil.example", "Sato <sato@example.jp>", "", "sato"} {
		if _, ok := ownerAddress(owner); ok {
			t.Errorf("ownerAddress(%q) accepted", owner)
		}
	}
	if a, ok := ownerAddress(" Sato@Example.JP "); !ok || a != "sato@example.jp" {
		t.Errorf("ownerAddress of a plain address = %q, %v", a, ok)
	}
}

// TestMaxItems: a long list is cut and says how many more there are.
func TestMaxItems(t *testing.T) {
	in := load(t, "run.json")
	// A second exposure for ikeda (whose three findings are one grant).
	extra := in.Doc.Findings[0]
	extra.Resource.Owner, extra.Resource.ID, extra.Fingerprint = "ikeda.y@hosp.sakura.example.jp", "form-extra", "extra"
	in.Doc.Findings = append(in.Doc.Findings, extra)
	b := build(t, in, Options{Lang: "en", MaxItems: 1})
	cut := 0
	for _, n := range b.Notices {
		if len(n.Exposures) > 1 {
			cut++
			if want := fmt.Sprintf(textsByLang["en"].more, len(n.Exposures)-1); !strings.Contains(n.Body, want) {
				t.Errorf("cut message lacks %q:\n%s", want, n.Body)
			}
		}
	}
	if cut == 0 {
		t.Fatal("no owner with two exposures in run.json")
	}
}

// TestSummary: the admin's summary in ja (no English words besides
// addresses, IDs and the directory) and en, with a failed owner left out.
func TestSummary(t *testing.T) {
	in := load(t, "run.json")
	b := build(t, in, Options{OrgUnitContacts: map[string]string{"/": "soumu@city.sakura.example.jp"},
		OrgUnitOf: func(context.Context, string) (string, error) { return "/", nil }})
	results := []Result{{Owner: b.Notices[0].Owner}, {Owner: b.Notices[1].Owner, Err: errors.New("refused")}, {Owner: b.Notices[2].Owner}}
	for _, lang := range []string{"ja", "en"} {
		for _, dir := range []string{"", "notices"} {
			var w strings.Builder
			if err := WriteSummary(&w, lang, b, results, dir); err != nil {
				t.Fatal(err)
			}
			name := "summary-" + lang
			if dir != "" {
				name += "-dry-run"
			}
			golden(t, name+".txt", []byte(w.String()))
			if strings.Contains(w.String(), b.Notices[1].Owner) {
				t.Errorf("%s: the failed owner is listed as reached:\n%s", lang, w.String())
			}
			if lang == "ja" {
				text := regexp.MustCompile(`[\w.+-]+@[\w.-]+|[A-Z]+-\d+|notices`).ReplaceAllString(w.String(), "")
				if words := regexp.MustCompile(`[A-Za-z]{3,}`).FindAllString(text, -1); len(words) > 0 {
					t.Errorf("English in the Japanese summary: %v", words)
				}
			}
		}
	}
}

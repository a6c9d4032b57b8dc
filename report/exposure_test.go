package report

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// exposureFindings are one lookalike grant found by four checks, a link
// grant found by two, and two form settings on one form (no principal).
func exposureFindings() []model.Finding {
	file := model.Resource{Kind: model.KindFile, ID: "f-1", Name: "入院調整 患者名簿.xlsx", Owner: "kimura@city.example.jp"}
	sheet := model.Resource{Kind: model.KindSpreadsheet, ID: "ss-1", Name: "申込者一覧（回答）", Owner: "yoshida@city.example.jp"}
	form := model.Resource{Kind: model.KindForm, ID: "form-1", Name: "講座 申込", Owner: "yoshida@city.example.jp"}
	look := &model.Principal{Type: model.TypeUser, Email: "Hoken@partner-hospl.example.jp", Role: "reader"}
	look2 := &model.Principal{Type: model.TypeUser, Email: "hoken@partner-hospl.example.jp", Role: "reader"}
	anyone := &model.Principal{Type: model.TypeAnyone, Role: "reader"}
	early, late := time.Date(2026, 11, 2, 2, 30, 0, 0, jst), time.Date(2026, 12, 7, 2, 30, 0, 0, jst)
	f := func(id string, sev model.Severity, r model.Resource, p *model.Principal, status string, first time.Time) model.Finding {
		return model.Finding{Fingerprint: model.Fingerprint(id, r.ID, p), CheckID: id, Severity: sev, Resource: r, Principal: p,
			Evidence: map[string]any{}, Status: status, FirstSeen: &first}
	}
	return []model.Finding{
		f("SHARE-005", model.Medium, file, look, model.StatusOpen, early),
		f("SHARE-006", model.Critical, file, look2, model.StatusOpen, early),
		f("SHARE-007", model.Critical, file, look, model.StatusNew, late),
		f("SHARE-008", model.High, file, look, model.StatusOpen, early),
		f("FORM-002", model.Critical, sheet, anyone, model.StatusNew, late),
		f("SHARE-002", model.Critical, sheet, anyone, model.StatusNew, late),
		f("FORM-001", model.Critical, form, nil, model.StatusNew, late),
		f("FORM-004", model.Info, form, nil, model.StatusNew, late),
	}
}

// TestGroupExposures: findings group by item and principal (the address's
// case ignored), findings without a principal by item and check; an
// exposure has the highest severity, every check, the earliest first
// seen, and is new only when all of it is.
func TestGroupExposures(t *testing.T) {
	es := GroupExposures(exposureFindings())
	if len(es) != 4 {
		t.Fatalf("%d exposures, want 4 (grant, link, two form settings)", len(es))
	}
	byID := map[string]Exposure{}
	for _, e := range es {
		byID[e.Primary().Resource.ID+"/"+e.Primary().CheckID] = e
	}
	grant := byID["f-1/SHARE-006"]
	if len(grant.Findings) != 4 || grant.Severity() != model.Critical || !slices.Equal(grant.CheckIDs(), []string{"SHARE-006", "SHARE-007", "SHARE-008", "SHARE-005"}) {
		t.Errorf("grant: %d findings, %v, %v", len(grant.Findings), grant.Severity(), grant.CheckIDs())
	}
	if grant.Status() != model.StatusOpen || !grant.HasNew() || !slices.Equal(grant.NewChecks(), []string{"SHARE-007"}) || grant.FirstSeen().Day() != 2 {
		t.Errorf("grant: status %s, new %v %v, first seen %v", grant.Status(), grant.HasNew(), grant.NewChecks(), grant.FirstSeen())
	}
	link := byID["ss-1/FORM-002"]
	if len(link.Findings) != 2 || link.Status() != model.StatusNew || link.NewChecks() != nil {
		t.Errorf("responses sheet: %d findings, status %s", len(link.Findings), link.Status())
	}
	if _, ok := byID["form-1/FORM-001"]; !ok {
		t.Error("FORM-001 is not its own exposure")
	}
	if _, ok := byID["form-1/FORM-004"]; !ok {
		t.Error("FORM-004 is not its own exposure")
	}
	if s := CountExposures(es); s.Critical != 3 || s.Info != 1 || NewExposures(es) != 4 {
		t.Errorf("counts %+v, new %d", s, NewExposures(es))
	}

	// A suppressed finding is an exposure apart.
	fs := exposureFindings()
	fs[0].Status = model.StatusSuppressed
	if n := len(GroupExposures(fs)); n != 5 {
		t.Errorf("with SHARE-005 suppressed: %d exposures, want 5", n)
	}
}

// TestExposureRow: one row per grant, its reasons, its one remediation
// (the action that removes the grant, what it closes, and each check's
// follow-up), every check ID and fingerprint, and the status since first
// seen with the new reason; in both languages.
func TestExposureRow(t *testing.T) {
	run := Run{ID: "r", StartedAt: time.Date(2026, 12, 7, 2, 30, 0, 0, jst), Tenant: Tenant{PrimaryDomain: "city.example.jp"}}
	d := New(run, model.Coverage{}, exposureFindings())
	d.Resolved = []Resolved{}
	for lang, want := range map[string][]string{
		"ja": {"酷似アドレス／フォルダ解除後も残存／親フォルダより広い／組織外と共有", "SHARE-006、SHARE-007、SHARE-008、SHARE-005",
			"「アクセス権を削除」", "4 件の指摘", "継続（2026-11-02 から）・新たな理由: フォルダ解除後も残存", "電話"},
		"en": {"lookalike address / left after folder unshared / more open than its folder / outside the organisation",
			"SHARE-006, SHARE-007, SHARE-008, SHARE-005", "Remove access", "closes these 4 findings",
			"open since 2026-11-02; new reason: left after folder unshared", "by phone"},
	} {
		tb, err := newTable(localized(t, d, lang), lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.rows) != 4 {
			t.Fatalf("%s: %d rows, want 4", lang, len(tb.rows))
		}
		r := rowOf(t, tb, "f-1")
		all := strings.Join(r.Sheet[:], "\n")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: the grant's row lacks %q:\n%s", lang, w, all)
			}
		}
		if fp := r.Sheet[sheetPos[colFingerprints]]; len(strings.Fields(fp)) != 4 {
			t.Errorf("%s: fingerprints %q, want 4", lang, fp)
		}
		// Keeping the address on purpose is no advice for a lookalike.
		if fix := r.Sheet[sheetPos[colRemediation]]; strings.Contains(fix, "許容（除外）") || strings.Contains(fix, "record the exception") {
			t.Errorf("%s: a lookalike's fix offers to keep it: %s", lang, fix)
		}
		sheet := rowOf(t, tb, "ss-1")
		if fix := sheet.Sheet[sheetPos[colRemediation]]; !strings.Contains(fix, map[string]string{"ja": "「制限付き」", "en": "Restricted"}[lang]) {
			t.Errorf("%s: the responses sheet's fix does not restrict its link: %s", lang, fix)
		}
		if st := sheet.Sheet[sheetPos[colStatus]]; st != map[string]string{"ja": "新規", "en": "new"}[lang] {
			t.Errorf("%s: the new link's status %q", lang, st)
		}
	}
}

// TestOnlyNewKeepsWholeExposures: --only-new keeps an exposure with a new
// reason whole (its older reasons too) and drops the ones with nothing new.
func TestOnlyNewKeepsWholeExposures(t *testing.T) {
	fs := exposureFindings()
	fs[4].Status, fs[5].Status = model.StatusOpen, model.StatusOpen // the link is old news
	d := New(Run{}, model.Coverage{}, fs)
	n := OnlyNew(d)
	if len(n.Findings) != 6 || len(n.Exposures()) != 3 || n.Summary.Critical != 3 {
		t.Errorf("only new: %d findings in %d exposures, summary %+v; want the grant (4) and the two form settings", len(n.Findings), len(n.Exposures()), n.Summary)
	}
	if len(d.Findings) != 8 {
		t.Error("OnlyNew changed its input")
	}
}

// TestGroupDiff: diff entries of one grant make one group.
func TestGroupDiff(t *testing.T) {
	var es []DiffEntry
	for _, f := range exposureFindings() {
		es = append(es, DiffEntry{CheckID: f.CheckID, Resource: f.Resource, Principal: f.Principal})
	}
	if g := GroupDiff(es); len(g) != 4 || len(g[0]) != 4 {
		t.Errorf("%d groups (first of %d), want 4 (first of 4)", len(g), len(g[0]))
	}
}

// TestOnlyNewSaysSo: a report cut to what is new says so, and with nothing
// new says that, not "no findings".
func TestOnlyNewSaysSo(t *testing.T) {
	fs := exposureFindings()
	for i := range fs {
		fs[i].Status = model.StatusOpen
	}
	d := New(Run{}, model.Coverage{}, fs)
	d.Resolved = []Resolved{}
	var b strings.Builder
	if err := WriteConsole(&b, OnlyNew(d), ConsoleOptions{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "前回から新しい露出はありません") || strings.Contains(out, "検出はありません") {
		t.Errorf("console:\n%s", out)
	}
	b.Reset()
	if err := WriteMarkdown(&b, OnlyNew(d), "en"); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "Nothing new since the last run") || strings.Contains(out, "No findings") {
		t.Errorf("markdown:\n%s", out)
	}
}

// TestExposureTextComplete: every language has a short reason label for
// every check (and none for an unknown one), and its exposure templates
// run on a grant of each principal type.
func TestExposureTextComplete(t *testing.T) {
	for _, lang := range Languages() {
		x := exposureTexts[lang]
		if x == nil {
			t.Fatalf("%s: no exposure wording", lang)
		}
		for _, id := range catalogIDs {
			if x.reasons[id] == "" {
				t.Errorf("%s: %s has no reason label", lang, id)
			}
		}
		for id := range x.reasons {
			if !contains(catalogIDs, id) {
				t.Errorf("%s: reason label for unknown check %s", lang, id)
			}
		}
		for id := range x.followUps {
			if !contains(catalogIDs, id) {
				t.Errorf("%s: follow-up for unknown check %s", lang, id)
			}
		}
		for _, p := range []*model.Principal{{Type: model.TypeAnyone}, {Type: model.TypeDomain, Domain: "x.jp"}, {Type: model.TypeUser, Email: "a@x.jp"}, {Type: model.TypeGroup, Email: "g@x.jp"}} {
			f := model.Finding{CheckID: "SHARE-008", Resource: model.Resource{Kind: model.KindFile, ID: "f"}, Principal: p, Evidence: map[string]any{}}
			if s := x.run("fix/"+principalClass(p), view{Finding: f, c: catalogs[lang]}); s == "" {
				t.Errorf("%s: no fix for a %s grant", lang, p.Type)
			}
		}
	}
}

// TestExposuresInJSON: the JSON report lists the exposures after the
// findings, each fingerprint in exactly one, and reading it back ignores
// the list (the findings stay one per check).
func TestExposuresInJSON(t *testing.T) {
	d := New(Run{}, model.Coverage{}, exposureFindings())
	var b strings.Builder
	if err := WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings  []struct{ Fingerprint string }
		Exposures []struct {
			Severity     string
			CheckIDs     []string `json:"check_ids"`
			Fingerprints []string
		}
	}
	if err := json.Unmarshal([]byte(b.String()), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) != 8 || len(doc.Exposures) != 4 || doc.Exposures[0].Severity != "critical" {
		t.Fatalf("%d findings, %d exposures (first %+v)", len(doc.Findings), len(doc.Exposures), doc.Exposures)
	}
	seen := map[string]int{}
	for _, e := range doc.Exposures {
		if len(e.CheckIDs) == 0 || len(e.Fingerprints) < len(e.CheckIDs) {
			t.Errorf("exposure %+v", e)
		}
		for _, fp := range e.Fingerprints {
			seen[fp]++
		}
	}
	for _, f := range doc.Findings {
		if seen[f.Fingerprint] != 1 {
			t.Errorf("fingerprint %s in %d exposures", f.Fingerprint, seen[f.Fingerprint])
		}
	}
	back, err := ReadJSON(strings.NewReader(b.String()))
	if err != nil || len(back.Findings) != 8 {
		t.Errorf("read back: %v, %d findings", err, len(back.Findings))
	}
}

// TestResolvedExposures: resolved findings group by grant like the
// current ones; a grant still reported for another reason is resolved in
// part, and the rows say so, with no severity and nothing to do.
func TestResolvedExposures(t *testing.T) {
	fs := exposureFindings()
	d := New(Run{StartedAt: time.Date(2026, 12, 7, 2, 30, 0, 0, jst)}, model.Coverage{}, fs[4:]) // the link and the form
	gone := func(f model.Finding) Resolved {
		return Resolved{Fingerprint: f.Fingerprint, CheckID: f.CheckID, Resource: f.Resource, Principal: f.Principal, FirstSeen: *f.FirstSeen}
	}
	other := fs[4]
	other.CheckID = "SHARE-008" // the link's "more open than its folder" went away
	d.Resolved = []Resolved{gone(fs[0]), gone(fs[1]), gone(fs[2]), gone(fs[3]), gone(other)}
	res := d.ResolvedExposures()
	if len(res) != 2 {
		t.Fatalf("%d resolved exposures, want 2", len(res))
	}
	var whole, partly int
	for _, r := range res {
		switch {
		case r.Partly && len(r.Findings) == 1:
			partly++
		case !r.Partly && len(r.Findings) == 4:
			whole++
		}
	}
	if whole != 1 || partly != 1 {
		t.Errorf("resolved: %d whole (4 findings), %d in part; want 1 and 1", whole, partly)
	}
	tb, err := newTable(localized(t, d, "ja"), "ja")
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, r := range tb.resolved {
		statuses = append(statuses, r.Sheet[sheetPos[colStatus]])
		if r.Sheet[sheetPos[colSeverity]] != "" || r.Sheet[sheetPos[colRemediation]] != "" || r.Status != "resolved" {
			t.Errorf("resolved row with severity %q or fix %q", r.Sheet[sheetPos[colSeverity]], r.Sheet[sheetPos[colRemediation]])
		}
	}
	slices.Sort(statuses)
	if want := []string{"一部解消（ほかの理由で共有は残っています）", "解消"}; !slices.Equal(statuses, want) {
		t.Errorf("statuses %q, want %q", statuses, want)
	}
}

// TestConsoleListsTheNewsFirst: with a run history the console and
// Markdown list the exposures with something new before the others, so a
// nightly mail cut to the first ten still shows them.
func TestConsoleListsTheNewsFirst(t *testing.T) {
	d := demoHistory(t)
	fresh := NewExposures(d.Exposures())
	var con, md strings.Builder
	if err := WriteConsole(&con, d, ConsoleOptions{Lang: "en", Top: fresh}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(con.String(), "\n    Status: new") + strings.Count(con.String(), "; new reason:"); got != fresh {
		t.Errorf("console's first %d exposures: %d new ones\n%s", fresh, got, con.String())
	}
	if err := WriteMarkdown(&md, localized(t, d, "en"), "en"); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(md.String()[strings.Index(md.String(), "| --- | --- | --- |"):], "\n")[1:]
	for i := range fresh {
		if !strings.HasSuffix(rows[i], "| new |") && !strings.Contains(rows[i], "new reason") {
			t.Errorf("markdown row %d is not new: %s", i+1, rows[i])
		}
	}
}

package remediate_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/internal/jatext"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/remediate"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/suppress"
)

var update = flag.Bool("update", false, "rewrite golden files")

var planTime = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)

func finding(check string, sev model.Severity, res model.Resource, p *model.Principal, ev map[string]any) model.Finding {
	if ev == nil {
		ev = map[string]any{}
	}
	return model.Finding{Fingerprint: model.Fingerprint(check, res.ID, p), CheckID: check, Severity: sev, Resource: res, Principal: p, Evidence: ev}
}

// sampleDoc is a small audit: a lookalike co-editor with two findings on
// one grant, a public list, a form with its summary on, a shared drive's
// outside member, a group, an accepted partner grant and an owner grant.
func sampleDoc() *report.Document {
	list := model.Resource{Kind: model.KindSpreadsheet, ID: "ss-1", Name: "患者一覧", Owner: "kato@city.example.jp", Path: "/患者一覧",
		OwnerName: "加藤 花子", OwnerOrgUnit: "/健康福祉部/健康推進課"}
	form := model.Resource{Kind: model.KindForm, ID: "form-1", Name: "参加申込", Owner: "ito@city.example.jp", Path: "/参加申込", OwnerName: "伊藤 健"}
	drive := model.Resource{Kind: model.KindSharedDrive, ID: "sd-1", Name: "委託", DriveID: "sd-1", Path: "/委託",
		DriveManagers: []string{"kimura@city.example.jp"}}
	roster := model.Resource{Kind: model.KindSpreadsheet, ID: "f-gakumu-01", Name: "就学援助 認定者名簿", DriveID: "sd-gakumu",
		DriveName: "学務課", DriveManagers: []string{"suzuki@city.example.jp", "tanaka@city.example.jp"}, Path: "/学務課/就学援助 認定者名簿"}
	memo := model.Resource{Kind: model.KindFile, ID: "f-memo", Name: "打合せメモ", Owner: "kato@city.example.jp", Path: "/打合せメモ"}
	group := model.Resource{Kind: model.KindGroup, ID: "pta@city.example.jp", Name: "PTA"}
	look := &model.Principal{Type: "user", Email: "Yamada@City.Exampie.jp", Domain: "city.exampie.jp", Role: "writer"}
	lookNoDomain := &model.Principal{Type: "user", Email: "yamada@city.exampie.jp", Role: "writer"}
	partner := &model.Principal{Type: "user", Email: "tanto@partner.example.com", Role: "reader"}
	return &report.Document{Schema: report.Schema,
		Run: report.Run{ID: "20261206T000000Z", FinishedAt: time.Date(2026, 12, 6, 0, 5, 0, 0, time.UTC),
			Tenant: report.Tenant{PrimaryDomain: "city.example.jp"}},
		Findings: []model.Finding{
			finding("SHARE-005", model.Medium, form, lookNoDomain, nil),
			finding("SHARE-006", model.Critical, form, look, nil),
			finding("SHARE-001", model.Critical, list, &model.Principal{Type: "anyone", Role: "reader"}, map[string]any{"discoverable": true}),
			finding("FORM-001", model.High, form, nil, nil),
			finding("SHARE-005", model.High, drive, &model.Principal{Type: "user", Email: "vendor@vendor.example.com", Role: "writer"}, nil),
			finding("GROUP-001", model.High, group, nil, nil),
			finding("SHARE-005", model.Medium, memo, partner, nil),
			finding("SHARE-009", model.High, memo, partner, nil),
			finding("SHARE-005", model.Medium, list, &model.Principal{Type: "user", Email: "ex@other.example.com", Role: "owner"}, nil),
			finding("SHARE-004", model.Low, list, &model.Principal{Type: "domain", Domain: "edu.example.jp", Role: "reader"}, nil),
			finding("SHARE-002", model.High, roster, &model.Principal{Type: "anyone", Role: "reader"}, nil),
		},
	}
}

func suppressions(t *testing.T) *suppress.List {
	t.Helper()
	l, err := suppress.Parse([]byte("suppressions:\n  - check: SHARE-005\n    item: f-memo\n    reason: 委託契約による共有\n    expires: 2099-12-31\n"))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func build(t *testing.T, sel remediate.Selection) *remediate.Plan {
	t.Helper()
	sel.Now = planTime
	p, err := remediate.Build(sampleDoc(), sel)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// One action per grant, the most severe finding in front; FORM-001, a
// group, an owner grant and a grant with an accepted sibling become
// notices; a suppressed finding is neither planned nor noticed.
func TestBuildPlan(t *testing.T) {
	p := build(t, remediate.Selection{Suppressions: suppressions(t)})
	var got []string
	for _, a := range p.Actions {
		got = append(got, a.Kind+" "+a.ItemID+" "+a.Finding.CheckID+" "+strings.Join(a.CheckIDs, ","))
	}
	want := []string{
		"delete_permission form-1 SHARE-006 SHARE-005,SHARE-006",
		"restrict_link ss-1 SHARE-001 SHARE-001",
		"remove_member sd-1 SHARE-005 SHARE-005",
		"restrict_link f-gakumu-01 SHARE-002 SHARE-002",
		"restrict_link ss-1 SHARE-004 SHARE-004",
	}
	if !slices.Equal(got, want) {
		t.Errorf("actions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	look := p.Actions[0]
	if look.Permission.Email != "yamada@city.exampie.jp" || len(look.AlsoCloses) != 1 || look.Finding.Severity != model.Critical {
		t.Errorf("lookalike action: %+v", look)
	}
	if a := p.Actions[1]; !a.DiscoveryKnown || !a.Permission.AllowFileDiscovery {
		t.Errorf("the public list's discovery was not kept: %+v", a.Permission)
	}
	codes := map[string]string{}
	for _, n := range p.Notices {
		codes[n.Finding.CheckID+" "+n.Finding.Resource.ID] = n.Code
	}
	wantCodes := map[string]string{
		"FORM-001 form-1": remediate.NoticeNoAPI, "GROUP-001 pta@city.example.jp": remediate.NoticeNotAGrant,
		"SHARE-005 ss-1": remediate.NoticeOwnerGrant, "SHARE-009 f-memo": remediate.NoticeSuppressedSibling,
	}
	if len(codes) != len(wantCodes) {
		t.Errorf("notices %v, want %v", codes, wantCodes)
	}
	for k, v := range wantCodes {
		if codes[k] != v {
			t.Errorf("notice %s: %q, want %q", k, codes[k], v)
		}
	}
}

// Selections narrow the plan; without the suppression file the partner
// grant is planned, once for its two findings.
func TestBuildSelection(t *testing.T) {
	p := build(t, remediate.Selection{Checks: []string{"SHARE-009"}})
	if len(p.Actions) != 1 || p.Actions[0].ItemID != "f-memo" || len(p.Notices) != 0 {
		t.Fatalf("--check SHARE-009: %+v", p)
	}
	// Removing the grant closes its SHARE-005 too: the action says so.
	if a := p.Actions[0]; !slices.Equal(a.CheckIDs, []string{"SHARE-005", "SHARE-009"}) || len(a.AlsoCloses) != 1 {
		t.Errorf("--check SHARE-009 action: %v, also closes %v", a.CheckIDs, a.AlsoCloses)
	}
	p = build(t, remediate.Selection{Owners: []string{"ITO@city.example.jp"}})
	if len(p.Actions) != 1 || p.Actions[0].ItemID != "form-1" || len(p.Notices) != 1 {
		t.Errorf("--owner ito: %d actions, %d notices", len(p.Actions), len(p.Notices))
	}
	fp := sampleDoc().Findings[2].Fingerprint
	p = build(t, remediate.Selection{Fingerprints: []string{fp}})
	if len(p.Actions) != 1 || p.Actions[0].Finding.Fingerprint != fp {
		t.Errorf("--finding: %+v", p.Actions)
	}
	if _, err := remediate.Build(&report.Document{Schema: report.Schema}, remediate.Selection{}); err == nil {
		t.Error("a report without a tenant was planned")
	}
}

// The plan summary, in both languages (golden files; -update rewrites).
func TestPlanSummaryGolden(t *testing.T) {
	p := build(t, remediate.Selection{Suppressions: suppressions(t)})
	for _, lang := range []string{"en", "ja"} {
		var b bytes.Buffer
		if err := remediate.WriteSummary(&b, p, lang); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "summary."+lang+".txt")
		if *update {
			if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if b.String() != string(want) {
			t.Errorf("%s summary differs from %s:\n%s", lang, golden, b.String())
		}
	}
	// Who answers for each item, as the report names them: a shared-drive
	// item's drive by name with its managers (not the drive's ID), an
	// owner with name and org unit.
	for lang, want := range map[string][]string{
		"en": {`owner: Shared drive "学務課" (managers: suzuki@city.example.jp, tanaka@city.example.jp)`, "owner: kato@city.example.jp (加藤 花子, /健康福祉部/健康推進課)"},
		"ja": {"所有者: 共有ドライブ「学務課」（管理者: suzuki@city.example.jp、tanaka@city.example.jp）", "所有者: ito@city.example.jp（伊藤 健）"},
	} {
		var b bytes.Buffer
		if err := remediate.WriteSummary(&b, p, lang); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s summary lacks %q", lang, w)
			}
		}
		if lang == "ja" {
			for _, r := range jatext.EnglishRuns(b.String(), nil) {
				t.Errorf("English in the Japanese summary: %q", r)
			}
		}
		if strings.Contains(b.String(), "sd-gakumu") {
			t.Errorf("%s summary names the shared drive by its ID:\n%s", lang, b.String())
		}
	}
	if err := remediate.WriteSummary(&bytes.Buffer{}, p, "fr"); err == nil {
		t.Error("an unknown language was accepted")
	}
}

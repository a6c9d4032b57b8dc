package auditor_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

const admin = "admin@city.example.jp"

// smallTenant is a tenant with an admin and two staff members.
func smallTenant() *emulator.Tenant {
	return &emulator.Tenant{
		CustomerID:    "C0test",
		PrimaryDomain: "city.example.jp",
		Users: []emulator.User{
			{Email: admin, Name: "管理者", Admin: true},
			{Email: "sato.k@city.example.jp", Name: "佐藤 健"},
			{Email: "sato.y@city.example.jp", Name: "佐藤 陽子"},
		},
	}
}

func count(fs []model.Finding, check, resource string) int {
	n := 0
	for _, f := range fs {
		if f.CheckID == check && (resource == "" || f.Resource.ID == resource) {
			n++
		}
	}
	return n
}

func TestDemoTenant(t *testing.T) {
	exp := loadExpectations(t, repoFile("testdata", "demo-expected.yaml"))
	tn, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, rate := range []float64{0, 0.2} {
		t.Run(fmt.Sprintf("fault-rate=%v", rate), func(t *testing.T) {
			srv := serve(t, tn, emulator.Options{FaultRate: rate, Seed: 7, ShortPages: true})
			opts := testOptions(srv, exp.Admin)
			exp.options(&opts)
			res := audit(t, opts)
			checkExpectations(t, exp, res)
			if len(res.Coverage.Gaps) != len(exp.Gaps) {
				t.Errorf("coverage gaps: got %d, want exactly the %d expected: %+v", len(res.Coverage.Gaps), len(exp.Gaps), res.Coverage.Gaps)
			}
			if rate > 0 && res.Calls["drive.files.list.retry"]+res.Calls["drive.permissions.list.retry"] == 0 {
				t.Errorf("no retries recorded under faults: %v", res.Calls)
			}
		})
	}
}

func TestCatalogTenant(t *testing.T) {
	exp := loadExpectations(t, repoFile("testdata", "tenants", "catalog-expected.yaml"))
	srv := serve(t, loadTenant(t, repoFile("testdata", "tenants", "catalog.yaml")), emulator.Options{ShortPages: true, Seed: 3})
	opts := testOptions(srv, exp.Admin)
	exp.options(&opts)
	res := audit(t, opts)

	// FORM-003 comes from scan-site over the tenant's public pages, tied to
	// the audit; page findings are named by their path under the emulator.
	scan := auditor.ScanOptions{Probe: probeOptions(srv), Tenant: res.Findings}
	scan.Site.Rate = 1000
	for _, page := range []string{"/site/oshirase.html", "/site/kouhou.html"} {
		sr, err := auditor.Scan(context.Background(), []string{srv.BaseURL() + page}, scan)
		if err != nil {
			t.Fatalf("scan-site %s: %v", page, err)
		}
		for _, f := range sr.Findings {
			if f.Resource.Kind == model.KindPage {
				f.Resource.ID = strings.TrimPrefix(f.Resource.ID, srv.BaseURL())
				res.Findings = append(res.Findings, f)
			}
		}
	}
	checkExpectations(t, exp, res)
}

// A user with more than 1000 items: every page is followed, through short
// and empty pages, and every item is seen once.
func TestLargeMyDrive(t *testing.T) {
	tn := smallTenant()
	const n = 2345
	for i := range n {
		f := emulator.File{ID: fmt.Sprintf("f%04d", i), Name: fmt.Sprintf("資料%04d.pdf", i), Kind: "pdf", Owner: "sato.k@city.example.jp"}
		if i%500 == 7 {
			f.Permissions = []emulator.Permission{{Type: "anyone", Role: "reader"}}
		}
		tn.Files = append(tn.Files, f)
	}
	srv := serve(t, tn, emulator.Options{ShortPages: true, Seed: 11})
	opts := testOptions(srv, admin)
	var last auditor.Progress
	var calls int
	opts.OnProgress = func(p auditor.Progress) { last, calls = p, calls+1 }
	res := audit(t, opts)
	if calls == 0 || last.UsersDone != 3 || last.UsersTotal != 3 || last.Items != n {
		t.Errorf("last progress %+v after %d calls, want 3 of 3 users and %d items", last, calls, n)
	}
	if res.Coverage.Items != n {
		t.Errorf("items audited: %d, want %d", res.Coverage.Items, n)
	}
	if got := count(res.Findings, "SHARE-002", ""); got != 5 {
		t.Errorf("SHARE-002 findings: %d, want 5 (one per link-shared file)", got)
	}
	if calls := srv.Calls()["drive.permissions.list"]; calls != 0 {
		t.Errorf("My Drive items carry inline permissions, yet %d permissions.list calls were made", calls)
	}
}

// A folder whose link sharing reaches 500 files is one finding, not 501.
func TestFolderLinkSharingIsOneFinding(t *testing.T) {
	tn := smallTenant()
	owner := "sato.y@city.example.jp"
	tn.Files = append(tn.Files, emulator.File{ID: "fo-public", Name: "共有資料", Kind: "folder", Owner: owner,
		Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}})
	for i := range 500 {
		tn.Files = append(tn.Files, emulator.File{ID: fmt.Sprintf("c%03d", i), Name: fmt.Sprintf("議事録%03d.docx", i),
			Kind: "document", Owner: owner, Parent: "fo-public"})
	}
	srv := serve(t, tn, emulator.Options{ShortPages: true, Seed: 5})
	res := audit(t, testOptions(srv, admin))
	if got := count(res.Findings, "SHARE-002", ""); got != 1 {
		t.Fatalf("SHARE-002 findings: %d, want 1", got)
	}
	f := res.Findings[0]
	if f.Resource.ID != "fo-public" {
		t.Errorf("finding on %s, want the folder fo-public", f.Resource.ID)
	}
	if reached := fmt.Sprint(f.Evidence["items_reached"]); reached != "500" {
		t.Errorf("items_reached = %s, want 500", reached)
	}
}

// A form whose page needs an organisation sign-in is FORM-004 and a gap,
// never a silent "summary off".
func TestFormBehindSignInIsAGap(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-staff", Name: "職員アンケート", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{{Type: "domain", Domain: "city.example.jp", Role: "reader", View: "published"}},
			Form:        &emulator.Form{Title: "職員アンケート", SignIn: "domain", SummaryPublished: true, Questions: []string{"氏名"}}},
		emulator.File{ID: "form-open", Name: "イベント申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader", View: "published"}},
			Form:        &emulator.Form{Title: "イベント申込", Questions: []string{"好きな色"}}},
	)
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))
	if count(res.Findings, "FORM-004", "form-staff") != 1 {
		t.Errorf("want FORM-004 on form-staff; findings: %+v", res.Findings)
	}
	if count(res.Findings, "FORM-001", "") != 0 || count(res.Findings, "FORM-004", "form-open") != 0 {
		t.Errorf("unexpected form findings: %+v", res.Findings)
	}
	gap := false
	for _, g := range res.Coverage.Gaps {
		gap = gap || g.Scope == model.ScopeForm && g.ID == "form-staff"
	}
	if !gap {
		t.Errorf("no coverage gap for form-staff: %+v", res.Coverage.Gaps)
	}
	if res.Coverage.Forms != (model.FormCount{Total: 2, Verified: 1}) {
		t.Errorf("forms coverage %+v, want 2 total, 1 verified", res.Coverage.Forms)
	}
	for _, f := range res.Findings {
		if f.CheckID != "FORM-004" {
			t.Errorf("responder grants must not be sharing findings: %s on %s", f.CheckID, f.Resource.ID)
		}
	}
}

func TestSuspendedUserIsAGap(t *testing.T) {
	tn := smallTenant()
	tn.Users = append(tn.Users, emulator.User{Email: "taishoku@city.example.jp", Suspended: true})
	tn.Files = append(tn.Files, emulator.File{ID: "old", Name: "名簿.xlsx", Kind: "spreadsheet", Owner: "taishoku@city.example.jp",
		Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}})
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))
	if res.Coverage.Users != (model.Count{Total: 4, Audited: 3}) {
		t.Errorf("users coverage %+v, want 3 of 4", res.Coverage.Users)
	}
	if len(res.Coverage.Gaps) != 1 || res.Coverage.Gaps[0].ID != "taishoku@city.example.jp" || res.Coverage.Gaps[0].Action == "" {
		t.Errorf("want one gap for the suspended user with an action, got %+v", res.Coverage.Gaps)
	}
}

package checks

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// publicFolder is a folder shared anyone-with-link with n files inside; each
// file lists the inherited anyone grant, as Drive does in My Drive.
func publicFolder(n int) []*model.Item {
	items := []*model.Item{folder("pub", "配布資料", "root", anyoneLink(RoleReader))}
	for i := range n {
		items = append(items, file(fmt.Sprintf("f%04d", i), fmt.Sprintf("資料%d.pdf", i), "pub", anyoneLink(RoleReader)))
	}
	return items
}

func run(env *Env, items []*model.Item) []model.Finding {
	e := NewEngine(env)
	for _, it := range items {
		e.Add(it)
	}
	return e.Finish()
}

func assertOneFolderFinding(t *testing.T, fs []model.Finding) {
	t.Helper()
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1:\n%s", len(fs), strings.Join(summarize(fs), "\n"))
	}
	f := fs[0]
	if f.CheckID != "SHARE-002" || f.Resource.ID != "pub" || f.Resource.Kind != model.KindFolder || f.Severity != model.High {
		t.Errorf("finding %+v", f)
	}
	if f.Evidence[EvItemsReached] != 500 {
		t.Errorf("items_reached %v, want 500", f.Evidence[EvItemsReached])
	}
	if f.Resource.Path != "/配布資料" {
		t.Errorf("path %q", f.Resource.Path)
	}
}

func TestEngineOneGrantOneFinding(t *testing.T) {
	items := publicFolder(500)
	t.Run("folder first", func(t *testing.T) { assertOneFolderFinding(t, run(testEnv(), items)) })
	t.Run("files first", func(t *testing.T) {
		rev := slices.Clone(items)
		slices.Reverse(rev)
		assertOneFolderFinding(t, run(testEnv(), rev))
	})
	t.Run("8 goroutines, shuffled", func(t *testing.T) {
		sh := slices.Clone(items)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
		e := NewEngine(testEnv())
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := g; i < len(sh); i += 8 {
					e.Add(sh[i])
				}
			})
		}
		wg.Wait()
		assertOneFolderFinding(t, e.Finish())
	})
}

func TestEngineFolderAbsorbsSeverity(t *testing.T) {
	items := publicFolder(3)
	items = append(items, folder("sub", "名簿", "pub", anyoneLink(RoleReader)),
		file("p1", "患者名簿.xlsx", "sub", anyoneLink(RoleReader)),
		file("p2", "住所録.xlsx", "pub", anyoneLink(RoleReader)))
	fs := run(testEnv(), items)
	if len(fs) != 1 {
		t.Fatalf("findings:\n%s", strings.Join(summarize(fs), "\n"))
	}
	f := fs[0]
	if f.Severity != model.Critical || f.Evidence[EvItemsReached] != 6 {
		t.Errorf("folder finding %s, evidence %v", f.Severity, f.Evidence)
	}
	if got := f.Evidence[EvPersonalDataItems]; !slices.Equal(got.([]string), []string{"住所録.xlsx", "名簿", "患者名簿.xlsx"}) {
		t.Errorf("personal_data_items %v", got)
	}
}

func TestEngineBroaderChildStays(t *testing.T) {
	items := []*model.Item{
		folder("pub", "公開", "root", anyoneLink(RoleReader)),
		file("a", "a.pdf", "pub", anyoneLink(RoleReader)),
		file("w", "w.xlsx", "pub", anyoneLink(RoleWriter)), // higher role than the folder
		folder("in", "庁内", "root", domainGrant("city.example.jp", RoleReader)),
		file("b", "b.pdf", "in", domainGrant("city.example.jp", RoleReader)),
		file("l", "l.pdf", "in", domainGrant("city.example.jp", RoleReader), anyoneLink(RoleReader)), // a grant the folder lacks
	}
	got := summarize(run(testEnv(), items))
	want := []string{
		"SHARE-003 critical w anyone::writer",
		"SHARE-002 high pub anyone::reader",
		"SHARE-002 high w anyone::writer",
		"SHARE-002 high l anyone::reader",
		"SHARE-008 high l anyone::reader", // w reaches no one new: no SHARE-008
		"SHARE-004 low in domain:city.example.jp:reader",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestEngineFukuoka(t *testing.T) {
	env := testEnv()
	env.Revocations = []model.Revocation{{FolderID: "covid", Type: model.TypeUser, Email: lookal,
		At: time.Date(2020, 11, 20, 9, 0, 0, 0, time.UTC), Actor: "sato.k@city.example.jp"}}
	items := []*model.Item{
		file("list", "陽性患者一覧.xlsx", "covid", userGrant(lookal, RoleReader)),
		file("memo", "memo.txt", "covid"),
		folder("covid", "新型コロナ対策本部", "root", userGrant("sato.y@city.example.jp", RoleWriter)),
	}
	fs := run(env, items)
	got := summarize(fs)
	want := []string{
		"SHARE-006 critical list user:" + lookal + ":reader",
		"SHARE-007 critical list user:" + lookal + ":reader",
		"SHARE-008 high list user:" + lookal + ":reader",
		"SHARE-005 medium list user:" + lookal + ":reader",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range fs {
		if f.Resource.Path != "/新型コロナ対策本部/陽性患者一覧.xlsx" {
			t.Errorf("%s path %q", f.CheckID, f.Resource.Path)
		}
	}
}

func TestEngineKeepsNoPrivateFiles(t *testing.T) {
	e := NewEngine(testEnv())
	e.Add(folder("work", "業務", "root", userGrant("sato.y@city.example.jp", RoleWriter)))
	for i := range 10000 {
		e.Add(file(fmt.Sprintf("f%d", i), "患者名簿.xlsx", "work", userGrant("sato.y@city.example.jp", RoleReader),
			responder(anyoneLink(""))))
	}
	if e.copies != 0 || len(e.kept) != 0 || len(e.found) != 0 || len(e.folders) != 1 || len(e.direct) != 2 {
		t.Fatalf("copies %d kept %d found %d folders %d direct %d", e.copies, len(e.kept), len(e.found), len(e.folders), len(e.direct))
	}
	if fs := e.Finish(); len(fs) != 0 {
		t.Fatalf("findings %v", summarize(fs))
	}
	// Revoked principals make files worth keeping.
	env := testEnv()
	env.Revocations = []model.Revocation{{FolderID: "work", Type: model.TypeUser, Email: "sato.y@city.example.jp"}}
	e = NewEngine(env)
	e.Add(file("r", "x", "work", userGrant("sato.y@city.example.jp", RoleReader)))
	if e.copies != 1 || len(e.kept) != 1 {
		t.Fatalf("revoked principal: copies %d kept %d", e.copies, len(e.kept))
	}
}

func TestEngineSharedDrive(t *testing.T) {
	member := func(p model.Permission) model.Permission { p.Inherited, p.InheritedFrom = true, "drv"; return p }
	dom := domainGrant("city.example.jp", RoleReader)
	items := []*model.Item{
		{ID: "drv", Name: "教育委員会", Kind: model.KindSharedDrive, DriveID: "drv", Permissions: []model.Permission{dom, userGrant("sato.k@city.example.jp", RoleOrganizer)}},
		{ID: "f1", Name: "児童名簿.xlsx", Kind: model.KindFile, DriveID: "drv", Parents: []string{"d1"}, Permissions: []model.Permission{member(dom)}},
		{ID: "d1", Name: "学籍", Kind: model.KindFolder, DriveID: "drv", Parents: []string{"drv"}, Permissions: []model.Permission{member(dom)}},
		{ID: "f2", Name: "b", Kind: model.KindFile, DriveID: "drv", Parents: []string{"drv"}, Permissions: []model.Permission{member(dom)}},
		// limited-access folder: its own domain grant stays its own finding
		{ID: "lim", Name: "限定", Kind: model.KindFolder, DriveID: "drv", Parents: []string{"drv"}, InheritedPermissionsDisabled: true, Permissions: []model.Permission{dom}},
		{ID: "f3", Name: "c", Kind: model.KindFile, DriveID: "drv", Parents: []string{"lim"}, Permissions: []model.Permission{member(dom)}},
	}
	items[1].Permissions = append(items[1].Permissions, model.Permission{Type: model.TypeDomain, Domain: "city.example.jp", Role: RoleReader, Inherited: true})
	fs := run(testEnv(), items)
	got := summarize(fs)
	want := []string{
		"SHARE-004 medium drv domain:city.example.jp:reader",
		"SHARE-004 low lim domain:city.example.jp:reader",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if fs[0].Resource.Path != "/教育委員会" || fs[0].Evidence[EvItemsReached] != 3 {
		t.Errorf("drive finding path %q evidence %v", fs[0].Resource.Path, fs[0].Evidence)
	}
	if fs[1].Resource.Path != "/教育委員会/限定" || fs[1].Evidence[EvItemsReached] != 1 {
		t.Errorf("limited folder path %q evidence %v", fs[1].Resource.Path, fs[1].Evidence)
	}
	if got := fs[0].Evidence[EvPersonalDataItems]; !slices.Equal(got.([]string), []string{"児童名簿.xlsx"}) {
		t.Errorf("personal_data_items %v", got)
	}
}

func TestEngineFormsAndSort(t *testing.T) {
	sheet := &model.Item{ID: "sheet", Name: "申込（回答）", Kind: model.KindSpreadsheet, Parents: []string{"ev"}, Permissions: []model.Permission{anyoneLink(RoleReader)}}
	items := []*model.Item{
		folder("ev", "イベント", "root"),
		{ID: "form", Name: "申込", Kind: model.KindForm, Parents: []string{"ev"}, Permissions: []model.Permission{responder(anyoneLink(""))},
			Form: &model.Form{Questions: []string{"氏名"}, Page: &model.PageSettings{SummaryPublished: true}, LinkedSheet: sheet}},
		{ID: "form2", Name: "b", Kind: model.KindForm, Parents: []string{"ev"}, Form: &model.Form{PageGap: "sign-in"}},
		sheet,
	}
	fs := run(testEnv(), items)
	got := summarize(fs)
	want := []string{
		"FORM-001 critical form",
		"FORM-002 critical sheet anyone::reader",
		"SHARE-002 high sheet anyone::reader",
		"SHARE-008 high sheet anyone::reader",
		"FORM-004 info form2",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range fs {
		if !strings.HasPrefix(f.Resource.Path, "/イベント/") {
			t.Errorf("%s path %q", f.CheckID, f.Resource.Path)
		}
	}
	e := NewEngine(nil)
	e.Add(file("x", "x", "", anyoneLink(RoleReader)))
	if len(e.Finish()) != 1 || e.Finish() != nil {
		t.Error("Finish: first call returns findings, later calls nil")
	}
}

// In a shared drive the auditor omits the grants of items that have none of
// their own; an item with augmented grants lists the drive's members as
// inherited. The omitted folders in between must not break the fold.
func TestEngineSharedDriveOmittedFolders(t *testing.T) {
	vendor := userGrant("migration@edu-cloud-vendor.example.com", RoleWriter)
	inh := vendor
	inh.Inherited, inh.InheritedFrom = true, "sd"
	items := []*model.Item{
		{ID: "f1", Name: "移行.xlsx", Kind: model.KindFile, DriveID: "sd", Parents: []string{"deep"}, Permissions: []model.Permission{inh, anyoneLink(RoleReader)}},
		{ID: "deep", Name: "移行", Kind: model.KindFolder, DriveID: "sd", Parents: []string{"top"}, PermissionsOmitted: true},
		{ID: "top", Name: "学務", Kind: model.KindFolder, DriveID: "sd", Parents: []string{"sd"}, PermissionsOmitted: true},
		{ID: "f2", Name: "b", Kind: model.KindFile, DriveID: "sd", Parents: []string{"top"}, PermissionsOmitted: true},
		{ID: "sd", Name: "学務課", Kind: model.KindSharedDrive, DriveID: "sd", Permissions: []model.Permission{vendor, userGrant("sato.k@city.example.jp", RoleOrganizer)}},
	}
	got := summarize(run(testEnv(), items))
	want := []string{
		"SHARE-002 high f1 anyone::reader",
		"SHARE-008 high f1 anyone::reader",
		"SHARE-005 medium sd user:migration@edu-cloud-vendor.example.com:writer",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A form inheriting an edit grant from its folder keeps its own SHARE-003:
// that is the form's admin view with every response (critical for any form),
// which scan-site ties a published admin URL to. Other findings on the form
// and other items' SHARE-003 still fold into the folder's.
func TestEngineFormKeepsInheritedEditGrant(t *testing.T) {
	dom := domainGrant("city.example.jp", RoleWriter)
	items := []*model.Item{
		folder("ev", "イベント", "root", dom),
		{ID: "form", Name: "申込", Kind: model.KindForm, Parents: []string{"ev"}, Permissions: []model.Permission{dom, responder(anyoneLink(""))},
			Form: &model.Form{Questions: []string{"氏名"}}},
		file("doc", "案内.pdf", "ev", dom),
		folder("pub", "公開", "root", anyoneLink(RoleWriter)),
		{ID: "form2", Name: "b", Kind: model.KindForm, Parents: []string{"pub"}, Permissions: []model.Permission{anyoneLink(RoleWriter)}, Form: &model.Form{}},
	}
	fs := run(testEnv(), items)
	got := summarize(fs)
	want := []string{
		"SHARE-003 critical form domain:city.example.jp:writer",
		"SHARE-003 critical pub anyone::writer",
		"SHARE-003 critical form2 anyone::writer",
		"SHARE-002 high pub anyone::writer",               // form2's SHARE-002 folds
		"SHARE-003 high ev domain:city.example.jp:writer", // doc folds; the form does not raise it
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range fs {
		if f.Resource.ID == "ev" && f.CheckID == "SHARE-003" && (f.Evidence[EvItemsReached] != 2 || f.Evidence[EvPersonalDataItems] != nil) {
			t.Errorf("folder finding evidence %v", f.Evidence)
		}
		if f.Resource.ID == "form" && f.Resource.Path != "/イベント/申込" {
			t.Errorf("form path %q", f.Resource.Path)
		}
	}
}

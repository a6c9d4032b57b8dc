package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gwsaudit/gwsaudit/model"
)

// perOwnerDoc is sampleDoc with a suppressed finding, a group's finding
// (no owner) and a resolved finding, and a gap about one owner.
func perOwnerDoc() *Document {
	d := sampleDoc()
	fs := slices.Clone(d.Findings)
	sup := model.Finding{CheckID: "SHARE-004", Severity: model.Low, Status: model.StatusSuppressed,
		Resource:  model.Resource{Kind: model.KindFile, ID: "file-kiyaku", Name: "例規集.pdf", Owner: "somu@city.example.lg.jp", OwnerName: "総務 一郎", OwnerOrgUnit: "/本庁/総務部/総務課"},
		Principal: &model.Principal{Type: model.TypeDomain, Domain: "city.example.lg.jp", Role: "reader"}}
	sup.Fingerprint = model.Fingerprint(sup.CheckID, sup.Resource.ID, sup.Principal)
	grp := model.Finding{CheckID: "GROUP-002", Severity: model.Medium, Resource: model.Resource{Kind: model.KindGroup, ID: "pta@city.example.lg.jp", Name: "PTA 連絡"},
		Evidence: map[string]any{"anyone_can_post": true}}
	grp.Fingerprint = model.Fingerprint(grp.CheckID, grp.Resource.ID, nil)
	fs = append(fs, sup, grp)
	nd := New(d.Run, d.Coverage, fs)
	nd.Tool = d.Tool
	nd.Coverage.Gaps = append(nd.Coverage.Gaps, model.Gap{Scope: model.ScopeUser, ID: "hoken@city.example.lg.jp", Code: model.GapUserWalkFailed, Reason: "x"})
	nd.Resolved = []Resolved{{Fingerprint: "fp-old", CheckID: "SHARE-002",
		Resource:   model.Resource{Kind: model.KindFile, ID: "file-old", Name: "旧 名簿.xlsx", Owner: "somu@city.example.lg.jp", OwnerName: "総務 一郎", OwnerOrgUnit: "/本庁/総務部/総務課"},
		Principal:  &model.Principal{Type: model.TypeAnyone, Role: "reader"},
		ResolvedAt: time.Date(2025, 6, 1, 9, 42, 0, 0, jst)}}
	return nd
}

// itemIDs lists the resource IDs of a part's findings.
func itemIDs(d *Document) []string {
	var out []string
	for _, f := range d.Findings {
		out = append(out, f.Resource.ID)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func partOf(t *testing.T, parts []OwnerPart, kind, key string) OwnerPart {
	t.Helper()
	for _, p := range parts {
		if p.Kind == kind && p.Key == key {
			return p
		}
	}
	t.Fatalf("no part %s %q in %v", kind, key, parts)
	return OwnerPart{}
}

func TestSplitByOwner(t *testing.T) {
	d := localized(t, perOwnerDoc(), "ja") // with admin notes
	if !slices.ContainsFunc(d.Findings, func(f model.Finding) bool { return f.AdminNote != "" }) {
		t.Fatal("the sample has no admin note")
	}
	parts, err := SplitByOwner(d, GroupByOwner, "ja")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{ // part → its items, and nobody else's
		"hoken@city.example.lg.jp":        {"file-itaku", "file-kansen", "form-kenko"},
		"somu@city.example.lg.jp":         {"fold-somu"},
		"keiri@city.example.lg.jp":        {"file-evil"},
		"tanaka@city.example.lg.jp":       {"file-kokuho"},
		"jinji@city.example.lg.jp":        {"form-staff"},
		"gakumu-kanri@city.example.lg.jp": {"file-meibo"}, // shared drive: each manager
		"kyoiku@city.example.lg.jp":       {"file-meibo"},
	}
	for key, ids := range want {
		p := partOf(t, parts, PartOwner, key)
		if got := itemIDs(p.Doc); !slices.Equal(got, ids) {
			t.Errorf("%s: items %v, want %v", key, got, ids)
		}
		for _, f := range p.Doc.Findings {
			if o := strings.ToLower(f.Resource.Owner); o != key && !slices.Contains(f.Resource.DriveManagers, key) {
				t.Errorf("%s's part holds %s of %q", key, f.Resource.ID, o)
			}
			if f.Status == model.StatusSuppressed {
				t.Errorf("%s's part holds suppressed %s", key, f.Resource.ID)
			}
		}
	}
	if un := partOf(t, parts, PartUnassigned, ""); !slices.Equal(itemIDs(un.Doc), []string{"pta@city.example.lg.jp"}) || un.Name != "unassigned" {
		t.Errorf("unassigned: %v %q", itemIDs(un.Doc), un.Name)
	}
	if len(parts) != len(want)+1 {
		t.Errorf("%d parts, want %d", len(parts), len(want)+1)
	}
	somu := partOf(t, parts, PartOwner, "somu@city.example.lg.jp")
	if len(somu.Doc.Resolved) != 1 || somu.Doc.Resolved[0].Resource.ID != "file-old" || somu.Label != "somu@city.example.lg.jp（総務 一郎・/本庁/総務部/総務課）" {
		t.Errorf("somu: resolved %v label %q", somu.Doc.Resolved, somu.Label)
	}
	if s := somu.Doc.Summary; s.Low != 1 || s.Suppressed != 0 || s.AtOrAbove(model.Info) != 1 {
		t.Errorf("somu summary %+v", s)
	}
	hoken := partOf(t, parts, PartOwner, "hoken@city.example.lg.jp")
	for _, f := range hoken.Doc.Findings {
		if f.AdminNote != "" {
			t.Errorf("hoken's part keeps the admin note of %s %s: %q", f.CheckID, f.Resource.ID, f.AdminNote)
		}
	}
	if len(hoken.Doc.Coverage.Gaps) != 1 || hoken.Doc.Coverage.Gaps[0].ID != "hoken@city.example.lg.jp" {
		t.Errorf("hoken's gaps %+v", hoken.Doc.Coverage.Gaps)
	}
	if len(somu.Doc.Coverage.Gaps) != 0 || len(somu.Doc.Resolved) != 1 || len(d.Findings) != 10 {
		t.Errorf("somu's gaps %+v; the document was changed: %d findings", somu.Doc.Coverage.Gaps, len(d.Findings))
	}
}

func TestSplitByOrgUnit(t *testing.T) {
	parts, err := SplitByOwner(perOwnerDoc(), GroupByOrgUnit, "en")
	if err != nil {
		t.Fatal(err)
	}
	if p := partOf(t, parts, PartOrgUnit, "/本庁/保健福祉課"); !slices.Equal(itemIDs(p.Doc), []string{"file-itaku", "file-kansen", "form-kenko"}) || p.Name != "本庁_保健福祉課" {
		t.Errorf("保健福祉課: %v %q", itemIDs(p.Doc), p.Name)
	}
	if p := partOf(t, parts, PartOrgUnit, "/本庁/総務部/総務課"); !slices.Equal(itemIDs(p.Doc), []string{"fold-somu"}) {
		t.Errorf("総務課: %v", itemIDs(p.Doc))
	}
	// a shared drive belongs to no org unit: a file of its own
	if p := partOf(t, parts, PartSharedDrive, "drv-gakumu"); !slices.Equal(itemIDs(p.Doc), []string{"file-meibo"}) || p.Name != "shared-drive_学務課" ||
		p.Label != `Shared drive "学務課" (managers: gakumu-kanri@city.example.lg.jp, kyoiku@city.example.lg.jp)` {
		t.Errorf("drive: %v %q %q", itemIDs(p.Doc), p.Name, p.Label)
	}
	// owners without an org unit, and the group, are the admin's
	if p := partOf(t, parts, PartUnassigned, ""); !slices.Equal(itemIDs(p.Doc), []string{"file-evil", "file-kokuho", "form-staff", "pta@city.example.lg.jp"}) {
		t.Errorf("unassigned: %v", itemIDs(p.Doc))
	}
	for _, p := range parts {
		if p.Kind == PartOwner {
			t.Errorf("owner part %q when grouping by org unit", p.Key)
		}
	}
}

func TestSafeFileName(t *testing.T) {
	cases := map[string]string{
		"sato.k@city.example.jp": "sato.k@city.example.jp",
		"../../etc/passwd":       "etc_passwd",
		`..\..\windows\system32`: "windows_system32",
		".hidden":                "hidden",
		"本庁/市民生活部/市民課":           "本庁_市民生活部_市民課",
		"CON":                    "_CON",
		"nul.txt":                "_nul.txt",
		"a b\tc\x00d\u202ee":     "a_b_c_d_e",
		"":                       "fb",
		"/":                      "fb",
		"...":                    "fb",
		"a..b":                   "a.b",
		"ｓａｔｏ":                   "ｓａｔｏ",
		strings.Repeat("あ", 100): strings.Repeat("あ", 50),
	}
	for in, want := range cases {
		if got := safeFileName(in, "fb"); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
	n := nameTaker{"index": true}
	got := []string{n.take("a@x.jp"), n.take("A@x.jp"), n.take("a@x.jp"), n.take("Index")}
	if !slices.Equal(got, []string{"a@x.jp", "A@x.jp-2", "a@x.jp-3", "Index-2"}) {
		t.Errorf("collisions: %v", got)
	}
}

// FuzzSafeFileName: whatever the address or org unit path, the name is
// one plain, visible component of the directory.
func FuzzSafeFileName(f *testing.F) {
	for _, s := range []string{"../x", "/本庁/課", "a@b.jp", "CON", ".", "..", "a/../b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name := safeFileName(s, "fb")
		if name == "" || name == "." || name == ".." || strings.HasPrefix(name, ".") || strings.ContainsAny(name, "/\\\x00") ||
			filepath.Base(name) != name || len(name) > maxNameBytes+1 {
			t.Fatalf("safeFileName(%q) = %q", s, name)
		}
	})
}

// readCSV reads a per-owner CSV (with its byte order mark).
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(utf8BOM)))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func TestWritePerOwner(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "owners") // created on demand
	d := perOwnerDoc()
	idx, err := WritePerOwner(dir, d, GroupByOwner, nil, Options{Lang: "ja"})
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.Parts) != 8 {
		t.Fatalf("%d parts: %+v", len(idx.Parts), idx.Parts)
	}
	for _, p := range idx.Parts {
		if len(p.Files) != 2 {
			t.Fatalf("%s: files %v", p.Key, p.Files)
		}
		// Every row is the part's owner's (a finding, or a resolved one
		// where the format lists those), and every finding has a row.
		recs := readCSV(t, filepath.Join(dir, p.Files[0]))
		col := slices.Index(recs[0], "アイテムID")
		if col < 0 || len(recs)-1 < p.Findings {
			t.Fatalf("%s: header %v, %d rows for %d findings", p.Files[0], recs[0], len(recs)-1, p.Findings)
		}
		var ids []string
		for _, r := range recs[1:] {
			ids = append(ids, r[col])
			res, ok := resourceByID(d, r[col])
			if !ok || p.Kind == PartOwner && strings.ToLower(res.Owner) != p.Key && !slices.Contains(res.DriveManagers, p.Key) {
				t.Errorf("%s holds %s, not %s's", p.Files[0], r[col], p.Key)
			}
		}
		for _, f := range d.Findings {
			mine := p.Kind == PartOwner && (strings.ToLower(f.Resource.Owner) == p.Key || slices.Contains(f.Resource.DriveManagers, p.Key))
			if mine && f.Status != model.StatusSuppressed && !slices.Contains(ids, f.Resource.ID) {
				t.Errorf("%s lacks %s", p.Files[0], f.Resource.ID)
			}
		}
		x, err := excelize.OpenFile(filepath.Join(dir, p.Files[1]))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows(x.GetSheetName(0))
		x.Close()
		if err != nil || len(rows)-1 < p.Findings || len(rows) > len(recs) { // resolved rows may have a sheet of their own
			t.Errorf("%s: %d rows for %d findings, the CSV %d (%v)", p.Files[1], len(rows), p.Findings, len(recs), err)
		}
		if fi, err := os.Stat(filepath.Join(dir, p.Files[0])); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v %v", p.Files[0], fi.Mode(), err)
		}
	}
	index := readCSV(t, filepath.Join(dir, "index.csv"))
	if len(index) != 9 || !slices.Equal(index[0], []string{"区分", "宛先", "ファイル", "件数", "最も高い重要度"}) {
		t.Fatalf("index.csv: %v", index)
	}
	var manifest PerOwnerIndex
	if b, err := os.ReadFile(filepath.Join(dir, "index.json")); err != nil || json.Unmarshal(b, &manifest) != nil || manifest.Schema != PerOwnerSchema {
		t.Fatalf("index.json: %v %+v", err, manifest)
	}

	// Next night hoken's items are fixed: hoken's files go, a file the
	// admin put there stays, and so does anything outside the directory
	// an edited index.json names.
	keep := filepath.Join(dir, "notes.csv")
	outside := filepath.Join(filepath.Dir(dir), "outside.csv")
	for _, p := range []string{keep, outside} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	manifest.Parts = append(manifest.Parts, PerOwnerEntry{Kind: PartOwner, Files: []string{"../outside.csv"}})
	b, _ := json.Marshal(manifest)
	if err := os.WriteFile(filepath.Join(dir, "index.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	d.Findings = slices.DeleteFunc(d.Findings, func(f model.Finding) bool { return f.Resource.Owner == "hoken@city.example.lg.jp" })
	if _, err := WritePerOwner(dir, d, GroupByOwner, []string{".csv"}, Options{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"hoken@city.example.lg.jp.csv", "hoken@city.example.lg.jp.xlsx", "somu@city.example.lg.jp.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("stale %s left: %v", gone, err)
		}
	}
	for _, stays := range []string{keep, outside, filepath.Join(dir, "somu@city.example.lg.jp.csv")} {
		if _, err := os.Stat(stays); err != nil {
			t.Errorf("%s removed: %v", stays, err)
		}
	}

	// Everything fixed: only the index (empty) and the admin's file remain.
	d.Findings, d.Resolved = nil, nil
	idx, err = WritePerOwner(dir, d, GroupByOwner, []string{".csv"}, Options{Lang: "ja"})
	if err != nil || len(idx.Parts) != 0 {
		t.Fatalf("nothing left: %+v %v", idx, err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"index.csv", "index.json", "notes.csv"}) {
		t.Errorf("left in the directory: %v", names)
	}
	if index := readCSV(t, filepath.Join(dir, "index.csv")); len(index) != 1 {
		t.Errorf("index.csv: %v", index)
	}
}

func TestWritePerOwnerRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, err := WritePerOwner(dir, sampleDoc(), GroupByOwner, []string{".html"}, Options{}); err == nil || !strings.Contains(err.Error(), ".csv, .xlsx") {
		t.Errorf("html: %v", err)
	}
	if _, err := WritePerOwner(dir, sampleDoc(), "team", nil, Options{}); err == nil || !strings.Contains(err.Error(), "owner or ou") {
		t.Errorf("group by team: %v", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := WritePerOwner(filepath.Join(file, "sub"), sampleDoc(), GroupByOwner, nil, Options{}); err == nil {
		t.Error("a directory below a file was accepted")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("refusals wrote files: %v", entries)
	}
}

// resourceByID is the resource of a finding or resolved finding of d.
func resourceByID(d *Document, id string) (model.Resource, bool) {
	for _, f := range d.Findings {
		if f.Resource.ID == id {
			return f.Resource, true
		}
	}
	for _, r := range d.Resolved {
		if r.Resource.ID == id {
			return r.Resource, true
		}
	}
	return model.Resource{}, false
}

// Golden: the index and one owner's CSV in both languages.
func TestGoldenPerOwner(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		dir := t.TempDir()
		if _, err := WritePerOwner(dir, perOwnerDoc(), GroupByOwner, []string{".csv"}, Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"index.csv", "hoken@city.example.lg.jp.csv", "kyoiku@city.example.lg.jp.csv"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "per-owner-"+lang+"-"+name, b)
		}
		ou := t.TempDir()
		if _, err := WritePerOwner(ou, perOwnerDoc(), GroupByOrgUnit, []string{".csv"}, Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(ou, "index.csv"))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "per-ou-"+lang+"-index.csv", b)
	}
}

package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/report"
)

// readIndex reads the per-owner directory's index.json.
func readIndex(t *testing.T, dir string) report.PerOwnerIndex {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var idx report.PerOwnerIndex
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatal(err)
	}
	return idx
}

// audit --out-per-owner writes one file per owner of the sample tenant
// (a shared-drive item to its managers), and report re-renders a saved run
// per org unit: each file names only its own owner's (unit's) items.
func TestAuditAndReportPerOwner(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "run.json")
	owners := filepath.Join(dir, "owners", "nightly") // created
	code, _, stderr := run(t, "audit", "--demo", "--quiet", "--lang", "ja", "--out", saved,
		"--out-per-owner", owners, "--per-owner-format", "csv")
	if code != cli.ExitFindings && code != cli.ExitGaps {
		t.Fatalf("audit: exit %d\n%s", code, stderr)
	}
	f, err := os.Open(saved)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := report.ReadJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	idx := readIndex(t, owners)
	if idx.GroupBy != report.GroupByOwner || len(idx.Parts) < 5 {
		t.Fatalf("index: %+v", idx)
	}
	for _, p := range idx.Parts {
		if len(p.Files) != 1 || !strings.HasSuffix(p.Files[0], ".csv") {
			t.Fatalf("%s: files %v, want one CSV", p.Key, p.Files)
		}
		body, err := os.ReadFile(filepath.Join(owners, p.Files[0]))
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range doc.Findings {
			mine := strings.EqualFold(fd.Resource.Owner, p.Key) || fd.Resource.Owner == "" && slices.Contains(fd.Resource.DriveManagers, p.Key)
			has := strings.Contains(string(body), ","+fd.Resource.ID+",")
			if p.Kind == report.PartOwner && has && !mine {
				t.Errorf("%s holds %s (%s) of %q", p.Files[0], fd.Resource.ID, fd.CheckID, fd.Resource.Owner)
			}
			if p.Kind == report.PartOwner && mine && fd.Status != "suppressed" && !has {
				t.Errorf("%s lacks %s (%s)", p.Files[0], fd.Resource.ID, fd.CheckID)
			}
		}
	}
	// the sample tenant's shared drive 教育委員会 学務課 is managed by hayashi.t
	if i := slices.IndexFunc(idx.Parts, func(p report.PerOwnerEntry) bool { return p.Key == "hayashi.t@city.sakura.example.jp" }); i < 0 {
		t.Errorf("no file for the shared drive's manager: %+v", idx.Parts)
	}

	byOU := filepath.Join(dir, "ou")
	code, _, stderr = run(t, "report", "--in", saved, "--lang", "en", "--out-per-owner", byOU, "--group-by", "ou")
	if code != cli.ExitOK {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	idx = readIndex(t, byOU)
	if idx.GroupBy != report.GroupByOrgUnit {
		t.Fatalf("index: %+v", idx)
	}
	found := false
	for _, p := range idx.Parts {
		if p.Kind == report.PartOwner || len(p.Files) != 2 {
			t.Errorf("grouped by org unit: part %+v", p)
		}
		if p.Key == "/本庁/健康福祉部/健康危機管理課" {
			found = true
			body, _ := os.ReadFile(filepath.Join(byOU, p.Files[0]))
			if !strings.Contains(string(body), "kimura.h@city.sakura.example.jp") || strings.Contains(string(body), "tanaka.h@city.sakura.example.jp") {
				t.Errorf("%s: wrong owners:\n%s", p.Files[0], body)
			}
		}
	}
	if !found {
		t.Errorf("no file for 健康危機管理課: %+v", idx.Parts)
	}
}

func TestPerOwnerFlagsRefused(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	if err := os.WriteFile(in, []byte(`{"schema":"gwsaudit.report/v1","findings":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--out-per-owner", filepath.Join(dir, "o"), "--group-by", "team"}, `--group-by "team"`},
		{[]string{"--out-per-owner", filepath.Join(dir, "o"), "--per-owner-format", "pdf"}, `--per-owner-format "pdf"`},
		{[]string{"--out-per-owner", filepath.Join(file, "sub")}, "--out-per-owner"},
		{[]string{"--group-by", "ou"}, "--group-by needs --out-per-owner"},
	} {
		code, _, stderr := run(t, append([]string{"report", "--in", in}, tc.args...)...)
		if code != cli.ExitFailed || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 with %q", tc.args, code, stderr, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o", "index.csv")); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote an index: %v", err)
	}
}

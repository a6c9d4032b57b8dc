package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// hospitalEmulator serves a hospital whose web site links a form's edit
// URL, a form with a published summary and a Drive file.
func hospitalEmulator(t *testing.T) string {
	t.Helper()
	answer := emulator.Permission{Type: "anyone", Role: "reader", View: "published"}
	tn := &emulator.Tenant{
		PrimaryDomain: "hosp.example.jp",
		Users:         []emulator.User{{Email: "admin@hosp.example.jp", Admin: true}, {Email: "shimizu@hosp.example.jp"}},
		Files: []emulator.File{
			{ID: "form-rx", Name: "処方箋 申込", Kind: "form", Owner: "shimizu@hosp.example.jp",
				Permissions: []emulator.Permission{{Type: "domain", Role: "writer", Domain: "hosp.example.jp"}, answer},
				Form:        &emulator.Form{PublishedID: "1FAIpQLSrx", Title: "処方箋 申込", Questions: []string{"患者氏名"}}},
			{ID: "form-event", Name: "説明会", Kind: "form", Owner: "shimizu@hosp.example.jp", Permissions: []emulator.Permission{answer},
				Form: &emulator.Form{PublishedID: "1FAIpQLSev", Title: "説明会", SummaryPublished: true, Questions: []string{"氏名", "住所"}}},
			{ID: "doc-open", Name: "患者名簿.pdf", Kind: "pdf", Owner: "shimizu@hosp.example.jp",
				Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
		},
		ShortLinks: map[string]string{"Ev1": "1FAIpQLSev"},
		Site: map[string]string{
			"/index.html": `<title>市立病院</title><a href="rx.html">処方箋</a><a href="https://forms.gle/Ev1">説明会</a>` +
				`<a href="https://drive.google.com/file/d/doc-open/view">名簿</a>`,
			"/rx.html": `<title>電話診療のご案内</title><a href="https://docs.google.com/forms/d/form-rx/edit">申込</a>`,
		},
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	base := srv.BaseURL()
	return base
}

func TestProbeCommand(t *testing.T) {
	base := hospitalEmulator(t)
	out := filepath.Join(t.TempDir(), "probe.json")
	code, stdout, stderr := run(t, "probe", "--emulator", base, "--lang", "en", "--out", out,
		"https://forms.gle/Ev1", "https://docs.google.com/forms/d/form-rx/edit", "https://example.jp/")
	if code != cli.ExitFindings {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	lines := strings.Split(stdout, "\n")
	if !strings.HasPrefix(lines[0], "https://forms.gle/Ev1 “説明会” — DANGER: the response summary is published") ||
		!strings.Contains(lines[0], "asks for personal data: 氏名, 住所") || !strings.Contains(lines[0], "no sign-in needed") {
		t.Errorf("verdict 1: %q", lines[0])
	}
	if !strings.Contains(lines[1], "CAUTION: this is the form's edit (admin) link") || !strings.HasPrefix(lines[2], "https://example.jp/ — SKIPPED") {
		t.Errorf("verdicts:\n%s", stdout)
	}
	var doc struct {
		Run      struct{ Mode string }
		Findings []struct {
			CheckID  string `json:"check_id"`
			Severity string
			Message  string
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Run.Mode != "probe" || len(doc.Findings) != 1 || doc.Findings[0].CheckID != "FORM-001" || doc.Findings[0].Severity != "critical" || doc.Findings[0].Message == "" {
		t.Errorf("report %s", data)
	}

	// Japanese, JSON on stdout: the verdicts go to stderr.
	code, stdout, stderr = run(t, "probe", "--emulator", base, "--lang", "ja", "--format", "json", "https://docs.google.com/forms/d/e/1FAIpQLSev/viewform")
	if code != cli.ExitFindings || !strings.Contains(stderr, "危険: 結果の概要が公開されています") || !json.Valid([]byte(stdout)) {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
}

func TestScanSiteCommand(t *testing.T) {
	base := hospitalEmulator(t)
	dir := t.TempDir()
	saved := filepath.Join(dir, "run.json")
	if code, _, stderr := run(t, "audit", "--emulator", base, "--admin", "admin@hosp.example.jp", "--out", saved, "--log-level", "error"); code != cli.ExitFindings {
		t.Fatalf("audit exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "scan.json")
	code, stdout, stderr := run(t, "scan-site", "--emulator", base, "--rate", "100", "--report", saved, "--lang", "en", "--out", out, base+"/site/index.html")
	if code != cli.ExitFindings {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"https://forms.gle/Ev1 “説明会” — DANGER",
		"linked from " + base + "/site/index.html",
		"https://docs.google.com/forms/d/form-rx/edit “処方箋 申込” — CAUTION",
		"Links to Drive and Docs (1):",
		`https://drive.google.com/file/d/doc-open/view; tenant item "患者名簿.pdf"; owner shimizu@hosp.example.jp; findings: SHARE-002 critical`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	data, _ := os.ReadFile(out)
	var doc struct {
		Run      struct{ Mode string }
		Findings []struct {
			CheckID  string `json:"check_id"`
			Severity string
			Resource struct{ Kind, ID string }
			Evidence map[string]any
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range doc.Findings {
		if f.CheckID == "FORM-003" {
			found = true
			if f.Severity != "critical" || f.Resource.Kind != "page" || f.Resource.ID != base+"/site/rx.html" || f.Evidence["broad_editors"] != "yes" {
				t.Errorf("FORM-003 %+v", f)
			}
		}
	}
	if doc.Run.Mode != "scan-site" || !found {
		t.Errorf("report %s", data)
	}
}

func TestOAuthClientFlagRefusesBadFile(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "client_secret.json")
	if err := os.WriteFile(bad, []byte(`{"web":{"client_id":"x"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "audit", "--oauth-client", bad)
	if code != cli.ExitFailed || !strings.Contains(stderr, "Desktop app") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

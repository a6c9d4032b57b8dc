package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
)

const admin = "admin@city.example.jp"

// testNow is the clock of every run; the audit log is dated before it.
var testNow = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)

// scenarioTenant is a small municipality: My Drive folders and files,
// a form, a shared drive, and an outside partner.
func scenarioTenant() *emulator.Tenant {
	anyone := emulator.Permission{Type: "anyone", Role: "reader"}
	partner := emulator.Permission{Type: "user", Role: "writer", Email: "taro@partner.example"}
	return &emulator.Tenant{
		CustomerID: "C0city", PrimaryDomain: "city.example.jp",
		Users: []emulator.User{{Email: admin, Admin: true}, {Email: "sato@city.example.jp"}, {Email: "kimura@city.example.jp"}},
		SharedDrives: []emulator.SharedDrive{{ID: "sd-1", Name: "住民課", Members: []emulator.Permission{
			{Type: "user", Role: "organizer", Email: "kimura@city.example.jp"}}}},
		Files: []emulator.File{
			{ID: "fold-a", Name: "内部資料", Kind: "folder", Owner: "sato@city.example.jp"},
			{ID: "doc-1", Name: "議事録", Kind: "document", Owner: "sato@city.example.jp"},
			{ID: "doc-2", Name: "見積", Kind: "document", Owner: "sato@city.example.jp",
				Permissions: []emulator.Permission{{Type: "user", Role: "reader", Email: "someone@gmail.com"}}},
			{ID: "doc-3", Name: "案内", Kind: "document", Owner: "sato@city.example.jp", Permissions: []emulator.Permission{anyone}},
			{ID: "fold-c", Name: "委託", Kind: "folder", Owner: "sato@city.example.jp", Permissions: []emulator.Permission{partner}},
			{ID: "doc-c1", Name: "仕様書", Kind: "document", Owner: "sato@city.example.jp", Parent: "fold-c"},
			{ID: "doc-c2", Name: "契約書", Kind: "document", Owner: "kimura@city.example.jp", Parent: "fold-c",
				Permissions: []emulator.Permission{partner}},
			{ID: "form-1", Name: "申込フォーム", Kind: "form", Owner: "sato@city.example.jp",
				Permissions: []emulator.Permission{{Type: "anyone", Role: "reader", View: "published"}},
				Form:        &emulator.Form{Title: "申込", Questions: []string{"コメント"}}},
			{ID: "sd-doc", Name: "名簿", Kind: "spreadsheet", Drive: "sd-1"},
			{ID: "sd-fold", Name: "共有", Kind: "folder", Drive: "sd-1"},
			{ID: "sd-doc2", Name: "一覧表", Kind: "spreadsheet", Drive: "sd-1", Parent: "sd-fold"},
		},
	}
}

// changeScenario applies the changes: a share added, a share
// removed, a form's summary turned on, a file moved into a folder, and a
// partner removed from a folder (logged) while a file below keeps them.
func changeScenario(s *emulator.Server) {
	s.Update(func(t *emulator.Tenant) {
		for i := range t.Files {
			f := &t.Files[i]
			switch f.ID {
			case "doc-1":
				f.Permissions = append(f.Permissions, emulator.Permission{Type: "anyone", Role: "reader"})
			case "doc-2":
				f.Permissions = nil
			case "form-1":
				f.Form.SummaryPublished = true
			case "doc-3":
				f.Parent = "fold-a"
			case "fold-c":
				f.Permissions = nil
			case "sd-fold":
				f.Permissions = []emulator.Permission{{Type: "domain", Role: "writer", Domain: "city.example.jp"}}
			}
		}
		t.AuditEvents = append(t.AuditEvents, emulator.AuditEvent{Time: testNow.Add(-time.Hour), Actor: "sato@city.example.jp",
			Name: "change_user_access", DocID: "fold-c", DocType: "folder", TargetUser: "taro@partner.example",
			OldValue: []string{"can_edit"}, NewValue: []string{"none"}})
	})
}

func serve(t testing.TB, tn *emulator.Tenant) *emulator.Server {
	t.Helper()
	// The emulator's clock is the audit's: the Reports API's retention is
	// measured from it.
	return emulatortest.Serve(t, tn, emulator.Options{Now: func() time.Time { return testNow }})
}

func options(srv *emulator.Server) auditor.Options {
	return auditor.Options{
		Admin: admin, Endpoint: srv.BaseURL(), Credentials: auditor.EmulatorCredentials{}, Concurrency: 4,
		Retry:           auditor.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond},
		RateLimits:      auditor.RateLimits{Directory: 1e5, Reports: 1e5, Drive: 1e5, Forms: 1e5, Page: 1e5},
		FreeMailDomains: configs.DefaultFreeMailDomains(), Keywords: configs.DefaultPersonalDataKeywords(),
		Log: zerolog.Nop(), Now: func() time.Time { return testNow },
	}
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "gwsaudit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var scope = store.Scope{Source: "test", AuditLogWindow: 180 * 24 * time.Hour}

// fullRun audits in full, recording the inventory in st.
func fullRun(t testing.TB, st *store.Store, opts auditor.Options) *model.Result {
	t.Helper()
	inv, err := st.BeginFull(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	opts.Inventory = inv
	res, err := auditor.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := inv.Commit(scope, res); err != nil {
		t.Fatal(err)
	}
	return res
}

// incrementalRun continues from st's inventory.
func incrementalRun(t testing.TB, st *store.Store, opts auditor.Options) *model.Result {
	t.Helper()
	inv, reason, err := st.Resume(context.Background(), scope, opts.Now(), 7*24*time.Hour)
	if err != nil || inv == nil {
		t.Fatalf("Resume: %v %s", err, reason)
	}
	res, err := auditor.RunIncremental(context.Background(), opts, inv)
	if err != nil {
		t.Fatal(err)
	}
	if err := inv.Commit(scope, res); err != nil {
		t.Fatal(err)
	}
	return res
}

// record saves a result as a run and returns the document.
func record(t testing.TB, st *store.Store, res *model.Result, id string) *report.Document {
	t.Helper()
	doc := report.New(report.Run{ID: id, StartedAt: res.StartedAt, FinishedAt: res.FinishedAt, Mode: report.ModeFull,
		Tenant: report.Tenant{PrimaryDomain: res.PrimaryDomain}}, res.Coverage, res.Findings)
	if err := st.Record(context.Background(), doc, 0); err != nil {
		t.Fatal(err)
	}
	return doc
}

// key names a finding by check, resource and principal.
func key(checkID, resource string, p *model.Principal) string {
	who := ""
	if p != nil {
		who = p.Type
		if p.Email != "" {
			who = p.Email
		} else if p.Domain != "" {
			who = p.Domain
		}
	}
	return checkID + " " + resource + " " + who
}

func findingKeys(fs []model.Finding, status string) []string {
	var out []string
	for _, f := range fs {
		if status == "" || f.Status == status {
			out = append(out, key(f.CheckID, f.Resource.ID, f.Principal))
		}
	}
	sort.Strings(out)
	return out
}

func resolvedKeys(rs []report.Resolved) []string {
	var out []string
	for _, r := range rs {
		out = append(out, key(r.CheckID, r.Resource.ID, r.Principal))
	}
	sort.Strings(out)
	return out
}

// fingerprints lists fingerprint and severity of every finding.
func fingerprints(fs []model.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s", f.Fingerprint, f.Severity, key(f.CheckID, f.Resource.ID, f.Principal)))
	}
	slices.Sort(out)
	return out
}

// callTotal counts Google API calls (what quotas are charged for); public
// form pages, read anonymously and outside any API quota, are pageTotal.
func callTotal(calls map[string]int64) int64 {
	var n int64
	for m, c := range calls {
		if !strings.HasPrefix(m, "page.") {
			n += c
		}
	}
	return n
}

// pageTotal counts anonymous public-page fetches.
func pageTotal(calls map[string]int64) int64 {
	var n int64
	for m, c := range calls {
		if strings.HasPrefix(m, "page.") {
			n += c
		}
	}
	return n
}

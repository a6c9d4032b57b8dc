package auditor_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"go.yaml.in/yaml/v3"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/model"
)

// testNow is the audit's clock in tests, and the emulator's (the Reports
// API's retention is measured from it).
func testNow() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }

// serve starts the project's emulator on loopback for one test.
func serve(t *testing.T, tn *emulator.Tenant, opts emulator.Options) *emulator.Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = testNow
	}
	return emulatortest.Serve(t, tn, opts)
}

// testOptions audits srv as admin through the real API clients, with fast
// retries and no rate limits worth speaking of.
func testOptions(srv *emulator.Server, admin string) auditor.Options {
	return auditor.Options{
		Admin:           admin,
		Endpoint:        srv.BaseURL(),
		Credentials:     auditor.EmulatorCredentials{},
		Concurrency:     4,
		Retry:           auditor.RetryPolicy{MaxAttempts: 10, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond},
		RateLimits:      auditor.RateLimits{Directory: 1e4, Reports: 1e4, Drive: 1e4, Forms: 1e4, Page: 1e4},
		FreeMailDomains: configs.DefaultFreeMailDomains(),
		Keywords:        configs.DefaultPersonalDataKeywords(),
		Log:             zerolog.Nop(),
		Now:             testNow,
	}
}

func audit(t *testing.T, opts auditor.Options) *model.Result {
	t.Helper()
	res, err := auditor.Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("auditor.Run: %v", err)
	}
	return res
}

func loadTenant(t *testing.T, path string) *emulator.Tenant {
	t.Helper()
	tn, err := emulator.Load(path)
	if err != nil {
		t.Fatalf("load tenant: %v", err)
	}
	return tn
}

// expectations is the format of testdata/*-expected.yaml.
type expectations struct {
	Admin          string   `yaml:"admin"`
	PartnerDomains []string `yaml:"partner_domains"`
	// Audiences and AudienceRules are the audience policy the tenant is
	// audited with, as a config file writes it.
	Audiences map[string]struct {
		OrgUnits []string `yaml:"org_units"`
		Domains  []string `yaml:"domains"`
		Groups   []string `yaml:"groups"`
	} `yaml:"audiences"`
	AudienceRules struct {
		Never []checks.AudienceRule `yaml:"never"`
	} `yaml:"audience_rules"`
	Expected []struct {
		Check     string         `yaml:"check"`
		Resource  string         `yaml:"resource"`
		Principal string         `yaml:"principal"`
		Severity  string         `yaml:"severity"`
		Evidence  map[string]any `yaml:"evidence"`
	} `yaml:"expected"`
	NotExpected []struct {
		Check     string `yaml:"check"`
		Resource  string `yaml:"resource"`
		Principal string `yaml:"principal"`
	} `yaml:"not_expected"`
	Gaps []struct {
		Scope string `yaml:"scope"`
		ID    string `yaml:"id"`
	} `yaml:"gaps"`
}

// options sets the policy the expectations are written for.
func (e *expectations) options(opts *auditor.Options) {
	opts.PartnerDomains = e.PartnerDomains
	names := make([]string, 0, len(e.Audiences))
	for n := range e.Audiences {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		a := e.Audiences[n]
		opts.Audiences = append(opts.Audiences, checks.Audience{Name: n, OrgUnits: a.OrgUnits, Domains: a.Domains, Groups: a.Groups})
	}
	opts.AudienceRules = e.AudienceRules.Never
}

func loadExpectations(t *testing.T, path string) *expectations {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var e expectations
	if err := yaml.Unmarshal(data, &e); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &e
}

// principalKey names a finding's principal as expectation files do.
func principalKey(f model.Finding) string {
	switch {
	case f.Principal == nil:
		return ""
	case f.Principal.Type == model.TypeAnyone:
		return "anyone"
	case f.Principal.Email != "":
		return f.Principal.Email
	}
	return f.Principal.Domain
}

// checkExpectations asserts every expected finding and gap is there and no
// decoy was flagged.
func checkExpectations(t *testing.T, e *expectations, res *model.Result) {
	t.Helper()
	for _, want := range e.Expected {
		found := false
		for _, f := range res.Findings {
			if f.CheckID == want.Check && f.Resource.ID == want.Resource &&
				(want.Principal == "" || principalKey(f) == want.Principal) {
				found = true
				for k, v := range want.Evidence {
					if got := fmt.Sprint(f.Evidence[k]); got != fmt.Sprint(v) {
						t.Errorf("%s on %s: evidence %s = %s, want %v", want.Check, want.Resource, k, got, v)
					}
				}
				if want.Severity != "" && f.Severity.String() != want.Severity {
					t.Errorf("%s on %s (%s): severity %s, want %s", want.Check, want.Resource, want.Principal, f.Severity, want.Severity)
				}
			}
		}
		if !found {
			t.Errorf("missing finding %s on %s (principal %q)", want.Check, want.Resource, want.Principal)
		}
	}
	for _, bad := range e.NotExpected {
		for _, f := range res.Findings {
			if (bad.Check == "" || f.CheckID == bad.Check) && (bad.Resource == "" || f.Resource.ID == bad.Resource) &&
				(bad.Principal == "" || principalKey(f) == bad.Principal) {
				t.Errorf("decoy flagged: %s on %s %q (principal %q)", f.CheckID, f.Resource.ID, f.Resource.Name, principalKey(f))
			}
		}
	}
	for _, g := range res.Coverage.Gaps {
		if g.Code == "" || g.Reason == "" || g.Action == "" {
			t.Errorf("gap without code, reason or action: %+v", g)
		}
	}
	for _, want := range e.Gaps {
		found := false
		for _, g := range res.Coverage.Gaps {
			found = found || g.Scope == want.Scope && g.ID == want.ID
		}
		if !found {
			t.Errorf("missing coverage gap %s %s; gaps: %+v", want.Scope, want.ID, res.Coverage.Gaps)
		}
	}
}

func repoFile(parts ...string) string { return filepath.Join(append([]string{".."}, parts...)...) }

package auditor_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// readmeScopes are the scopes of README.md's copy-paste delegation line.
func readmeScopes(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "https://www.googleapis.com/auth/") && strings.Contains(line, ",") {
			lines = append(lines, line)
		}
	}
	if len(lines) != 1 {
		t.Fatalf("README.md has %d delegation lines, want 1: %q", len(lines), lines)
	}
	return strings.Split(lines[0], ",")
}

// README's delegation line is exactly the set of scopes the audit asks for,
// those of its own tokens included.
func TestReadmeScopesAreTheAuditsScopes(t *testing.T) {
	want := slices.Clone(auditor.Scopes)
	for _, s := range []string{auditor.ScopeGroupsRead, auditor.ScopeSharedDrivesRead, auditor.ScopeGroupsSettings} {
		if !slices.Contains(want, s) {
			want = append(want, s)
		}
	}
	got := readmeScopes(t)
	slices.Sort(got)
	slices.Sort(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("README.md's delegation line differs from what the audit asks for (-code +README):\n%s", d)
	}
}

// refusals are what a scope or parameter refusal leaves in a gap's reason.
var refusals = []string{"insufficient authentication scopes", "unauthorized_client", "invalid_scope",
	"Cannot bind query parameter", "Values must be within the range", "older than the"}

// outcome is a run's findings and gaps, in a stable order, failing the
// test on a gap a refusal caused.
func outcome(t *testing.T, what string, res *model.Result) (findings []string, gaps []model.Gap) {
	t.Helper()
	for _, f := range res.Findings {
		findings = append(findings, fmt.Sprintf("%s %s %s %s %s", f.Fingerprint, f.CheckID, f.Severity, f.Resource.ID, principalKey(f)))
	}
	slices.Sort(findings)
	gaps = slices.Clone(res.Coverage.Gaps)
	slices.SortFunc(gaps, func(a, b model.Gap) int { return strings.Compare(a.Scope+a.ID+a.Code, b.Scope+b.ID+b.Code) })
	for _, g := range gaps {
		for _, r := range refusals {
			if strings.Contains(g.Reason, r) {
				t.Errorf("%s: gap caused by a refusal (%q): %+v", what, r, g)
			}
		}
	}
	return findings, gaps
}

// The acceptance test of the strict emulator: the demo and catalog tenants
// audited with a service-account key delegated exactly README's scopes —
// tokens exchanged at /token, scopes checked per method, parameters and page
// sizes checked against the discovery documents — find what the
// identity-bearer runs find, full and incremental.
func TestTokenExchangeMatchesBearer(t *testing.T) {
	demo, err := emulator.Parse(emulator.DemoTenant(), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	demoExp := loadExpectations(t, repoFile("testdata", "demo-expected.yaml"))
	catExp := loadExpectations(t, repoFile("testdata", "tenants", "catalog-expected.yaml"))
	for _, c := range []struct {
		name   string
		tenant *emulator.Tenant
		exp    *expectations
	}{
		{"demo", demo, demoExp},
		{"catalog", loadTenant(t, repoFile("testdata", "tenants", "catalog.yaml")), catExp},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := serve(t, c.tenant, emulator.Options{ShortPages: true, Seed: 5})
			plain := testOptions(srv, c.exp.Admin)
			plain.PartnerDomains = c.exp.PartnerDomains
			wantF, wantG := outcome(t, "bearer", audit(t, plain))

			key, err := auditor.ParseServiceAccountKey(serviceAccountKey(t, srv, readmeScopes(t)))
			if err != nil {
				t.Fatal(err)
			}
			keyed := plain
			keyed.Credentials = key
			srv.ResetCalls()
			st, scope, full := fullRunInStore(t, srv, keyed)
			if srv.Calls()["oauth2.token"] == 0 {
				t.Fatalf("no token exchange: %v", srv.Calls())
			}
			gotF, gotG := outcome(t, "key", full)
			if d := cmp.Diff(wantF, gotF); d != "" {
				t.Errorf("findings differ (-bearer +key):\n%s", d)
			}
			if d := cmp.Diff(wantG, gotG); d != "" {
				t.Errorf("gaps differ (-bearer +key):\n%s", d)
			}

			inc, reason, err := st.Resume(context.Background(), scope, keyed.Now(), 7*24*time.Hour)
			if err != nil || inc == nil {
				t.Fatalf("Resume: %v %s", err, reason)
			}
			keyed.Inventory = nil
			res, err := auditor.RunIncremental(context.Background(), keyed, inc)
			if err != nil {
				t.Fatal(err)
			}
			incF, incG := outcome(t, "incremental", res)
			if d := cmp.Diff(wantF, incF); d != "" {
				t.Errorf("incremental findings differ (-bearer +incremental):\n%s", d)
			}
			if d := cmp.Diff(wantG, incG); d != "" {
				t.Errorf("incremental gaps differ (-bearer +incremental):\n%s", d)
			}
		})
	}
}

// A self-audit's tokens, issued with the scopes the sign-in asked for, are
// enough for everything it calls.
func TestSelfAuditWithScopedTokens(t *testing.T) {
	emu := serve(t, publicTenant(), emulator.Options{})
	run := func(mint bool) *model.Result {
		g := &fakeGoogle{t: t, user: "shimizu@hosp.example.jp"}
		if mint {
			g.mint = func(scope string) string {
				tok, err := emu.MintToken(g.user, strings.Fields(scope))
				if err != nil {
					t.Error(err)
				}
				return tok
			}
		}
		app, _ := oauthClient(t, g)
		app.SetTokenCache(t.TempDir() + "/token.json")
		app.Browse = browse
		opts := testOptions(emu, "")
		opts.Credentials, opts.SelfOnly = app, true
		return audit(t, opts)
	}
	wantF, wantG := outcome(t, "bearer", run(false))
	gotF, gotG := outcome(t, "scoped", run(true))
	if d := cmp.Diff(wantF, gotF); d != "" {
		t.Errorf("findings differ (-bearer +scoped):\n%s", d)
	}
	if d := cmp.Diff(wantG, gotG); d != "" {
		t.Errorf("gaps differ (-bearer +scoped):\n%s", d)
	}
}

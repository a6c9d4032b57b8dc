package auditor_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/oauth2/google"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// TestOAuthExportScopes: an --oauth-client token carries only the scopes
// consented to (the emulator enforces them). Signed in for the read-only
// self-audit, the Sheets export is refused with what to do; with
// AddScopes, the sign-in asks for the Sheets scopes too (replacing the
// cached token that lacks them) and the export succeeds; the token cached
// then serves the next run without a sign-in.
func TestOAuthExportScopes(t *testing.T) {
	ctx := context.Background()
	srv := serve(t, smallTenant(), emulator.Options{})
	keyJSON := serviceAccountKey(t, srv, append(slices.Clone(auditor.SelfScopes), report.SheetsScopes...))
	const user = "sato.k@city.example.jp"
	g := &fakeGoogle{t: t, user: user}
	g.mint = func(scope string) string {
		conf, err := google.JWTConfigFromJSON(keyJSON, strings.Fields(scope)...)
		if err != nil {
			t.Fatal(err)
		}
		conf.Subject = user
		tok, err := conf.TokenSource(ctx).Token()
		if err != nil {
			t.Errorf("mint a token for %q: %v", scope, err)
			return ""
		}
		return tok.AccessToken
	}
	cache := filepath.Join(t.TempDir(), "token.json")
	d := report.New(report.Run{ID: "r1", Mode: report.ModeFull, Tenant: report.Tenant{PrimaryDomain: "city.example.jp"}}, model.Coverage{}, nil)
	export := func(app *auditor.OAuthApp) error {
		t.Helper()
		ex, err := auditor.NewExporter(ctx, exportOptions(srv, app), "", report.SheetsScopes)
		if err != nil {
			t.Fatal(err)
		}
		_, err = report.ExportSheets(ctx, d, ex.Sheets, ex.Drive, report.SheetsOptions{Share: []string{"sato.y@city.example.jp"}, Call: ex.Call})
		return err
	}
	newApp := func(sheets bool, browse func(string) error) *auditor.OAuthApp {
		app, _ := oauthClient(t, g)
		app.SetTokenCache(cache)
		app.Browse = browse
		if sheets {
			app.AddScopes(report.SheetsScopes...)
		}
		return app
	}

	// Signed in for the self-audit only: refused, with what to do.
	err := export(newApp(false, browse))
	var ae *auditor.AccessError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "sign in again") || !strings.Contains(err.Error(), "insufficient") {
		t.Fatalf("export without the Sheets scopes: %v", err)
	}
	if g.exchanges != 1 || strings.Contains(g.scope, "spreadsheets") {
		t.Fatalf("%d sign-ins, scope %q", g.exchanges, g.scope)
	}

	// Asked for: the cached read-only token is replaced by a new sign-in.
	app := newApp(true, browse)
	if got := app.Scopes(); !slices.Equal(got, append(slices.Clone(auditor.SelfScopes), report.SheetsScopes...)) {
		t.Errorf("scopes %v", got)
	}
	if err := export(app); err != nil {
		t.Fatalf("export with the Sheets scopes: %v", err)
	}
	for _, sc := range append(slices.Clone(auditor.SelfScopes), report.SheetsScopes...) {
		if !slices.Contains(strings.Fields(g.scope), sc) {
			t.Errorf("sign-in scope %q lacks %s", g.scope, sc)
		}
	}
	if g.exchanges != 2 {
		t.Errorf("%d sign-ins, want 2", g.exchanges)
	}

	// The next run reuses that token.
	if err := export(newApp(true, func(string) error { t.Error("signed in again despite a cached token with the scopes"); return nil })); err != nil {
		t.Fatal(err)
	}
}

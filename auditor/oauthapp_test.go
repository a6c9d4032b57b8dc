package auditor_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
)

// fakeGoogle is an authorization server: /auth redirects straight back
// with a code (the person "signs in"); /token checks PKCE and the redirect
// URI and issues the user's address as the access token, which the
// emulator accepts as that user (docs/EMULATOR.md, Identity).
type fakeGoogle struct {
	t    *testing.T
	user string
	// mint, when set, issues the access token for the scopes consented to
	// (a real, scoped token of the emulator) instead of the user's address.
	mint func(scope string) string

	mu        sync.Mutex
	challenge string
	redirect  string
	scope     string // the scopes of the last sign-in
	exchanges int
	refreshes int
}

func (g *fakeGoogle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/auth":
		q := r.URL.Query()
		if q.Get("code_challenge_method") != "S256" || q.Get("response_type") != "code" || q.Get("access_type") != "offline" ||
			!strings.Contains(q.Get("scope"), "drive.metadata.readonly") || strings.Contains(q.Get("scope"), "admin") {
			g.t.Errorf("authorization request %v", q)
		}
		ru, _ := url.Parse(q.Get("redirect_uri"))
		if ru == nil || ru.Hostname() != "127.0.0.1" {
			g.t.Errorf("redirect_uri %q is not loopback", q.Get("redirect_uri"))
		}
		g.mu.Lock()
		g.challenge, g.redirect, g.scope = q.Get("code_challenge"), q.Get("redirect_uri"), q.Get("scope")
		g.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code=code-1&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	case "/token":
		_ = r.ParseForm()
		g.mu.Lock()
		defer g.mu.Unlock()
		switch r.PostForm.Get("grant_type") {
		case "authorization_code":
			sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
			if r.PostForm.Get("code") != "code-1" || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge || r.PostForm.Get("redirect_uri") != g.redirect {
				http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
				return
			}
			g.exchanges++
		case "refresh_token":
			if r.PostForm.Get("refresh_token") != "refresh-1" {
				http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
				return
			}
			g.refreshes++
		default:
			http.Error(w, `{"error":"unsupported_grant_type"}`, http.StatusBadRequest)
			return
		}
		body := map[string]any{"access_token": g.user, "token_type": "Bearer", "refresh_token": "refresh-1", "expires_in": 3600}
		if g.mint != nil {
			body["access_token"], body["scope"] = g.mint(g.scope), g.scope
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	default:
		http.NotFound(w, r)
	}
}

func oauthClient(t *testing.T, g *fakeGoogle) (*auditor.OAuthApp, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	js := `{"installed":{"client_id":"123.apps.googleusercontent.com","client_secret":"s","auth_uri":"` + srv.URL +
		`/auth","token_uri":"` + srv.URL + `/token","redirect_uris":["http://localhost"]}}`
	app, err := auditor.ParseOAuthClient([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	app.Prompt = nil
	return app, srv
}

// browse plays the person: open the URL and let the browser follow redirects.
func browse(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

func TestOAuthSelfAudit(t *testing.T) {
	emu := serve(t, publicTenant(), emulator.Options{})
	g := &fakeGoogle{t: t, user: "shimizu@hosp.example.jp"}
	app, _ := oauthClient(t, g)
	cache := filepath.Join(t.TempDir(), "gwsaudit", "token.json")
	app.SetTokenCache(cache)
	app.Browse = browse

	opts := testOptions(emu, "")
	opts.Credentials, opts.SelfOnly = app, true
	res := audit(t, opts)
	got := findingLines(res.Findings)
	for _, want := range []string{"FORM-001 critical form-summary", "SHARE-003 critical form-rx"} {
		if !slices.Contains(got, want) {
			t.Errorf("self-audit findings %v lack %q", got, want)
		}
	}
	if res.PrimaryDomain != "hosp.example.jp" || res.Coverage.Users.Total != 1 || res.Coverage.Forms.Total != 4 {
		t.Errorf("result %+v coverage %+v", res.PrimaryDomain, res.Coverage)
	}
	scopes := map[string]bool{}
	for _, gap := range res.Coverage.Gaps {
		scopes[gap.Scope] = gap.Code == "self_audit_only"
	}
	if !scopes["directory"] || !scopes["shared_drive"] || !scopes["audit_log"] {
		t.Errorf("gaps %+v", res.Coverage.Gaps)
	}
	if emu.Calls()["directory.users.list"] != 0 || emu.Calls()["reports.activities.list"] != 0 {
		t.Errorf("a self-audit called admin APIs: %v", emu.Calls())
	}
	st, err := os.Stat(cache)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("token cache mode %v", st.Mode().Perm())
	}

	// A second run reuses the cached token: no browser.
	app2, _ := oauthClient(t, g)
	app2.SetTokenCache(cache)
	app2.Browse = func(string) error { t.Error("signed in again despite a cached token"); return nil }
	if _, err := app2.TokenSource(context.Background(), "me", nil); err != nil {
		t.Fatal(err)
	}
	if g.exchanges != 1 {
		t.Errorf("%d code exchanges", g.exchanges)
	}
}

func TestOAuthRefreshAndRefusals(t *testing.T) {
	g := &fakeGoogle{t: t, user: "shimizu@hosp.example.jp"}
	app, _ := oauthClient(t, g)
	cache := filepath.Join(t.TempDir(), "token.json")
	// An expired token with a refresh token is refreshed, not re-signed-in.
	if err := os.WriteFile(cache, []byte(`{"client_id":"123.apps.googleusercontent.com","token":{"access_token":"old","refresh_token":"refresh-1","expiry":"2020-01-01T00:00:00Z"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	app.SetTokenCache(cache)
	app.Browse = func(string) error { t.Error("signed in instead of refreshing"); return nil }
	ts, err := app.TokenSource(context.Background(), "me", nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := ts.Token()
	if err != nil || tok.AccessToken != g.user || g.refreshes != 1 {
		t.Fatalf("refresh: %v %v (%d refreshes)", tok, err, g.refreshes)
	}
	if data, _ := os.ReadFile(cache); !strings.Contains(string(data), g.user) {
		t.Error("refreshed token not cached")
	}

	// A redirect with the wrong state is ignored; a refusal ends the sign-in.
	app3, srv := oauthClient(t, g)
	app3.Browse = func(authURL string) error {
		u, _ := url.Parse(authURL)
		ru := u.Query().Get("redirect_uri")
		if resp, err := http.Get(ru + "?code=stolen&state=forged"); err == nil {
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("forged state answered %d", resp.StatusCode)
			}
			resp.Body.Close()
		}
		resp, err := http.Get(ru + "?error=access_denied&state=" + url.QueryEscape(u.Query().Get("state")))
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	_ = srv
	if _, err := app3.TokenSource(context.Background(), "me", nil); err == nil || !strings.Contains(err.Error(), "access_denied") {
		t.Errorf("refused sign-in: %v", err)
	}

	for _, bad := range []string{`{"web":{"client_id":"x"}}`, `{}`, `not json`, `{"installed":{"client_id":"x"}}`} {
		if _, err := auditor.ParseOAuthClient([]byte(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

package auditor_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// toLoopback sends the requests google.golang.org/api/impersonate makes to
// Google's fixed IAM Credentials and OAuth hosts to a loopback server; the
// rest (the emulated APIs) goes through untouched.
type toLoopback struct{ to *url.URL }

func (l toLoopback) RoundTrip(r *http.Request) (*http.Response, error) {
	if h := r.URL.Hostname(); h == "iamcredentials.googleapis.com" || h == "oauth2.googleapis.com" {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = l.to.Scheme, l.to.Host, ""
	}
	return http.DefaultTransport.RoundTrip(r)
}

// keylessGoogle answers impersonate's two token requests: IAM signJwt
// (refused when denySign, else "signing" the claims as they are) and the
// token exchange, which gives the admin its emulator token (its address)
// and refuses every other subject with unauthorized_client, as Google does
// without domain-wide delegation. hang makes signJwt never answer.
type keylessGoogle struct {
	denySign, hang bool
	signs, refused atomic.Int32
	release        chan struct{}
}

func (g *keylessGoogle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch {
	case strings.HasSuffix(r.URL.Path, ":signJwt"):
		g.signs.Add(1)
		if g.hang {
			select {
			case <-r.Context().Done():
			case <-g.release:
			}
			return
		}
		if g.denySign {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"error":{"code":403,"message":"Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist).","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","domain":"iam.googleapis.com","metadata":{"permission":"iam.serviceAccounts.signJwt"}}]}}`)
			return
		}
		var req struct{ Payload string }
		_ = json.NewDecoder(r.Body).Decode(&req)
		_ = json.NewEncoder(w).Encode(map[string]string{"keyId": "k1",
			"signedJwt": "e30." + base64.RawURLEncoding.EncodeToString([]byte(req.Payload)) + ".c2ln"})
	case r.URL.Path == "/token":
		_ = r.ParseForm()
		var claims struct{ Sub string }
		if parts := strings.Split(r.PostForm.Get("assertion"), "."); len(parts) == 3 {
			payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
			_ = json.Unmarshal(payload, &claims)
		}
		if claims.Sub == admin {
			fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, admin)
			return
		}
		g.refused.Add(1)
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."}`)
	default:
		http.NotFound(w, r)
	}
}

// keylessOptions audits srv with --impersonate credentials whose token
// requests reach g through the audit's own transport.
func keylessOptions(t *testing.T, srv *emulator.Server, g *keylessGoogle) auditor.Options {
	ts := httptest.NewServer(g)
	t.Cleanup(ts.Close)
	g.release = make(chan struct{})
	t.Cleanup(func() { close(g.release) }) // runs first: frees stalled handlers
	to, _ := url.Parse(ts.URL)
	opts := testOptions(srv, admin)
	opts.Transport = toLoopback{to: to}
	opts.Credentials = &auditor.Impersonation{ServiceAccount: saEmail, ID: saClientID,
		Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "caller-token"})}
	return opts
}

// IAM refusing to sign (no roles/iam.serviceAccountTokenCreator) is asked
// once, not retried, and explained.
func TestImpersonationSignRefusedIsNotRetried(t *testing.T) {
	srv := serve(t, smallTenant(), emulator.Options{})
	g := &keylessGoogle{denySign: true}
	_, err := auditor.Run(context.Background(), keylessOptions(t, srv, g))
	if err == nil || !strings.Contains(err.Error(), "roles/iam.serviceAccountTokenCreator") || !strings.Contains(err.Error(), "PERMISSION_DENIED") {
		t.Fatalf("run with signJwt refused: %v, want the IAM refusal and the Token Creator hint", err)
	}
	if n := g.signs.Load(); n != 1 {
		t.Errorf("signJwt asked %d times, want once", n)
	}
}

// The token endpoint refusing the client (no domain-wide delegation) is
// not retried, and not asked again for each of many users: each user's
// gap gives the delegation hint.
func TestImpersonationDelegationRefusedIsAskedOnce(t *testing.T) {
	tn := smallTenant()
	for i := range 30 {
		tn.Users = append(tn.Users, emulator.User{Email: fmt.Sprintf("user%02d@city.example.jp", i)})
	}
	srv := serve(t, tn, emulator.Options{})
	g := &keylessGoogle{}
	opts := keylessOptions(t, srv, g)
	opts.Concurrency = 2
	res := audit(t, opts)
	// unauthorized_client holds for every subject with these scopes: once
	// remembered, the admin's own My Drive walk may meet it too.
	gapped := map[string]bool{}
	for _, gap := range res.Coverage.Gaps {
		if gap.Code == model.GapUserWalkFailed {
			gapped[gap.ID] = true
			if !strings.Contains(gap.Reason, "domain-wide delegation") || !strings.Contains(gap.Reason, "unauthorized_client") {
				t.Errorf("gap without the refusal or the delegation hint: %+v", gap)
			}
		}
	}
	for _, u := range tn.Users {
		if u.Email != admin && !gapped[u.Email] {
			t.Errorf("no gap for %s, whose token was refused", u.Email)
		}
	}
	// Walkers that asked at once may each be refused; nobody asks after.
	if n := g.refused.Load(); n < 1 || n > int32(opts.Concurrency) {
		t.Errorf("token endpoint refused %d requests, want 1..%d (one per concurrent walker, no retries)", n, opts.Concurrency)
	}
}

// A signJwt that never answers is cut off by the per-attempt timeout:
// impersonation's token requests go through the audit's transport.
func TestImpersonationHungSignIsBounded(t *testing.T) {
	srv := serve(t, smallTenant(), emulator.Options{})
	g := &keylessGoogle{hang: true}
	opts := keylessOptions(t, srv, g)
	opts.AttemptTimeout = 100 * time.Millisecond
	opts.Retry.MaxAttempts = 2
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a guard only
	defer cancel()
	_, err := auditor.Run(ctx, opts)
	if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "per-attempt timeout") {
		t.Fatalf("run against a hung signJwt: %v (guard expired: %v), want a per-attempt timeout", err, ctx.Err())
	}
}

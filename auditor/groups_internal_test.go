package auditor

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/oauth2"
	"google.golang.org/api/googleapi"
)

// Which members.list errors stop the group search for the run, and what
// the gap then tells the admin to do.
func TestGroupsRefused(t *testing.T) {
	apiErr := func(code int, reason, msg string) error {
		return fmt.Errorf("wrapped: %w", &googleapi.Error{Code: code, Message: msg, Errors: []googleapi.ErrorItem{{Reason: reason, Message: msg}}})
	}
	tokenErr := &oauth2.RetrieveError{Response: &http.Response{StatusCode: 401},
		Body: []byte(`{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."}`)}
	for _, tc := range []struct {
		name             string
		err              error
		scope, privilege bool
	}{
		{"scope not delegated", fmt.Errorf("Get: %w", tokenErr), true, false},
		{"token lacks the scope", apiErr(403, "insufficientPermissions", "Request had insufficient authentication scopes."), true, false},
		{"admin lacks the privilege", apiErr(403, "forbidden", "Not Authorized to access this resource/api"), false, true},
		{"rate limited", apiErr(403, "rateLimitExceeded", "Rate Limit Exceeded"), false, false},
		{"group gone", apiErr(404, "notFound", "Resource Not Found: groupKey"), false, false},
		{"outage", apiErr(503, "backendError", "Backend Error"), false, false},
	} {
		if got := scopeRefused(tc.err); got != tc.scope {
			t.Errorf("%s: scopeRefused = %v", tc.name, got)
		}
		if got := groupsRefused(tc.err); got != (tc.scope || tc.privilege) {
			t.Errorf("%s: groupsRefused = %v", tc.name, got)
		}
	}

	a := &auditor{opts: Options{Admin: "admin@city.example.jp", Credentials: &Impersonation{ServiceAccount: "sa@p.iam.gserviceaccount.com", ID: "1234567890"}}}
	scopeErr := fmt.Errorf("Get: %w", tokenErr)
	for _, want := range []string{ScopeGroupsRead, "unauthorized_client"} {
		if r := a.groupsRefusedReason(scopeErr); !strings.Contains(r, want) {
			t.Errorf("reason lacks %q: %s", want, r)
		}
	}
	for _, want := range []string{ScopeGroupsRead, delegationPage, "1234567890"} {
		if r := a.groupsRefusedAction(scopeErr); !strings.Contains(r, want) {
			t.Errorf("action lacks %q: %s", want, r)
		}
	}
	privErr := apiErr(403, "forbidden", "Not Authorized to access this resource/api")
	if r := a.groupsRefusedAction(privErr); !strings.Contains(r, "Groups (read)") || !strings.Contains(r, "admin@city.example.jp") {
		t.Errorf("privilege action: %s", r)
	}
}

// Every audit token leaves the group, group-settings and shared-drive
// scopes out (each has
// a token of its own), and Scopes, what the README tells admins to
// delegate, keeps them.
func TestTokenScopes(t *testing.T) {
	ts := tokenScopes()
	if len(ts) != len(Scopes)-len(separateTokenScopes) {
		t.Fatalf("tokenScopes %v", ts)
	}
	for _, s := range ts {
		if slices.Contains(separateTokenScopes, s) {
			t.Errorf("tokenScopes has %s", s)
		}
	}
	found := false
	for _, s := range Scopes {
		found = found || s == ScopeGroupsRead
	}
	if !found {
		t.Errorf("Scopes lacks %s", ScopeGroupsRead)
	}
}

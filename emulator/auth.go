package emulator

import (
	"net/http"
	"strings"
	"time"
)

// accessToken is a token issued by the token endpoint.
type accessToken struct {
	subject string
	scopes  map[string]bool
	expiry  time.Time
}

func errNoCredentials() *apiError {
	return &apiError{Code: 401, Reason: "required", Location: "Authorization", LocationType: "header",
		Message: "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."}
}

func errBadCredentials() *apiError {
	return &apiError{Code: 401, Reason: "authError", Location: "Authorization", LocationType: "header",
		Message: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."}
}

// authenticate resolves the bearer to an active user and checks that a
// delegated token carries one of the method's scopes. A bearer naming an
// unknown or suspended user, and an unknown or expired token, get 401
// (Google cannot issue a token for a suspended user).
func (s *Server) authenticate(r *http.Request, scopes []string) (*User, *apiError) {
	h := r.Header.Get("Authorization")
	bearer, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(bearer) == "" {
		return nil, errNoCredentials()
	}
	bearer = strings.TrimSpace(bearer)
	subject, granted := strings.ToLower(bearer), map[string]bool(nil)
	if !strings.Contains(bearer, "@") {
		s.authMu.Lock()
		tok := s.tokens[bearer]
		s.authMu.Unlock()
		if tok == nil || time.Now().After(tok.expiry) {
			return nil, errBadCredentials()
		}
		subject, granted = tok.subject, tok.scopes
	}
	s.mu.RLock()
	u := s.ix.users[subject]
	suspended := u != nil && u.Suspended // read under the lock Update takes
	s.mu.RUnlock()
	if u == nil || suspended {
		return nil, errBadCredentials()
	}
	if granted != nil && !anyScope(granted, scopes) {
		return nil, errForbidden("insufficientPermissions", "Request had insufficient authentication scopes.")
	}
	return u, nil
}

func anyScope(granted map[string]bool, want []string) bool {
	for _, w := range want {
		if granted[w] {
			return true
		}
	}
	return false
}

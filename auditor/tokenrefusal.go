package auditor

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/oauth2"
)

// tokenRefusal is a token request of keyless impersonation that Google
// refused: the IAM Credentials signJwt call or the OAuth token exchange.
// The impersonate package reports both as plain text; tokenRefusal keeps
// the status and Google's error code and message, never a token.
type tokenRefusal struct {
	Stage   string // "signJwt" (IAM Credentials) or "token" (OAuth token endpoint)
	Status  int
	Code    string // OAuth error ("unauthorized_client") or RPC status ("PERMISSION_DENIED")
	Message string
}

func (e *tokenRefusal) Error() string {
	by := ""
	switch e.Stage {
	case "signJwt":
		by = " by IAM Credentials (signJwt)"
	case "token":
		by = " by the OAuth token endpoint"
	}
	msg := e.Code
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return fmt.Sprintf("token request refused%s (%d %s)", by, e.Status, msg)
}

// impersonateStatus is how google.golang.org/api/impersonate reports an
// HTTP error from either of its token requests.
var impersonateStatus = regexp.MustCompile(`(?s)^impersonate: status code (\d+): (.*)$`)

// parseImpersonateError reads the impersonate package's error text; nil
// when err is not a refused request. The body tells the stage: the token
// endpoint answers RFC 6749 JSON ({"error": "unauthorized_client"}), IAM a
// google.rpc.Status ({"error": {"code": 403, ...}}).
func parseImpersonateError(err error) *tokenRefusal {
	m := impersonateStatus.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	status, _ := strconv.Atoi(m[1])
	var body struct {
		Error json.RawMessage `json:"error"`
		Desc  string          `json:"error_description"`
	}
	r := &tokenRefusal{Status: status}
	if json.Unmarshal([]byte(m[2]), &body) != nil {
		return r
	}
	var code string
	var rpc struct {
		Message string `json:"message"`
		Status  string `json:"status"`
	}
	switch {
	case json.Unmarshal(body.Error, &code) == nil:
		r.Stage, r.Code, r.Message = "token", code, body.Desc
	case json.Unmarshal(body.Error, &rpc) == nil:
		r.Stage, r.Code, r.Message = "signJwt", rpc.Status, rpc.Message
	}
	return r
}

// permanentTokenError reports a token request refused for good: a 4xx
// other than 408 and 429 from IAM or the token endpoint. Asking again,
// for this subject or (subjectIndependent) any other, gets the same answer.
func permanentTokenError(err error) bool {
	status := 0
	var tr *tokenRefusal
	var rerr *oauth2.RetrieveError
	switch {
	case errors.As(err, &tr):
		status = tr.Status
	case errors.As(err, &rerr) && rerr.Response != nil:
		status = rerr.Response.StatusCode
	}
	return status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests
}

// subjectIndependent reports a refusal that does not depend on whom the
// token acts as: IAM refusing to sign, or the token endpoint refusing the
// client (no domain-wide delegation for these scopes, a deleted account).
func subjectIndependent(err error) bool {
	var tr *tokenRefusal
	if errors.As(err, &tr) {
		return tr.Stage == "signJwt" || tr.Code == "unauthorized_client" || tr.Code == "invalid_client"
	}
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		code, _ := tokenErrorOf(rerr)
		return code == "unauthorized_client" || code == "invalid_client"
	}
	return false
}

// refusals remembers token requests refused for good, per subject and
// scopes, and per scopes alone when the refusal is subjectIndependent, so
// that the many calls made as thousands of users do not each ask again.
type refusals struct {
	mu sync.Mutex
	m  map[string]error
}

// wrap returns ts answering from, and feeding, the remembered refusals.
func (r *refusals) wrap(ts oauth2.TokenSource, subject string, scopes []string) oauth2.TokenSource {
	sc := strings.Join(scopes, " ")
	return &refusingSource{base: ts, r: r, subjectKey: strings.ToLower(subject) + "\x00" + sc, anyKey: "\x00" + sc}
}

type refusingSource struct {
	base               oauth2.TokenSource
	r                  *refusals
	subjectKey, anyKey string
}

func (s *refusingSource) Token() (*oauth2.Token, error) {
	s.r.mu.Lock()
	err := s.r.m[s.subjectKey]
	if err == nil {
		err = s.r.m[s.anyKey]
	}
	s.r.mu.Unlock()
	if err != nil {
		return nil, err
	}
	tok, err := s.base.Token()
	if err != nil && permanentTokenError(err) {
		key := s.subjectKey
		if subjectIndependent(err) {
			key = s.anyKey
		}
		s.r.mu.Lock()
		if s.r.m == nil {
			s.r.m = map[string]error{}
		}
		s.r.m[key] = err
		s.r.mu.Unlock()
	}
	return tok, err
}

// impersonatedSource turns the impersonate package's refusals into a
// tokenRefusal.
type impersonatedSource struct{ base oauth2.TokenSource }

func (s impersonatedSource) Token() (*oauth2.Token, error) {
	tok, err := s.base.Token()
	if err != nil {
		if r := parseImpersonateError(err); r != nil {
			return nil, r
		}
	}
	return tok, err
}

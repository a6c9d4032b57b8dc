package emulator

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	//lint:ignore SA1019 jws is the verifier x/oauth2 itself pairs with its JWT flow; it stays until x/oauth2 drops it.
	"golang.org/x/oauth2/jws"
)

// account is a registered service account allowed to mint delegated tokens.
type account struct {
	key    *rsa.PublicKey
	scopes map[string]bool
}

// RegisterServiceAccount lets sa use the token endpoint (JWT-bearer grant)
// for its granted scopes, like domain-wide delegation in the Admin console.
func (s *Server) RegisterServiceAccount(sa ServiceAccount) error {
	key, err := parsePublicKey(sa.PublicKeyPEM)
	if err != nil {
		return fmt.Errorf("emulator: service account %q: %w", sa.ClientEmail, err)
	}
	a := &account{key: key, scopes: map[string]bool{}}
	for _, sc := range sa.Scopes {
		a.scopes[sc] = true
	}
	s.authMu.Lock()
	s.accounts[sa.ClientEmail] = a
	s.authMu.Unlock()
	return nil
}

// parsePublicKey reads an RSA public key from PEM: PUBLIC KEY (PKIX),
// RSA PUBLIC KEY (PKCS #1) or CERTIFICATE.
func parsePublicKey(p string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(p))
	if block == nil {
		return nil, errors.New("public key: no PEM block")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PUBLIC KEY":
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
			key = cert.PublicKey
		}
	default:
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	}
	if err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	rk, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, errors.New("public key: not RSA")
	}
	return rk, nil
}

// tokenError answers the token endpoint's OAuth error body.
func tokenError(w http.ResponseWriter, code int, kind, desc string) {
	writeJSON(w, code, map[string]any{"error": kind, "error_description": desc})
}

// serveToken is the OAuth 2.0 token endpoint for the JWT-bearer grant.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	s.count("oauth2.token")
	if !s.delay(r) {
		return
	}
	if err := r.ParseForm(); err != nil {
		tokenError(w, 400, "invalid_request", "Malformed request body.")
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		tokenError(w, 400, "unsupported_grant_type", "Invalid grant_type: "+gt)
		return
	}
	assertion := r.PostForm.Get("assertion")
	claims, err := jws.Decode(assertion)
	if err != nil {
		tokenError(w, 400, "invalid_grant", "Invalid JWT: malformed assertion.")
		return
	}
	s.authMu.Lock()
	acct := s.accounts[claims.Iss]
	s.authMu.Unlock()
	now := time.Now()
	sub := strings.ToLower(claims.Sub)
	if sub == "" {
		sub = strings.ToLower(claims.Prn)
	}
	switch {
	case acct == nil:
		tokenError(w, 400, "invalid_grant", "Invalid grant: account not found")
	case jws.Verify(assertion, acct.key) != nil:
		tokenError(w, 400, "invalid_grant", "Invalid JWT Signature.")
	case claims.Aud != s.baseFor(r)+"/token":
		tokenError(w, 400, "invalid_grant", "Invalid JWT: Failed audience check. The right audience is "+s.baseFor(r)+"/token")
	case claims.Exp <= now.Unix() || claims.Iat > now.Add(5*time.Minute).Unix() || claims.Exp-claims.Iat > 3600:
		tokenError(w, 400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")
	case strings.TrimSpace(claims.Scope) == "":
		tokenError(w, 400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.")
	case !allGranted(acct.scopes, claims.Scope):
		tokenError(w, 401, "unauthorized_client", "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.")
	case !s.activeUser(sub):
		tokenError(w, 400, "invalid_grant", "Invalid email or User ID")
	default:
		s.issueToken(w, sub, claims.Scope)
	}
}

func allGranted(granted map[string]bool, scope string) bool {
	for _, sc := range strings.Fields(scope) {
		if !granted[sc] {
			return false
		}
	}
	return true
}

func (s *Server) activeUser(email string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u := s.ix.users[email]
	return u != nil && !u.Suspended
}

// issueToken answers the token endpoint with a new access token.
func (s *Server) issueToken(w http.ResponseWriter, subject, scope string) {
	tok, err := s.MintToken(subject, strings.Fields(scope))
	if err != nil {
		tokenError(w, 500, "internal_failure", "token generation failed")
		return
	}
	secs := int64((s.opts.TokenLifetime + time.Second - 1) / time.Second)
	writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": secs})
}

// MintToken issues an opaque access token for subject carrying scopes, as
// the token endpoint does. It is for a test's own authorization server
// (the installed-app sign-in, which the emulator does not serve), so that
// the user's token is checked per method like a delegated one.
func (s *Server) MintToken(subject string, scopes []string) (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("emulator: token: %w", err)
	}
	tok := "ya29.emu-" + hex.EncodeToString(b)
	at := &accessToken{subject: strings.ToLower(subject), scopes: map[string]bool{}, expiry: time.Now().Add(s.opts.TokenLifetime)}
	for _, sc := range scopes {
		at.scopes[sc] = true
	}
	s.authMu.Lock()
	s.tokens[tok] = at
	s.authMu.Unlock()
	return tok, nil
}

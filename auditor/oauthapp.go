package auditor

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// SelfScopes are the read-only scopes a self-audit asks the user for.
var SelfScopes = []string{
	"https://www.googleapis.com/auth/drive.metadata.readonly",
	"https://www.googleapis.com/auth/forms.body.readonly",
}

// loginTimeout is how long the sign-in waits for the browser.
const loginTimeout = 5 * time.Minute

// OAuthApp signs a person in with their own Google account through an
// installed-app OAuth client (client_secret.json of type "Desktop app"):
// loopback redirect on 127.0.0.1, PKCE, state check, read-only scopes
// (plus, with AddScopes, the Sheets export's). The token is cached (mode
// 0600) with the scopes it was granted, and refreshed. It acts only as
// that person, whatever subject is asked for.
type OAuthApp struct {
	cfg       *oauth2.Config
	cachePath string
	// Prompt receives the sign-in URL for the person to open (stderr).
	Prompt io.Writer
	// Browse, when set, is called with the sign-in URL (tests follow it).
	Browse func(authURL string) error

	mu      sync.Mutex
	ts      oauth2.TokenSource
	granted []string // the scopes of the current token
}

// LoadOAuthClient reads a client_secret.json downloaded from the Google
// Cloud console (APIs & Services → Credentials → OAuth client ID → Desktop
// app). It must be a regular file of at most 1 MiB.
func LoadOAuthClient(path string) (*OAuthApp, error) {
	data, err := readCredentialFile(path, usererr.WhatOAuthClient)
	if err != nil {
		return nil, err
	}
	return ParseOAuthClient(data)
}

// ParseOAuthClient validates an installed-app OAuth client. Errors never
// quote the file's content.
func ParseOAuthClient(data []byte) (*OAuthApp, error) {
	var f struct {
		Installed *struct {
			ClientID     string `json:"client_id"`
			ClientSecret string `json:"client_secret"`
			AuthURI      string `json:"auth_uri"`
			TokenURI     string `json:"token_uri"`
		} `json:"installed"`
		Web json.RawMessage `json:"web"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, errors.New("OAuth client file is not valid JSON (download it again from Google Cloud console → APIs & Services → Credentials)")
	}
	switch {
	case f.Installed == nil && f.Web != nil:
		return nil, errors.New(`OAuth client is a "Web application" client: create one of type "Desktop app" instead`)
	case f.Installed == nil:
		return nil, errors.New(`OAuth client file has no "installed" section: create an OAuth client ID of type "Desktop app"`)
	case f.Installed.ClientID == "" || f.Installed.AuthURI == "" || f.Installed.TokenURI == "":
		return nil, errors.New("OAuth client file lacks client_id, auth_uri or token_uri")
	}
	in := f.Installed
	return &OAuthApp{
		cfg: &oauth2.Config{ClientID: in.ClientID, ClientSecret: in.ClientSecret, Scopes: slices.Clone(SelfScopes),
			Endpoint: oauth2.Endpoint{AuthURL: in.AuthURI, TokenURL: in.TokenURI, AuthStyle: oauth2.AuthStyleInParams}},
		Prompt: os.Stderr,
	}, nil
}

// DefaultTokenCache is <user config dir>/gwsaudit/token.json.
func DefaultTokenCache() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config directory for the token cache: %w", err)
	}
	return filepath.Join(dir, "gwsaudit", "token.json"), nil
}

// SetTokenCache sets where the token is kept ("" keeps none).
func (o *OAuthApp) SetTokenCache(path string) { o.cachePath = path }

// AddScopes asks, at sign-in, for scopes besides SelfScopes: the Sheets
// export's, when a run writes to Google Sheets. A cached token granted
// fewer scopes is not used: the person signs in again. Call it before
// TokenSource.
func (o *OAuthApp) AddScopes(scopes ...string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, sc := range scopes {
		if !slices.Contains(o.cfg.Scopes, sc) {
			o.cfg.Scopes = append(o.cfg.Scopes, sc)
		}
	}
}

// Scopes are the scopes the sign-in asks for.
func (o *OAuthApp) Scopes() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.cfg.Scopes)
}

// TokenSource implements Credentials: the signed-in person's token, signing
// in first when there is no usable cached token. subject and scopes are
// ignored: the app acts only as that person, with the scopes it asks for
// (SelfScopes and AddScopes').
func (o *OAuthApp) TokenSource(ctx context.Context, _ string, _ []string) (oauth2.TokenSource, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.ts != nil {
		return o.ts, nil
	}
	tok, granted := o.loadToken()
	// A token granted fewer scopes than asked for (the Sheets export's
	// added since) needs a new sign-in.
	signIn := tok == nil || (!tok.Valid() && tok.RefreshToken == "") || !allIn(o.cfg.Scopes, granted)
	if signIn {
		var err error
		if tok, granted, err = o.login(ctx); err != nil {
			return nil, err
		}
	}
	o.granted = granted
	if signIn {
		o.saveToken(tok)
	}
	// The token source outlives ctx (a run's context): refresh with a
	// background context.
	o.ts = &cachingSource{base: o.cfg.TokenSource(context.WithoutCancel(ctx), tok), app: o, last: tok.AccessToken}
	return o.ts, nil
}

// Describe implements Credentials.
func (o *OAuthApp) Describe() string {
	return fmt.Sprintf("your own Google account (OAuth client %s)", o.cfg.ClientID)
}

// ClientID implements Credentials: domain-wide delegation does not apply.
func (o *OAuthApp) ClientID() string { return "" }

// allIn reports whether every scope of want is in have.
func allIn(want, have []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// login runs the installed-app flow on a loopback redirect and returns the
// token and the scopes granted.
func (o *OAuthApp) login(ctx context.Context) (*oauth2.Token, []string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("OAuth sign-in: listen on loopback: %w", err)
	}
	defer ln.Close()
	cfg := *o.cfg
	cfg.RedirectURL = "http://" + ln.Addr().String() + "/"
	state, verifier := randomString(), oauth2.GenerateVerifier()
	authURL := cfg.AuthCodeURL(state, oauth2.AccessTypeOffline, oauth2.S256ChallengeOption(verifier))

	type result struct {
		code string
		err  error
	}
	done := make(chan result, 1)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var res result
		switch {
		case q.Get("state") != state:
			http.Error(w, "state mismatch", http.StatusBadRequest)
			return // not our redirect: keep waiting
		case q.Get("error") != "":
			res.err = fmt.Errorf("OAuth sign-in refused: %s", q.Get("error"))
		case q.Get("code") == "":
			res.err = errors.New("OAuth sign-in: no authorization code in the redirect")
		default:
			res.code = q.Get("code")
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "gwsaudit: sign-in finished, you can close this tab. / サインインが完了しました。このタブを閉じてください。")
		select {
		case done <- res:
		default:
		}
	})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	if o.Prompt != nil {
		access := "read-only access"
		if len(cfg.Scopes) > len(SelfScopes) {
			access = "read-only access, and creating the report's spreadsheet"
		}
		fmt.Fprintf(o.Prompt, "Open this URL in a browser and sign in with your Google account (%s):\n\n  %s\n\n", access, authURL)
	}
	if o.Browse != nil {
		go func() {
			if err := o.Browse(authURL); err != nil {
				select {
				case done <- result{err: fmt.Errorf("OAuth sign-in: %w", err)}:
				default:
				}
			}
		}()
	}
	ctx, cancel := context.WithTimeout(ctx, loginTimeout)
	defer cancel()
	select {
	case <-ctx.Done():
		return nil, nil, fmt.Errorf("OAuth sign-in: no answer from the browser: %w", ctx.Err())
	case res := <-done:
		if res.err != nil {
			return nil, nil, res.err
		}
		tok, err := cfg.Exchange(ctx, res.code, oauth2.VerifierOption(verifier))
		if err != nil {
			return nil, nil, fmt.Errorf("OAuth sign-in: exchange the code: %w", err)
		}
		// Google says which scopes the person granted (a box left
		// unticked drops one); without that, the ones asked for.
		granted := cfg.Scopes
		if sc, _ := tok.Extra("scope").(string); sc != "" {
			granted = strings.Fields(sc)
		}
		if !allIn(cfg.Scopes, granted) {
			return nil, nil, fmt.Errorf("OAuth sign-in: access was not granted to all of %s: sign in again and allow every access gwsaudit asks for", strings.Join(cfg.Scopes, ", "))
		}
		return tok, granted, nil
	}
}

// tokenFile is the cache's content: the token, the client it is for and
// the scopes it was granted (absent in caches written before: SelfScopes).
type tokenFile struct {
	ClientID string        `json:"client_id"`
	Token    *oauth2.Token `json:"token"`
	Scopes   []string      `json:"scopes,omitempty"`
}

// loadToken returns the cached token and its scopes, if any.
func (o *OAuthApp) loadToken() (*oauth2.Token, []string) {
	if o.cachePath == "" {
		return nil, nil
	}
	data, err := readCredentialFile(o.cachePath, usererr.WhatTokenCache)
	if err != nil {
		return nil, nil
	}
	var f tokenFile
	if json.Unmarshal(data, &f) != nil || f.ClientID != o.cfg.ClientID || f.Token == nil {
		return nil, nil
	}
	if f.Scopes == nil {
		f.Scopes = SelfScopes
	}
	return f.Token, f.Scopes
}

// saveToken writes the cache atomically with mode 0600 (best effort: a
// failure only means signing in again next time).
func (o *OAuthApp) saveToken(tok *oauth2.Token) {
	if o.cachePath == "" || tok == nil {
		return
	}
	_ = writeTokenFile(o.cachePath, tokenFile{ClientID: o.cfg.ClientID, Token: tok, Scopes: o.granted})
}

func writeTokenFile(path string, f tokenFile) error {
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".token-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// cachingSource saves refreshed tokens to the cache.
type cachingSource struct {
	base oauth2.TokenSource
	app  *OAuthApp
	mu   sync.Mutex
	last string
}

func (c *cachingSource) Token() (*oauth2.Token, error) {
	tok, err := c.base.Token()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if tok.AccessToken != c.last {
		c.last = tok.AccessToken
		c.app.saveToken(tok)
	}
	return tok, nil
}

func randomString() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

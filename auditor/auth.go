package auditor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/impersonate"
	"google.golang.org/api/option"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// ScopeGroupsRead lets the audit list a group's members (Directory
// members.list), to find whom to act as on a shared drive whose only members
// are groups.
const ScopeGroupsRead = "https://www.googleapis.com/auth/admin.directory.group.readonly"

// ScopeSharedDrivesRead lets the admin list the tenant's shared drives:
// Drive drives.list and drives.get accept only drive or drive.readonly, not
// drive.metadata.readonly. Only those calls use it (sharedDrivesClient).
const ScopeSharedDrivesRead = "https://www.googleapis.com/auth/drive.readonly"

// Scopes are the read-only OAuth scopes an audit needs. Grant exactly these
// to the service account's client ID under domain-wide delegation.
var Scopes = []string{
	"https://www.googleapis.com/auth/admin.directory.user.readonly",
	"https://www.googleapis.com/auth/admin.directory.domain.readonly",
	ScopeGroupsRead,
	"https://www.googleapis.com/auth/admin.reports.audit.readonly",
	"https://www.googleapis.com/auth/drive.metadata.readonly",
	"https://www.googleapis.com/auth/forms.body.readonly",
	ScopeSharedDrivesRead,
	ScopeGroupsSettings,
}

// separateTokenScopes are asked for in tokens of their own, each used only
// for the calls that need it.
var separateTokenScopes = []string{ScopeGroupsRead, ScopeSharedDrivesRead, ScopeGroupsSettings}

// tokenScopes are the scopes of every audit token: Scopes without
// separateTokenScopes. Google refuses a delegated token outright when one of
// its scopes is not delegated (unauthorized_client), so the group scope
// (groupsClient), the group-settings scope (groupSettingsClient) and the
// shared-drive scope (sharedDrivesClient) are asked
// for in tokens of their own: a delegation set up before they were needed
// still audits everything else, and what needs them becomes a coverage gap
// naming the scope.
func tokenScopes() []string {
	out := make([]string, 0, len(Scopes))
	for _, s := range Scopes {
		if !slices.Contains(separateTokenScopes, s) {
			out = append(out, s)
		}
	}
	return out
}

// Credentials mint a token source acting as one user of the tenant.
type Credentials interface {
	// TokenSource returns tokens for subject with the given scopes. Token
	// requests made over HTTP use the client ctx carries as
	// oauth2.HTTPClient (the audit's transport, bounded by the per-attempt
	// timeout), as oauth2 does.
	TokenSource(ctx context.Context, subject string, scopes []string) (oauth2.TokenSource, error)
	// Describe names the credentials for error messages, without secrets.
	Describe() string
	// ClientID is the OAuth client ID that domain-wide delegation must
	// authorise, or "" when unknown.
	ClientID() string
}

// EmulatorCredentials send the subject's address as the bearer token, as
// docs/EMULATOR.md prescribes. Nothing is loaded and nothing is secret.
type EmulatorCredentials struct{}

// TokenSource implements Credentials.
func (EmulatorCredentials) TokenSource(_ context.Context, subject string, _ []string) (oauth2.TokenSource, error) {
	return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: subject, TokenType: "Bearer"}), nil
}

// Describe implements Credentials.
func (EmulatorCredentials) Describe() string { return "emulator identity" }

// ClientID implements Credentials.
func (EmulatorCredentials) ClientID() string { return "" }

// ServiceAccountKey is a service-account JSON key with domain-wide delegation.
type ServiceAccountKey struct {
	json        []byte
	clientEmail string
	clientID    string
}

// LoadServiceAccountKey reads and validates a service-account key file
// (a regular file of at most 1 MiB).
func LoadServiceAccountKey(path string) (*ServiceAccountKey, error) {
	data, err := readCredentialFile(path, usererr.WhatServiceAccountKey)
	if err != nil {
		return nil, err
	}
	return ParseServiceAccountKey(data)
}

// ParseServiceAccountKey validates a service-account key. Errors never quote
// the key's content.
func ParseServiceAccountKey(data []byte) (*ServiceAccountKey, error) {
	var f struct {
		Type        string `json:"type"`
		ClientEmail string `json:"client_email"`
		ClientID    string `json:"client_id"`
		PrivateKey  string `json:"private_key"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, usererr.New(usererr.KeyNotJSON)
	}
	switch {
	case f.Type != "service_account":
		return nil, usererr.New(usererr.KeyWrongType, f.Type)
	case f.ClientEmail == "" || f.PrivateKey == "":
		return nil, usererr.New(usererr.KeyIncomplete)
	}
	return &ServiceAccountKey{json: data, clientEmail: f.ClientEmail, clientID: f.ClientID}, nil
}

// TokenSource implements Credentials: a JWT-bearer exchange with sub=subject,
// over ctx's oauth2.HTTPClient.
func (k *ServiceAccountKey) TokenSource(ctx context.Context, subject string, scopes []string) (oauth2.TokenSource, error) {
	creds, err := google.CredentialsFromJSONWithTypeAndParams(ctx, k.json, google.ServiceAccount,
		google.CredentialsParams{Scopes: scopes, Subject: subject})
	if err != nil {
		return nil, fmt.Errorf("load service account %s: %w", k.clientEmail, err)
	}
	return creds.TokenSource, nil
}

// Describe implements Credentials.
func (k *ServiceAccountKey) Describe() string {
	return fmt.Sprintf("service account %s (key file)", k.clientEmail)
}

// ClientID implements Credentials.
func (k *ServiceAccountKey) ClientID() string { return k.clientID }

// Impersonation signs delegated tokens through the IAM Credentials API with
// the Application Default Credentials' identity: no key file on disk.
type Impersonation struct {
	ServiceAccount string
	// ID is the service account's numeric client ID, when known (for hints).
	ID string
	// Source is the identity that asks IAM to sign; nil: the Application
	// Default Credentials, found at first use.
	Source oauth2.TokenSource

	mu  sync.Mutex
	adc oauth2.TokenSource
}

// cloudPlatformScope is what the caller's token needs to call IAM.
const cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

// TokenSource implements Credentials. Both token requests (IAM signJwt and
// the token exchange) go over ctx's oauth2.HTTPClient transport, so the
// per-attempt timeout bounds them; refusals come back as tokenRefusal.
func (i *Impersonation) TokenSource(ctx context.Context, subject string, scopes []string) (oauth2.TokenSource, error) {
	src, err := i.source(ctx)
	if err != nil {
		return nil, err
	}
	base := http.DefaultTransport
	if hc, ok := ctx.Value(oauth2.HTTPClient).(*http.Client); ok && hc.Transport != nil {
		base = hc.Transport
	}
	caller := &http.Client{Transport: &oauth2.Transport{Source: src, Base: base}}
	ts, err := impersonate.CredentialsTokenSource(ctx, impersonate.CredentialsConfig{
		TargetPrincipal: i.ServiceAccount, Scopes: scopes, Subject: subject,
	}, option.WithHTTPClient(caller))
	if err != nil {
		return nil, fmt.Errorf("impersonate %s: %w", i.ServiceAccount, err)
	}
	return impersonatedSource{base: ts}, nil
}

// source returns Source, else the Application Default Credentials, looked
// up once (their token is then shared by every user's token requests).
func (i *Impersonation) source(ctx context.Context) (oauth2.TokenSource, error) {
	if i.Source != nil {
		return i.Source, nil
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.adc == nil {
		creds, err := google.FindDefaultCredentials(context.WithoutCancel(ctx), cloudPlatformScope)
		if err != nil {
			return nil, fmt.Errorf("impersonate %s: no Application Default Credentials (run `gcloud auth application-default login` and grant yourself roles/iam.serviceAccountTokenCreator on the service account): %w", i.ServiceAccount, err)
		}
		i.adc = oauth2.ReuseTokenSource(nil, creds.TokenSource)
	}
	return i.adc, nil
}

// Describe implements Credentials.
func (i *Impersonation) Describe() string {
	return fmt.Sprintf("service account %s (impersonated via Application Default Credentials)", i.ServiceAccount)
}

// ClientID implements Credentials.
func (i *Impersonation) ClientID() string { return i.ID }

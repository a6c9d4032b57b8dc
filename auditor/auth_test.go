package auditor_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

const (
	saEmail    = "gwsaudit@city-audit.iam.gserviceaccount.com"
	saClientID = "109876543210987654321"
)

// serviceAccountKey makes a JSON key like the one IAM hands out, whose
// token_uri points at the emulator, and registers its public half there
// with the given delegated scopes.
func serviceAccountKey(t *testing.T, srv *emulator.Server, scopes []string) []byte {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	err = srv.RegisterServiceAccount(emulator.ServiceAccount{
		ClientEmail: saEmail, ClientID: saClientID, Scopes: scopes,
		PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})),
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "city-audit", "private_key_id": "k1",
		"private_key":  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"client_email": saEmail, "client_id": saClientID, "token_uri": srv.TokenURL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The production auth path end to end: a key file, the JWT-bearer exchange
// with sub = each impersonated user, scoped tokens, refresh on expiry.
func TestServiceAccountDelegation(t *testing.T) {
	tn := smallTenant()
	tn.Files = []emulator.File{{ID: "pub", Name: "住民名簿.xlsx", Kind: "spreadsheet", Owner: "sato.k@city.example.jp",
		Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}}}
	srv := serve(t, tn, emulator.Options{})
	key, err := auditor.ParseServiceAccountKey(serviceAccountKey(t, srv, auditor.Scopes))
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(srv, admin)
	opts.Credentials = key
	res := audit(t, opts)
	if count(res.Findings, "SHARE-002", "pub") != 1 {
		t.Errorf("want SHARE-002 on pub via delegated tokens, got %+v (gaps %+v)", res.Findings, res.Coverage.Gaps)
	}
	if res.Coverage.Users.Audited != 3 || len(res.Coverage.Gaps) != 0 {
		t.Errorf("coverage %+v", res.Coverage)
	}
}

// Delegation that lacks a scope fails the run with an error that names the
// delegation page, the client ID and the scopes, and quotes no key material.
func TestServiceAccountMissingScope(t *testing.T) {
	srv := serve(t, smallTenant(), emulator.Options{})
	raw := serviceAccountKey(t, srv, auditor.Scopes[:2])
	key, err := auditor.ParseServiceAccountKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(srv, admin)
	opts.Credentials = key
	_, err = auditor.Run(context.Background(), opts)
	var ae *auditor.AccessError
	if !errors.As(err, &ae) {
		t.Fatalf("want an AccessError, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"unauthorized_client", "Domain-wide delegation", saClientID, "forms.body.readonly"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "PRIVATE KEY") || strings.Contains(msg, "eyJ") {
		t.Errorf("error leaks key or token material:\n%s", msg)
	}
}

func TestParseServiceAccountKeyRejectsOtherCredentials(t *testing.T) {
	for name, data := range map[string]string{
		"not json":       "-----BEGIN PRIVATE KEY-----",
		"user creds":     `{"type":"authorized_user","client_id":"x","refresh_token":"secret-refresh"}`,
		"no private key": `{"type":"service_account","client_email":"a@b"}`,
	} {
		_, err := auditor.ParseServiceAccountKey([]byte(data))
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "secret-refresh") || strings.Contains(err.Error(), "BEGIN") {
			t.Errorf("%s: error quotes the file: %v", name, err)
		}
	}
}

// auditWithKey audits srv as admin with a service-account key delegated
// every audit scope but without ("" for all of them), through the token
// exchange.
func auditWithKey(t *testing.T, srv *emulator.Server, without string) *model.Result {
	t.Helper()
	var scopes []string
	for _, s := range auditor.Scopes {
		if s != without {
			scopes = append(scopes, s)
		}
	}
	key, err := auditor.ParseServiceAccountKey(serviceAccountKey(t, srv, scopes))
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(srv, admin)
	opts.Credentials = key
	return audit(t, opts)
}

// lacking is the scope a loop's round leaves out of the delegation: none
// when delegated, else scope.
func lacking(delegated bool, scope string) string {
	if delegated {
		return ""
	}
	return scope
}

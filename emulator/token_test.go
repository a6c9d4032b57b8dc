package emulator_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/forms/v1"
	"google.golang.org/api/option"
)

const (
	saEmail    = "auditor@emu-project.iam.gserviceaccount.com"
	scopeDrive = "https://www.googleapis.com/auth/drive.metadata.readonly"
)

// serviceAccount makes an RSA key, registers its public half for scopes and
// returns the JSON key file a customer would download.
func serviceAccount(t *testing.T, s *emulator.Server, scopes ...string) ([]byte, *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err := s.RegisterServiceAccount(emulator.ServiceAccount{ClientEmail: saEmail, ClientID: "1234567890",
		PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})), Scopes: scopes}); err != nil {
		t.Fatal(err)
	}
	return keyFile(t, s, key), key
}

// keyFile is a service-account JSON key; extra entries override fields.
func keyFile(t *testing.T, s *emulator.Server, key *rsa.PrivateKey, extra ...string) []byte {
	t.Helper()
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	m := map[string]string{
		"type": "service_account", "project_id": "emu-project", "private_key_id": "k1",
		"private_key":  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"client_email": saEmail, "client_id": "1234567890", "token_uri": s.TokenURL(),
	}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	b, _ := json.Marshal(m)
	return b
}

func delegated(t *testing.T, key []byte, subject string, scopes ...string) oauth2.TokenSource {
	t.Helper()
	creds, err := google.CredentialsFromJSONWithTypeAndParams(context.Background(), key, google.ServiceAccount, google.CredentialsParams{Scopes: scopes, Subject: subject})
	if err != nil {
		t.Fatal(err)
	}
	return creds.TokenSource
}

func driveWith(t *testing.T, base string, ts oauth2.TokenSource) *drive.Service {
	t.Helper()
	svc, err := drive.NewService(context.Background(), option.WithEndpoint(base+"/drive/v3/"), option.WithTokenSource(ts))
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestJWTBearerExchange(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{})
	key, priv := serviceAccount(t, s, scopeDrive, "https://www.googleapis.com/auth/forms.body.readonly")

	svc := driveWith(t, base, delegated(t, key, "kimura@example.jp", scopeDrive))
	res, err := svc.Files.List().Q("'me' in owners").Fields("files(id)").Do()
	if err != nil {
		t.Fatal(err)
	}
	if ids := idsOf(res.Files); len(ids) != 1 || !ids["f-kimura-notes"] {
		t.Errorf("subject's files = %v", ids)
	}
	// A drive-only token cannot call the Forms API.
	fs, _ := forms.NewService(context.Background(), option.WithEndpoint(base+"/"), option.WithTokenSource(delegated(t, key, "sato@example.jp", scopeDrive)))
	_, err = fs.Forms.Get("form-survey").Do()
	wantAPIError(t, err, 403, "insufficientPermissions")

	fail := func(ts oauth2.TokenSource, want string) {
		t.Helper()
		_, err := driveWith(t, base, ts).Files.List().Do()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want error containing %q, got %v", want, err)
		}
	}
	fail(delegated(t, key, "sato@example.jp", "https://www.googleapis.com/auth/drive"), "unauthorized_client")
	fail(delegated(t, key, "tanaka@example.jp", scopeDrive), "Invalid email or User ID") // suspended
	fail(delegated(t, key, "ghost@example.jp", scopeDrive), "Invalid email or User ID")

	// A key the emulator does not know for this account: bad signature.
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	fail(delegated(t, keyFile(t, s, other), "sato@example.jp", scopeDrive), "Invalid JWT Signature")
	// An assertion meant for another audience.
	fail(delegated(t, keyFile(t, s, priv, "audience", "https://oauth2.googleapis.com/token"), "sato@example.jp", scopeDrive), "Failed audience check")
	if s.Calls()["oauth2.token"] < 5 {
		t.Errorf("token calls = %v", s.Calls())
	}
}

func TestTokenExpiryAndRefresh(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{TokenLifetime: time.Second})
	key, _ := serviceAccount(t, s, scopeDrive)
	ts := delegated(t, key, "sato@example.jp", scopeDrive)
	tok, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	static := driveWith(t, base, oauth2.StaticTokenSource(tok))
	if _, err := static.Files.List().Do(); err != nil {
		t.Fatalf("fresh token: %v", err)
	}
	time.Sleep(1100 * time.Millisecond)
	_, err = static.Files.List().Do()
	wantAPIError(t, err, 401, "authError")
	// The real token source refreshes and carries on.
	before := s.Calls()["oauth2.token"]
	if _, err := driveWith(t, base, ts).Files.List().Do(); err != nil {
		t.Fatalf("after refresh: %v", err)
	}
	if s.Calls()["oauth2.token"] == before {
		t.Error("no new token was minted")
	}
	// Other grant types are refused.
	resp, err := http.PostForm(s.TokenURL(), map[string][]string{"grant_type": {"client_credentials"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("grant_type: %d", resp.StatusCode)
	}
}

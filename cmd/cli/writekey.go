package cli

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"slices"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/report"
)

// emulatorServiceAccount is the account --write-key registers.
const (
	emulatorSAEmail    = "gwsaudit@emulator.iam.gserviceaccount.com"
	emulatorSAClientID = "100000000000000000001"
)

// allScopes are every scope gwsaudit may ask for: the audit's, the
// Sheets export's, fix apply's and notify's Gmail send.
func allScopes() []string {
	out := slices.Clone(auditor.Scopes)
	for _, s := range append(slices.Clone(report.SheetsScopes), append(slices.Clone(auditor.FixScopes), auditor.ScopeGmailSend)...) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// writeEmulatorKey makes an RSA key, registers its public half with srv for
// scopes (domain-wide delegation) and writes the service-account JSON key,
// whose token_uri is srv's token endpoint, to path with mode 0600.
func writeEmulatorKey(srv *emulator.Server, path string, scopes []string) error {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("--write-key: generate RSA key: %w", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return fmt.Errorf("--write-key: encode public key: %w", err)
	}
	err = srv.RegisterServiceAccount(emulator.ServiceAccount{ClientEmail: emulatorSAEmail, ClientID: emulatorSAClientID, Scopes: scopes,
		PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))})
	if err != nil {
		return fmt.Errorf("--write-key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return fmt.Errorf("--write-key: encode private key: %w", err)
	}
	data, err := json.MarshalIndent(map[string]string{
		"type": "service_account", "project_id": "gwsaudit-emulator", "private_key_id": "emulator",
		"private_key":  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"client_email": emulatorSAEmail, "client_id": emulatorSAClientID, "token_uri": srv.TokenURL(),
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("--write-key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("--write-key: %w", err)
	}
	if err := f.Chmod(0o600); err != nil { // an existing file keeps its mode otherwise
		f.Close()
		return fmt.Errorf("--write-key: %w", err)
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("--write-key: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--write-key: write %s: %w", path, err)
	}
	return nil
}

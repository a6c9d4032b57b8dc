package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/report"
)

// TestOAuthClientSheetsScopes: --oauth-client asks for the Sheets scopes
// when, and only when, a report goes to Google Sheets.
func TestOAuthClientSheetsScopes(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir) // the token cache
	t.Setenv("HOME", dir)
	path := filepath.Join(dir, "client_secret.json")
	js := `{"installed":{"client_id":"1.apps.googleusercontent.com","client_secret":"s","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token"}}`
	if err := os.WriteFile(path, []byte(js), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		out    []string
		sheets bool
	}{
		{nil, false},
		{[]string{filepath.Join(dir, "r.json"), filepath.Join(dir, "r.xlsx")}, false},
		{[]string{filepath.Join(dir, "r.json"), "sheets:"}, true},
		{[]string{"sheets:My audit"}, true},
	} {
		creds, err := credentials(&settings{OAuthClient: path, Out: c.out})
		if err != nil {
			t.Fatal(err)
		}
		got := creds.(*auditor.OAuthApp).Scopes()
		want := slices.Clone(auditor.SelfScopes)
		if c.sheets {
			want = append(want, report.SheetsScopes...)
		}
		if !slices.Equal(got, want) {
			t.Errorf("--out %v: sign-in asks for %v, want %v", c.out, got, want)
		}
	}
}

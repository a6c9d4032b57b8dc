package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// The commands that read without auditing pick their language as audit
// does: --lang, then $GWSAUDIT_LANG, then the config's lang, then the
// locale; anything but en or ja, or a broken config, is refused.
func TestReaderLang(t *testing.T) {
	dir := t.TempDir()
	ja := filepath.Join(dir, "ja.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(ja, []byte("lang: ja\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("lnag: ja\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C.UTF-8")
	for _, c := range []struct {
		name, flag, env, config, want string
	}{
		{"locale", "", "", "", "en"},
		{"config", "", "", ja, "ja"},
		{"flag over config", "en", "", ja, "en"},
		{"environment over config", "", "en", ja, "en"},
		{"environment", "", "ja", "", "ja"},
		{"unknown flag value", "fr", "", "", ""},
		{"misspelt config key", "", "", bad, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GWSAUDIT_LANG", c.env)
			got, err := readerLang(c.flag, c.config)
			if c.want == "" {
				if err == nil {
					t.Errorf("accepted: %q", got)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

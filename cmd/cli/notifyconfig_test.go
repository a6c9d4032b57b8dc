package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestNotifyConfigExample: the example config's notify table turns into
// the options it says.
func TestNotifyConfigExample(t *testing.T) {
	s, err := loadSettings(pflag.NewFlagSet("t", pflag.ContinueOnError), filepath.Join("..", "..", "configs", "municipality.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.Notify.options("")
	if err != nil {
		t.Fatal(err)
	}
	if o.Lang != "ja" || o.From.Address != "security@city.example.jp" || o.From.Name != "情報政策課" ||
		o.Languages["intl.city.example.jp"] != "en" || o.OrgUnitContacts["/本庁/健康福祉部"] != "kenko-soumu@city.example.jp" {
		t.Errorf("options %+v", o)
	}
	if o, _ := s.Notify.options("en"); o.Lang != "en" {
		t.Errorf("--lang en gave %q", o.Lang)
	}
}

// TestSMTPPassword: from the file (trailing newline dropped) before the
// environment; missing or empty is an error naming where to put it.
func TestSMTPPassword(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(file, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GWSAUDIT_SMTP_PASSWORD", "from-env")
	c := smtpSettings{PasswordFile: file}
	if pw, err := c.password(); pw != "from-file" || err != nil {
		t.Errorf("file: %q, %v", pw, err)
	}
	c = smtpSettings{}
	if pw, err := c.password(); pw != "from-env" || err != nil {
		t.Errorf("default variable: %q, %v", pw, err)
	}
	c = smtpSettings{PasswordEnv: "UNSET_NOTIFY_PW_VAR"}
	if _, err := c.password(); err == nil || !strings.Contains(err.Error(), "UNSET_NOTIFY_PW_VAR") {
		t.Errorf("unset variable: %v", err)
	}
	if err := os.WriteFile(file, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := (&smtpSettings{PasswordFile: file}).password(); err == nil {
		t.Error("an empty password file was accepted")
	}
}

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/checks"
)

func TestLoadSettingsPrecedence(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	data := "admin: file@example.jp\nlang: ja\npartner_domains: [a.example.jp, b.example.jp]\nrate_limits:\n  drive: 42\n"
	if err := os.WriteFile(cfg, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.String("admin", "", "")
	fs.String("lang", "", "")
	fs.StringArray("partner-domain", nil, "")
	if err := fs.Parse([]string{"--lang", "en"}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GWSAUDIT_ADMIN", "env@example.jp")
	s, err := loadSettings(fs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if s.Admin != "env@example.jp" {
		t.Errorf("admin %q: the environment must win over the file", s.Admin)
	}
	if s.Lang != "en" {
		t.Errorf("lang %q: the flag must win over the file", s.Lang)
	}
	if len(s.Partners) != 2 || s.RateLimits.Drive != 42 {
		t.Errorf("file values lost: %+v", s)
	}
}

// TestCredentialsPrecedence: --credentials, then GWSAUDIT_CREDENTIALS,
// then GOOGLE_APPLICATION_CREDENTIALS, then the config file's key.
func TestCredentialsPrecedence(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte("credentials: file.json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name             string
		flag, gws, gauth string
		want             string
	}{
		{"config only", "", "", "", "file.json"},
		{"GOOGLE_APPLICATION_CREDENTIALS over the file", "", "", "gac.json", "gac.json"},
		{"GWSAUDIT_CREDENTIALS over the file", "", "gws.json", "", "gws.json"},
		{"GWSAUDIT_CREDENTIALS over GOOGLE_APPLICATION_CREDENTIALS", "", "gws.json", "gac.json", "gws.json"},
		{"flag over both", "flag.json", "gws.json", "gac.json", "flag.json"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GWSAUDIT_CREDENTIALS", c.gws)
			t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", c.gauth)
			fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
			fs.String("credentials", "", "")
			var args []string
			if c.flag != "" {
				args = []string{"--credentials", c.flag}
			}
			if err := fs.Parse(args); err != nil {
				t.Fatal(err)
			}
			s, err := loadSettings(fs, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if s.Credentials != c.want {
				t.Errorf("credentials %q, want %q", s.Credentials, c.want)
			}
		})
	}
	// Without a config file the environment still applies.
	t.Setenv("GWSAUDIT_CREDENTIALS", "")
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", "gac.json")
	if s, err := loadSettings(pflag.NewFlagSet("t", pflag.ContinueOnError), ""); err != nil || s.Credentials != "gac.json" {
		t.Errorf("no config: %v %v", s, err)
	}
}

func TestLangFromLocale(t *testing.T) {
	for env, want := range map[string]string{"ja_JP.UTF-8": "ja", "en_US.UTF-8": "en", "C": "en"} {
		t.Setenv("LC_ALL", env)
		if got := langFromLocale(); got != want {
			t.Errorf("LC_ALL=%s: %s, want %s", env, got, want)
		}
	}
}

// FuzzLoadSettings feeds arbitrary config files: loading may fail, never panic.
func FuzzLoadSettings(f *testing.F) {
	for _, name := range []string{"municipality.yaml", "school-board.yaml", "demo.yaml"} {
		if data, err := os.ReadFile(filepath.Join("..", "..", "configs", name)); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("rate_limits: 3\nout: {a: b}\n"))
	f.Add([]byte("concurrency: [1, 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "c.yaml")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := loadSettings(pflag.NewFlagSet("f", pflag.ContinueOnError), path)
		if err == nil && s == nil {
			t.Fatal("nil settings without an error")
		}
	})
}

// TestLogLevelDefaultPerCommand: without a config or environment value each
// command keeps its own --log-level default (probe and scan-site are quiet);
// a config file still overrides it.
func TestLogLevelDefaultPerCommand(t *testing.T) {
	flags := func(def string) *pflag.FlagSet {
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		fs.String("log-level", def, "")
		return fs
	}
	for _, def := range []string{"warn", "info"} {
		if s, err := loadSettings(flags(def), ""); err != nil || s.LogLevel != def {
			t.Errorf("default %q: got %q, %v", def, s.LogLevel, err)
		}
	}
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte("log_level: debug\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := loadSettings(flags("warn"), cfg); err != nil || s.LogLevel != "debug" {
		t.Errorf("config file: got %q, %v", s.LogLevel, err)
	}
}

// TestAttemptTimeoutSetting: --attempt-timeout defaults to the auditor's
// default, a config file's "90s" is read as a duration, the flag wins.
func TestAttemptTimeoutSetting(t *testing.T) {
	flags := func(args ...string) *pflag.FlagSet {
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		fs.Duration("attempt-timeout", auditor.DefaultAttemptTimeout, "")
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return fs
	}
	if s, err := loadSettings(flags(), ""); err != nil || s.AttemptTimeout != auditor.DefaultAttemptTimeout {
		t.Errorf("default: %v, %v", s.AttemptTimeout, err)
	}
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte("attempt_timeout: 90s\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := loadSettings(flags(), cfg); err != nil || s.AttemptTimeout != 90*time.Second {
		t.Errorf("config file: %v, %v", s.AttemptTimeout, err)
	}
	if s, err := loadSettings(flags("--attempt-timeout", "2m"), cfg); err != nil || s.AttemptTimeout != 2*time.Minute {
		t.Errorf("flag: %v, %v", s.AttemptTimeout, err)
	}
}

// TestAttemptTimeoutBareNumberRefused: YAML's bare 90 would be 90ns, every
// try timing out at once; it is refused with a hint instead.
func TestAttemptTimeoutBareNumberRefused(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte("attempt_timeout: 90\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.Duration("attempt-timeout", auditor.DefaultAttemptTimeout, "")
	if _, err := loadSettings(fs, cfg); err == nil || !strings.Contains(err.Error(), "60s") {
		t.Errorf("attempt_timeout: 90 accepted or without a hint: %v", err)
	}
}

// TestEmptyLogLevelLogs: an empty log level (log_level: "" in a config
// file) still logs errors rather than nothing.
func TestEmptyLogLevelLogs(t *testing.T) {
	var b strings.Builder
	log, err := newLogger(&b, "", "json")
	if err != nil {
		t.Fatal(err)
	}
	log.Error().Msg("boom")
	log.Debug().Msg("chatter")
	if !strings.Contains(b.String(), "boom") || strings.Contains(b.String(), "chatter") {
		t.Errorf("empty level logged %q, want errors and not debug", b.String())
	}
}

// TestExampleConfigsLoad: the example configs in configs/ load, with their
// durations read as durations.
func TestExampleConfigsLoad(t *testing.T) {
	for _, name := range []string{"municipality.yaml", "school-board.yaml", "school-board-one-domain.yaml"} {
		s, err := loadSettings(pflag.NewFlagSet("t", pflag.ContinueOnError), filepath.Join("..", "..", "configs", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Lang != "ja" || s.AuditLogDays != 179 {
			t.Errorf("%s: settings %+v", name, s)
		}
	}
	s, err := loadSettings(pflag.NewFlagSet("t", pflag.ContinueOnError), filepath.Join("..", "..", "configs", "municipality.yaml"))
	if err != nil || s.AttemptTimeout != time.Minute {
		t.Errorf("municipality.yaml attempt_timeout: %v, %v", s, err)
	}
	if s.OutPerOwner != "/var/lib/gwsaudit/owners" || s.GroupBy != "owner" {
		t.Errorf("municipality.yaml out_per_owner %q group_by %q", s.OutPerOwner, s.GroupBy)
	}
}

// TestKeywordsWeakAndStrong: configured words and keyword files reach the
// checks with their weak marks; a plain line of an old file stays strong.
func TestKeywordsWeakAndStrong(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "local.txt")
	if err := os.WriteFile(file, []byte("# local\n受付簿\nweak: 窓口\nＷＥＡＫ：台帳\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte("personal_data_keywords: [入所者, \"weak: 一覧\"]\nreplace_default_keywords: true\nkeyword_files: ["+file+"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := loadSettings(pflag.NewFlagSet("t", pflag.ContinueOnError), cfg)
	if err != nil {
		t.Fatal(err)
	}
	kw, err := s.keywords()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"入所者", "weak: 一覧", "受付簿", "weak:窓口", "weak:台帳"}; !slices.Equal(kw, want) {
		t.Fatalf("keywords = %q, want %q", kw, want)
	}
	env := &checks.Env{PersonalDataKeywords: kw}
	if got := env.PersonalData("窓口 受付簿"); !slices.Equal(got, []string{"受付簿", "窓口"}) {
		t.Errorf("PersonalData(窓口 受付簿) = %q", got)
	}
	if got := env.PersonalData("窓口一覧"); got != nil {
		t.Errorf("PersonalData(窓口一覧) = %q, want nothing (weak words only)", got)
	}
}

// The school-board examples declare the audience policy: staff never to
// pupils, by domain and org unit, or by org unit alone in one domain.
func TestExampleAudiencePolicies(t *testing.T) {
	for name, want := range map[string]string{
		"school-board.yaml":            "pupils[/児童生徒/**][st.edu.example.jp][zen-seito@edu.example.jp] staff[/教職員/**][edu.example.jp][] staff→pupils",
		"school-board-one-domain.yaml": "pupils[/児童生徒/**][][] staff[/教職員/** /教育委員会/**][][] staff→pupils",
	} {
		s, err := loadSettings(pflag.NewFlagSet("t", pflag.ContinueOnError), filepath.Join("..", "..", "configs", name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		auds, rules, err := s.audiencePolicy()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []string
		for _, a := range auds {
			got = append(got, fmt.Sprintf("%s%v%v%v", a.Name, a.OrgUnits, a.Domains, a.Groups))
		}
		for _, r := range rules {
			got = append(got, r.From+"→"+r.To)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("%s: %s, want %s", name, g, want)
		}
	}
}

// A misspelt audience field, a rule naming an undeclared audience and an
// org unit that is no path are refused, each naming what to fix.
func TestAudiencePolicyRefused(t *testing.T) {
	for doc, want := range map[string]string{
		"audiences:\n  staff:\n    org_unit: [/教職員]\n":                                                    `unknown key "audiences.staff.org_unit" (did you mean audiences.*.org_units?)`,
		"audiences:\n  staff: {domains: [a.jp]}\naudience_rules:\n  never: [{from: staff, to: pupils}]\n": `audience "pupils" is not declared`,
		"audiences:\n  staff: {org_units: [教職員]}\n":                                                       `"教職員" is not an org unit path`,
		"audiences:\n  staff: {domains: [a.jp]}\n  pupils: {groups: [all]}\n":                             `"all" is not a group address`,
		"audiences:\n  staff: {domains: [a.jp]}\naudience_rules:\n  never: [{from: staff, to: Staff}]\n":  `from and to are both "staff"`,
	} {
		cfg := filepath.Join(t.TempDir(), "c.yaml")
		if err := os.WriteFile(cfg, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := loadSettings(pflag.NewFlagSet("t", pflag.ContinueOnError), cfg)
		if err == nil {
			_, _, err = s.audiencePolicy()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", doc, err, want)
		}
	}
}

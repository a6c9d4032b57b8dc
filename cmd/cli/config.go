package cli

import (
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// settings are the audit's configuration after flags, environment
// (GWSAUDIT_*) and the config file are merged, in that order of precedence.
type settings struct {
	Emulator       string             `mapstructure:"emulator"`
	Admin          string             `mapstructure:"admin"`
	Credentials    string             `mapstructure:"credentials"`
	Impersonate    string             `mapstructure:"impersonate"`
	ClientID       string             `mapstructure:"client_id"`
	OAuthClient    string             `mapstructure:"oauth_client"`
	Out            []string           `mapstructure:"out"`
	Format         string             `mapstructure:"format"`
	Lang           string             `mapstructure:"lang"`
	FailOn         string             `mapstructure:"fail_on"`
	Concurrency    int                `mapstructure:"concurrency"`
	AuditLogDays   int                `mapstructure:"audit_log_days"`
	AttemptTimeout time.Duration      `mapstructure:"attempt_timeout"`
	RateLimits     auditor.RateLimits `mapstructure:"rate_limits"`
	Internal       []string           `mapstructure:"internal_domains"`
	Partners       []string           `mapstructure:"partner_domains"`
	FreeMail       []string           `mapstructure:"free_mail_domains"`
	Keywords       []string           `mapstructure:"personal_data_keywords"`
	KeywordFiles   []string           `mapstructure:"keyword_files"`
	Checks         []string           `mapstructure:"checks"` // run only these checks
	ReplaceDefault bool               `mapstructure:"replace_default_keywords"`
	// Audiences and AudienceRules are the audience policy (SHARE-009).
	Audiences     map[string]audienceSettings `mapstructure:"audiences"`
	AudienceRules audienceRules               `mapstructure:"audience_rules"`
	LogLevel      string                      `mapstructure:"log_level"`
	LogFormat     string                      `mapstructure:"log_format"`
	Quiet         bool                        `mapstructure:"quiet"`
	Checkpoint    string                      `mapstructure:"checkpoint"`
	Resume        bool                        `mapstructure:"resume"`
	History       historySettings             `mapstructure:",squash"`
	// OutPerOwner, GroupBy and PerOwnerFormat are --out-per-owner,
	// --group-by and --per-owner-format (config: out_per_owner, group_by,
	// per_owner_format).
	OutPerOwner    string   `mapstructure:"out_per_owner"`
	GroupBy        string   `mapstructure:"group_by"`
	PerOwnerFormat []string `mapstructure:"per_owner_format"`
	// Notify configures owner notices and the admin's webhook.
	Notify notifySettings `mapstructure:"notify"`

	// keyForEmulator: the key file was named for this run (--credentials,
	// GWSAUDIT_CREDENTIALS or the config file), not only found in
	// GOOGLE_APPLICATION_CREDENTIALS, so that in emulator mode the key's
	// token exchange is used instead of the emulator's identity bearer.
	keyForEmulator bool
}

// loadSettings merges the config file named by --config (if any), GWSAUDIT_*
// variables and the flags set on fs.
func loadSettings(fs *pflag.FlagSet, configFile string) (*settings, error) {
	v := viper.New()
	v.SetEnvPrefix("GWSAUDIT")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_", ".", "_"))
	v.AutomaticEnv()
	defaults := map[string]any{
		"format": "console", "fail_on": "high", "concurrency": 8, "audit_log_days": maxAuditLogDays,
		"log_format": "auto", // log_level: each command's --log-level default (audit info, probe and scan-site warn)
	}
	for k, val := range defaults {
		v.SetDefault(k, val)
	}
	// Keys that only come from files or the environment still need to be
	// known to AutomaticEnv when unmarshalling.
	// The key file: --credentials, else GWSAUDIT_CREDENTIALS, else
	// GOOGLE_APPLICATION_CREDENTIALS, else the config file's credentials.
	_ = v.BindEnv("credentials", "GWSAUDIT_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS")
	for _, k := range []string{"impersonate", "client_id", "internal_domains", "partner_domains",
		"free_mail_domains", "personal_data_keywords", "keyword_files", "replace_default_keywords", "lang",
		"rate_limits.directory", "rate_limits.reports", "rate_limits.drive", "rate_limits.forms", "rate_limits.page", "rate_limits.sheets", "rate_limits.gmail"} {
		_ = v.BindEnv(k)
	}
	if configFile != "" {
		if err := readConfigFile(v, configFile); err != nil {
			return nil, err
		}
	}
	var bindErr error
	fs.VisitAll(func(f *pflag.Flag) {
		key := strings.ReplaceAll(f.Name, "-", "_")
		if alias, ok := flagKeys[f.Name]; ok {
			key = alias
		}
		if err := v.BindPFlag(key, f); err != nil && bindErr == nil {
			bindErr = err
		}
	})
	if bindErr != nil {
		return nil, bindErr
	}
	if err := positiveFlags(fs, "concurrency", "audit-log-days", "attempt-timeout",
		"max-pages", "max-depth", "rate", "max-page-bytes", "request-timeout", "timeout"); err != nil {
		return nil, err
	}
	var where any = usererr.FlagsAndEnv // where the settings came from
	if configFile != "" {
		where = configFile
	}
	var s settings
	if err := v.Unmarshal(&s); err != nil {
		return nil, usererr.Wrap(err, usererr.ConfigIn, where)
	}
	if err := checkPositive(v, &s); err != nil {
		return nil, usererr.Wrap(err, usererr.ConfigIn, where)
	}
	if s.AttemptTimeout > 0 && s.AttemptTimeout < time.Second {
		// A bare number in YAML is read as nanoseconds.
		return nil, usererr.New(usererr.AttemptTimeoutShort, s.AttemptTimeout)
	}
	if s.Lang == "" {
		s.Lang = langFromLocale()
	}
	if f := fs.Lookup("credentials"); f != nil && f.Changed || os.Getenv("GWSAUDIT_CREDENTIALS") != "" || v.InConfig("credentials") {
		s.keyForEmulator = s.Credentials != ""
	}
	return &s, nil
}

// flagKeys maps flags whose config key differs from the flag's name.
var flagKeys = map[string]string{
	"partner-domain":      "partner_domains",
	"internal-domain":     "internal_domains",
	"keywords-file":       "keyword_files",
	"notify-webhook-file": "notify.webhook_file",
}

// langFromLocale picks ja when the environment's locale is Japanese.
func langFromLocale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "ja") {
				return "ja"
			}
			return "en"
		}
	}
	return "en"
}

// keywords returns the personal-data keywords: the built-in lists unless
// replaced, plus configured words and files.
func (s *settings) keywords() ([]string, error) {
	var out []string
	if !s.ReplaceDefault {
		out = append(out, configs.DefaultPersonalDataKeywords()...)
	}
	out = append(out, s.Keywords...)
	for _, path := range s.KeywordFiles {
		f, err := os.Open(path)
		if err != nil {
			return nil, usererr.Wrap(err, usererr.KeywordFile)
		}
		words, err := configs.ParseKeywords(f)
		f.Close()
		if err != nil {
			return nil, usererr.Wrap(err, usererr.KeywordFileAt, path)
		}
		out = append(out, words...)
	}
	return out, nil
}

// audienceSettings declare one audience: who is in it.
type audienceSettings struct {
	OrgUnits []string `mapstructure:"org_units"`
	Domains  []string `mapstructure:"domains"`
	Groups   []string `mapstructure:"groups"`
}

// audienceRules are the audience policy's rules.
type audienceRules struct {
	Never []audienceRule `mapstructure:"never"`
}

// audienceRule: items of From must never reach To (with
// PersonalDataOnly, items with a personal-data signal).
type audienceRule struct {
	From             string `mapstructure:"from"`
	To               string `mapstructure:"to"`
	PersonalDataOnly bool   `mapstructure:"personal_data_only"`
}

// audiencePolicy checks the configured audiences and rules and turns them
// into the checks' terms, in a stable order.
func (s *settings) audiencePolicy() ([]checks.Audience, []checks.AudienceRule, error) {
	names := make([]string, 0, len(s.Audiences))
	for name := range s.Audiences {
		names = append(names, name)
	}
	slices.Sort(names)
	var auds []checks.Audience
	for _, name := range names {
		a := s.Audiences[name]
		if len(a.OrgUnits)+len(a.Domains)+len(a.Groups) == 0 {
			return nil, nil, usererr.New(usererr.AudienceEmpty, name)
		}
		for _, ou := range a.OrgUnits {
			rest, _ := strings.CutSuffix(ou, "/**")
			if !strings.HasPrefix(ou, "/") || strings.Contains(rest, "*") {
				return nil, nil, usererr.New(usererr.AudienceBadOU, name, ou)
			}
		}
		for _, g := range a.Groups {
			if !strings.Contains(g, "@") {
				return nil, nil, usererr.New(usererr.AudienceBadGroup, name, g)
			}
		}
		auds = append(auds, checks.Audience{Name: name, OrgUnits: a.OrgUnits, Domains: a.Domains, Groups: a.Groups})
	}
	var rules []checks.AudienceRule
	for i, r := range s.AudienceRules.Never {
		from, to := strings.ToLower(strings.TrimSpace(r.From)), strings.ToLower(strings.TrimSpace(r.To))
		for _, n := range []string{from, to} {
			if _, ok := s.Audiences[n]; !ok {
				return nil, nil, usererr.New(usererr.AudienceUndeclared, i, n, strings.Join(names, ", "))
			}
		}
		if from == to {
			return nil, nil, usererr.New(usererr.AudienceSelf, i, from)
		}
		rules = append(rules, checks.AudienceRule{From: from, To: to, PersonalDataOnly: r.PersonalDataOnly})
	}
	return auds, rules, nil
}

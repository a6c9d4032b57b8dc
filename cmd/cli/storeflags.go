package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/pipeline"
)

// historySettings are the scheduled-audit settings (README → Scheduled
// audits), squashed into settings.
type historySettings struct {
	Store        string `mapstructure:"store"`
	NoStore      bool   `mapstructure:"no_store"`
	Incremental  bool   `mapstructure:"incremental"`
	FullEvery    string `mapstructure:"full_every"`
	Suppressions string `mapstructure:"suppressions"`
	FailOnNew    bool   `mapstructure:"fail_on_new"`
	OnlyNew      bool   `mapstructure:"only_new"`
}

// addHistoryFlags adds the scheduled-audit flags to audit.
func addHistoryFlags(f *pflag.FlagSet) {
	f.String("store", "", "run history database (default: the user's state directory; with --emulator only when given)")
	f.Bool("no-store", false, "record nothing: no history, no statuses, no incremental state")
	f.Bool("incremental", false, "re-audit only what changed since the last run (Drive changes), falling back to a full run when needed")
	f.String("full-every", "7d", "with --incremental, run a full audit when the last one is this old (e.g. 7d, 36h)")
	f.String("suppressions", "", "suppression file (YAML; see configs/suppressions.example.yaml)")
	f.Bool("fail-on-new", false, "exit 1 only for NEW findings at or above --fail-on")
	f.Bool("only-new", false, "console and human-readable reports show only NEW findings (the JSON report keeps all)")
}

// historyOptions turns the scheduled-audit settings into the pipeline's:
// with --emulator or --oauth-client a history is kept only at --store.
func historyOptions(s *settings) (pipeline.HistoryOptions, error) {
	h := pipeline.HistoryOptions{
		Store:        s.History.Store,
		Incremental:  s.History.Incremental,
		Suppressions: s.History.Suppressions,
		FailOnNew:    s.History.FailOnNew,
		Source:       sourceOf(s),
	}
	var err error
	if h.FullEvery, err = parseDays(s.History.FullEvery); err != nil {
		return h, fmt.Errorf("--full-every: %w", err)
	}
	switch {
	case s.History.NoStore:
		h.Store = ""
	case h.Store == "" && s.Emulator == "" && s.OAuthClient == "":
		if h.Store, err = pipeline.DefaultStorePath(); err != nil {
			return h, err
		}
	}
	if s.History.OnlyNew && h.Store == "" {
		return h, usererr.New(usererr.OnlyNewNeedsStore)
	}
	return h, nil
}

// sourceOf names the tenant an inventory belongs to: the endpoint and the
// admin's domain.
func sourceOf(s *settings) string {
	_, domain, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s.Admin)), "@")
	return strings.TrimRight(s.Emulator, "/") + "|" + domain
}

// parseDays parses a duration that may be written in days ("7d").
func parseDays(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if n, ok := strings.CutSuffix(v, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 0 {
			return 0, fmt.Errorf("%q: want days such as 7d, or a Go duration such as 36h", v)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	if v == "" || v == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q: want days such as 7d, or a Go duration such as 36h", v)
	}
	return d, nil
}

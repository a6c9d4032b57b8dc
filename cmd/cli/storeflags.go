package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/pflag"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
	"github.com/gwsaudit/gwsaudit/suppress"
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
}

// addHistoryFlags adds the scheduled-audit flags to audit.
func addHistoryFlags(f *pflag.FlagSet) {
	f.String("store", "", "run history database (default: the user's state directory; with --emulator only when given)")
	f.Bool("no-store", false, "record nothing: no history, no statuses, no incremental state")
	f.Bool("incremental", false, "re-audit only what changed since the last run (Drive changes), falling back to a full run when needed")
	f.String("full-every", "7d", "with --incremental, run a full audit when the last one is this old (e.g. 7d, 36h)")
	f.String("suppressions", "", "suppression file (YAML; see configs/suppressions.example.yaml)")
	f.Bool("fail-on-new", false, "exit 1 only for NEW findings at or above --fail-on")
}

// history wraps one audit run with the store, suppressions and the
// scheduler's exit rules. Without a store it only applies suppressions.
type history struct {
	st        *store.Store
	inv       *store.Inventory
	scope     store.Scope
	supp      *suppress.List
	log       zerolog.Logger
	set       historySettings
	fullEvery time.Duration
	mode      string
	pending   *store.Pending
}

// openHistory opens (and locks) the store and reads the suppressions.
func openHistory(ctx context.Context, s *settings, log zerolog.Logger) (*history, error) {
	h := &history{log: log, set: s.History, mode: report.ModeFull}
	var err error
	if h.fullEvery, err = parseDays(s.History.FullEvery); err != nil {
		return nil, fmt.Errorf("--full-every: %w", err)
	}
	if s.History.Suppressions != "" {
		if h.supp, err = suppress.Load(s.History.Suppressions); err != nil {
			return nil, err
		}
	}
	path := s.History.Store
	if path == "" && !s.History.NoStore && s.Emulator == "" && s.OAuthClient == "" {
		if path, err = store.DefaultPath(); err != nil {
			return nil, err
		}
	}
	if s.History.NoStore || path == "" {
		if s.History.Incremental || s.History.FailOnNew {
			return nil, errors.New("--incremental and --fail-on-new need a run history: pass --store PATH")
		}
		return h, nil
	}
	if h.st, err = store.Open(ctx, path); err != nil {
		return nil, err
	}
	h.st.SetAuditLogChecks(needsAuditLog)
	// A store keeps one tenant's history: refuse another tenant's admin
	// now rather than after hours of auditing.
	_, domain, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s.Admin)), "@")
	if err := h.st.CheckAdmin(ctx, domain); err != nil {
		h.close()
		return nil, err
	}
	h.scope = store.Scope{Source: sourceOf(s), AuditLogWindow: time.Duration(s.AuditLogDays) * 24 * time.Hour}
	log.Debug().Str("store", path).Msg("run history")
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

// close releases the store.
func (h *history) close() {
	if h.st != nil {
		if err := h.st.Close(); err != nil {
			h.log.Warn().Err(err).Msg("close store")
		}
	}
}

// run audits: incrementally when asked and the saved inventory allows,
// else in full, recording the inventory when there is a store.
func (h *history) run(ctx context.Context, opts *auditor.Options) (*model.Result, error) {
	if h.st == nil {
		return auditor.Run(ctx, *opts)
	}
	now := time.Now()
	if opts.Now != nil {
		now = opts.Now()
	}
	if h.set.Incremental {
		inv, reason, err := h.st.Resume(ctx, h.scope, now, h.fullEvery)
		if err != nil {
			return nil, err
		}
		if inv != nil {
			res, err := auditor.RunIncremental(ctx, *opts, inv)
			if err == nil {
				h.inv, h.mode = inv, report.ModeIncremental
				return res, nil
			}
			if !errors.Is(err, auditor.ErrNoState) {
				return nil, err
			}
			reason = err.Error()
		}
		h.log.Info().Str("reason", reason).Msg("running a full audit instead of an incremental one")
	}
	inv, err := h.st.BeginFull(ctx)
	if err != nil {
		return nil, err
	}
	full := *opts
	full.Inventory = inv
	res, err := auditor.Run(ctx, full)
	if err != nil {
		return nil, err
	}
	h.inv = inv
	return res, nil
}

// prepare applies the suppressions, saves the inventory and marks each
// finding new, open or suppressed, with first_seen and the resolved list;
// the summary then counts active findings only. The run itself is
// recorded by commit, once its reports are written: a run whose reports
// failed is not in the history, so its findings are still new tomorrow.
// (The inventory is saved here: it describes the tenant, not the
// reports, and spares the next run a full walk.)
func (h *history) prepare(ctx context.Context, doc *report.Document, res *model.Result) error {
	doc.Run.Mode = h.mode
	if h.supp != nil {
		out := h.supp.Apply(doc.Findings, doc.Run.FinishedAt)
		for _, e := range out.Expired {
			h.log.Warn().Str("check", e.CheckID).Str("resource", e.ResourceID).Str("expired", e.Expires).Str("reason", e.Reason).
				Msg("suppression expired: the finding is reported again")
		}
	}
	report.SortFindings(doc.Findings) // suppressed ones now go last
	doc.Summary = report.Count(doc.Findings)
	if h.st == nil {
		return nil
	}
	// Refuse another tenant's run before saving its inventory.
	if err := h.st.CheckTenant(ctx, doc.Run.Tenant.PrimaryDomain, doc.Run.Tenant.Domains...); err != nil {
		return err
	}
	if err := h.inv.Commit(h.scope, res); err != nil {
		return err
	}
	var err error
	if h.pending, err = h.st.Prepare(ctx, doc, apiCalls(res)); err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	return nil
}

// commit records the prepared run.
func (h *history) commit(ctx context.Context, doc *report.Document, res *model.Result) error {
	if h.pending == nil {
		return nil
	}
	if err := h.pending.Commit(ctx); err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	h.log.Info().Str("run", doc.Run.ID).Str("mode", doc.Run.Mode).Int("resolved", len(doc.Resolved)).Int64("api_calls", apiCalls(res)).Msg("run recorded")
	return nil
}

func apiCalls(res *model.Result) int64 {
	var calls int64
	for _, n := range res.Calls {
		calls += n
	}
	return calls
}

// exit applies docs/DESIGN.md's exit codes with suppressed findings left out
// and, with --fail-on-new, only new findings failing the run.
func (h *history) exit(findings []model.Finding, cov model.Coverage, failOn model.Severity) error {
	var active []model.Finding
	for _, f := range findings {
		if f.Status == model.StatusSuppressed || h.set.FailOnNew && f.Status != model.StatusNew {
			continue
		}
		active = append(active, f)
	}
	return exitFor(active, cov, failOn)
}

// needsAuditLog reports whether a check reads the audit log, so that its
// findings cannot be resolved by a run that could not read it.
func needsAuditLog(checkID string) bool {
	d, ok := checks.DescriptorOf(checkID)
	return ok && d.Needs&checks.NeedsAuditLog != 0
}

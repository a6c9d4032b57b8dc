package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
	"github.com/gwsaudit/gwsaudit/suppress"
)

// HistoryOptions say where an audit keeps its run history and how the
// scheduler judges it (README → Scheduled audits).
type HistoryOptions struct {
	// Store is the history database; "" keeps no history.
	Store        string
	Incremental  bool          // re-audit only what changed, when the store allows
	FullEvery    time.Duration // with Incremental, run in full when the last full run is older
	Suppressions string        // suppression file, if any
	FailOnNew    bool          // only new findings fail the run
	// Source names the tenant an inventory belongs to (endpoint and the
	// admin's domain): a saved inventory of another source is not resumed.
	Source string
}

// DefaultStorePath is where the run history is kept when no path is given.
func DefaultStorePath() (string, error) { return store.DefaultPath() }

// history wraps one run with the store, suppressions and the scheduler's
// exit rules. Without a store it only applies suppressions.
type history struct {
	st      *store.Store
	inv     *store.Inventory
	scope   store.Scope
	supp    *suppress.List
	log     zerolog.Logger
	set     HistoryOptions
	mode    string
	pending *store.Pending
}

// openHistory opens (and locks) the store and reads the suppressions.
func openHistory(ctx context.Context, set HistoryOptions, walk *auditor.Options, log zerolog.Logger) (*history, error) {
	h := &history{log: log, set: set, mode: report.ModeFull}
	var err error
	if set.Suppressions != "" {
		if h.supp, err = suppress.Load(set.Suppressions); err != nil {
			return nil, err
		}
	}
	if set.Store == "" {
		if set.Incremental || set.FailOnNew {
			return nil, errors.New("--incremental and --fail-on-new need a run history: pass --store PATH")
		}
		return h, nil
	}
	if h.st, err = store.Open(ctx, set.Store); err != nil {
		return nil, err
	}
	h.st.SetAuditLogChecks(needsAuditLog)
	// A store keeps one tenant's history: refuse another tenant's admin
	// now rather than after hours of auditing.
	_, domain, _ := strings.Cut(walk.Admin, "@")
	if err := h.st.CheckAdmin(ctx, domain); err != nil {
		h.close()
		return nil, err
	}
	h.scope = store.Scope{Source: set.Source, AuditLogWindow: walk.AuditLogWindow}
	log.Debug().Str("store", set.Store).Msg("run history")
	return h, nil
}

// needsAuditLog reports whether a check reads the audit log, so that its
// findings cannot be resolved by a run that could not read it.
func needsAuditLog(checkID string) bool {
	d, ok := checks.DescriptorOf(checkID)
	return ok && d.Needs&checks.NeedsAuditLog != 0
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
		inv, reason, err := h.st.Resume(ctx, h.scope, now, h.set.FullEvery)
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

// suppress marks the findings and coverage gaps a suppression file
// accepts, warning of expired entries, before the document is built (and
// sorted: suppressed findings last).
func (h *history) suppress(findings []model.Finding, gaps []model.Gap, now time.Time) {
	if h.supp == nil {
		return
	}
	out := h.supp.Apply(findings, now)
	for _, e := range out.Expired {
		h.log.Warn().Str("check", e.CheckID).Str("resource", e.ResourceID).Str("expired", e.Expires).Str("reason", e.Reason).
			Msg("suppression expired: the finding is reported again")
	}
	for _, e := range h.supp.ApplyGaps(gaps, now) {
		h.log.Warn().Str("scope", e.Scope).Str("id", e.ID).Str("code", e.Code).Str("expired", e.Expires).Str("reason", e.Reason).
			Msg("accepted gap expired: it counts again")
	}
}

// prepare saves the inventory and marks each finding new, open or
// suppressed, with first_seen and the resolved list. The run itself is
// recorded by commit, once its reports are written: a run whose reports
// failed is not in the history, so its findings are still new tomorrow.
// (The inventory is saved here: it describes the tenant, not the
// reports, and spares the next run a full walk.)
func (h *history) prepare(ctx context.Context, doc *report.Document, res *model.Result) error {
	doc.Run.Mode = h.mode
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

package pipeline

import (
	"context"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/report"
)

// Audit walks the tenant (incrementally when the history allows), runs the
// checks, applies suppressions and the run history, writes the report and
// says how the run ends. A self-audit (walk.SelfOnly) runs the same way.
func Audit(ctx context.Context, walk *auditor.Options, hist HistoryOptions, o Options) (Verdict, error) {
	h, err := openHistory(ctx, hist, walk, o.Log)
	if err != nil {
		return Clean, err
	}
	defer h.close()
	res, err := h.run(ctx, walk)
	if err != nil {
		return Clean, err
	}
	r := run{
		doc: report.Run{
			ID:         runID(res.StartedAt),
			StartedAt:  res.StartedAt,
			FinishedAt: res.FinishedAt,
			Mode:       report.ModeFull,
			Tenant:     report.Tenant{PrimaryDomain: res.PrimaryDomain, Domains: res.Domains},
			Checks:     walk.Checks,
		},
		cov: res.Coverage, hist: h, res: res,
	}
	v, err := finish(ctx, r, res.Findings, o)
	if err != nil {
		return Clean, err
	}
	o.Log.Info().Dur("took", res.FinishedAt.Sub(res.StartedAt).Round(time.Millisecond)).
		Int("findings", len(res.Findings)).Int("gaps", len(res.Coverage.Gaps)).Int64("peak_rss_kb", peakRSSKiB()).Msg("audit finished")
	return v, nil
}

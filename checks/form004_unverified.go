package checks

import "github.com/gwsaudit/gwsaudit/model"

// unverifiedSummary (FORM-004) notes forms whose public page could not be
// read, so the summary setting was not verified: a coverage note, never a
// silent "ok". Info.
type unverifiedSummary struct{}

var form004 = Descriptor{
	ID: "FORM-004", Severity: model.Info,
	Evidence: []string{EvReason},
	Needs:    NeedsItems | NeedsForms, Rollup: RollupNone,
}

// Describe implements Check.
func (unverifiedSummary) Describe() Descriptor { return form004 }

func (c unverifiedSummary) CheckItem(_ *Env, it *model.Item) []model.Finding {
	if it.Kind != model.KindForm || it.Form == nil || it.Form.Page != nil || it.Form.PageGap == "" {
		return nil
	}
	f := itemFinding(form004.ID, model.Info, it, nil)
	f.Evidence[EvReason] = it.Form.PageGap
	return []model.Finding{f}
}

package checks

// unverifiedSummary (FORM-004) notes forms whose public page could not be
// read, so the summary setting was not verified: a coverage note, never a
// silent "ok". Info.
// Evidence: reason.
type unverifiedSummary struct{}

func (unverifiedSummary) ID() string                { return "FORM-004" }
func (unverifiedSummary) DefaultSeverity() Severity { return Info }

func (c unverifiedSummary) CheckItem(_ *Env, it *Item) []Finding {
	if it.Kind != KindForm || it.Form == nil || it.Form.Page != nil || it.Form.PageGap == "" {
		return nil
	}
	f := itemFinding(c.ID(), Info, it, nil)
	f.Evidence[EvReason] = it.Form.PageGap
	return []Finding{f}
}

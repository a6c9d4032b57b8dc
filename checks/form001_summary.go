package checks

import "github.com/gwsaudit/gwsaudit/model"

// publishedSummary (FORM-001) finds forms whose response summary is published
// to respondents (「結果の概要を表示」). gwsaudit reads a form's page (or, for
// a closed form, its summary page) anonymously, so a published summary it
// sees is open to anyone: at most a sign-in with any Google account stands
// between the public and the summary, whatever the form's responder grants
// say (a form Google really restricts to the organisation sends an anonymous
// visitor to sign-in and becomes FORM-004 instead). Critical with personal
// data, else high.
type publishedSummary struct{}

var form001 = Descriptor{
	ID: "FORM-001", Severity: model.High,
	Evidence: []string{EvPersonalData, EvAudience, EvSignInRequired},
	Needs:    NeedsItems | NeedsForms, Rollup: RollupNone,
}

// Describe implements Check.
func (publishedSummary) Describe() Descriptor { return form001 }

// AudienceAnyone is the audience of a summary read from an anonymous visit.
// Reports written by earlier versions may also carry "domain".
const AudienceAnyone = "anyone"

func (c publishedSummary) CheckItem(env *Env, it *model.Item) []model.Finding {
	if it.Kind != model.KindForm || it.Form == nil || it.Form.Page == nil || !it.Form.Page.SummaryPublished {
		return nil
	}
	pd := itemPersonalData(env, it)
	f := itemFinding(form001.ID, withPersonalData(model.High, model.Critical, pd), it, pd)
	f.Evidence[EvAudience] = AudienceAnyone
	f.Evidence[EvSignInRequired] = it.Form.Page.SignInRequired
	return []model.Finding{f}
}

package checks

// publishedSummary (FORM-001) finds forms whose response summary is published
// to respondents (「結果の概要を表示」). The audience is "domain" when the
// form's responder grants name only domains or people, else "anyone": the
// page was served to an anonymous visitor, so at most a Google sign-in (any
// account) stands between the public and the summary. Forms restricted to the
// organisation redirect to sign-in and never reach this check (FORM-004). Anyone: critical with personal data, else high;
// domain: high with personal data, else medium.
// Evidence: personal_data, audience, sign_in_required.
type publishedSummary struct{}

func (publishedSummary) ID() string                { return "FORM-001" }
func (publishedSummary) DefaultSeverity() Severity { return High }

// Audiences of a form's public pages.
const (
	AudienceAnyone = "anyone"
	AudienceDomain = "domain"
)

func (c publishedSummary) CheckItem(env *Env, it *Item) []Finding {
	if it.Kind != KindForm || it.Form == nil || it.Form.Page == nil || !it.Form.Page.SummaryPublished {
		return nil
	}
	page := it.Form.Page
	audience, restricted := AudienceAnyone, false
	for _, p := range it.Permissions {
		if !p.IsResponderGrant() || p.Deleted {
			continue
		}
		if p.Type == TypeAnyone {
			restricted = false
			break
		}
		restricted = true
	}
	if restricted {
		audience = AudienceDomain
	}
	pd := itemPersonalData(env, it)
	sev := withPersonalData(Medium, High, pd)
	if audience == AudienceAnyone {
		sev = withPersonalData(High, Critical, pd)
	}
	f := itemFinding(c.ID(), sev, it, pd)
	f.Evidence[EvAudience] = audience
	f.Evidence[EvSignInRequired] = page.SignInRequired
	return []Finding{f}
}

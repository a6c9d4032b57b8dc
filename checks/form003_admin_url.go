package checks

import "github.com/gwsaudit/gwsaudit/model"

// adminURLOnPage (FORM-003) finds a form's admin (edit) URL published on a
// public web page (慶應義塾大学病院): whoever may edit the form, and every
// signed-in member of the organisation when a domain has edit rights, can
// follow it to all responses. One finding per page and form. High;
// critical when the URL opens without sign-in or the form is editable by
// anyone with the link or a whole domain (SHARE-003 on the tied item).
type adminURLOnPage struct{}

var form003 = Descriptor{
	ID: "FORM-003", Severity: model.High,
	Evidence: []string{EvFormID, EvAdminURL, EvLinkedFrom, EvOpensAnonymously, EvBroadEditors, EvFormName, EvFormOwner},
	Needs:    NeedsPages, Rollup: RollupNone,
}

// Describe implements Check.
func (adminURLOnPage) Describe() Descriptor { return form003 }

func (c adminURLOnPage) CheckItem(_ *Env, it *model.Item) []model.Finding {
	if it.Kind != model.KindPage || it.Page == nil {
		return nil
	}
	var out []model.Finding
	seen := map[string]bool{}
	for _, l := range it.Page.AdminLinks {
		if l.FormID == "" || seen[l.FormID] {
			continue
		}
		seen[l.FormID] = true
		sev := model.High
		opens, broad := "unknown", "unknown"
		if l.Probed {
			opens = yesNo(l.OpensAnonymously)
		}
		if l.Tenant != nil {
			broad = yesNo(l.Tenant.BroadEditors)
		}
		if opens == "yes" || broad == "yes" {
			sev = model.Critical
		}
		f := model.Finding{
			// One page may publish several forms: the form ID is part of
			// what the finding is about.
			Fingerprint: AdminURLFingerprint(it.ID, l.FormID),
			CheckID:     form003.ID,
			Severity:    sev,
			Resource:    model.ResourceOf(it),
			Evidence: map[string]any{
				EvFormID: l.FormID, EvAdminURL: l.URL, EvLinkedFrom: it.URL,
				EvOpensAnonymously: opens, EvBroadEditors: broad,
			},
		}
		if t := l.Tenant; t != nil {
			if t.Name != "" {
				f.Evidence[EvFormName] = t.Name
			}
			if t.Owner != "" {
				f.Evidence[EvFormOwner] = t.Owner
			}
		}
		out = append(out, f)
	}
	return out
}

// AdminURLFingerprint is the fingerprint of FORM-003 for a page and a form.
func AdminURLFingerprint(pageURL, formID string) string {
	return model.Fingerprint("FORM-003", pageURL+"\x00"+formID, nil)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

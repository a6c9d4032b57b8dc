package checks

import (
	"github.com/gwsaudit/gwsaudit/model"
)

// openResponseSheet (FORM-002) finds grants on a form's responses spreadsheet
// that reach anyone, a domain or an outside principal not among the form's
// editors (writer or above on the form). The finding is about the sheet.
// High; critical with a personal-data signal (form or sheet).
type openResponseSheet struct{}

var form002 = Descriptor{
	ID: "FORM-002", Severity: model.High,
	Evidence: []string{EvPersonalData, EvFormID, EvFormName},
	Needs:    NeedsItems | NeedsForms, Rollup: RollupGrant,
}

// Describe implements Check.
func (openResponseSheet) Describe() Descriptor { return form002 }

func (c openResponseSheet) CheckItem(env *Env, it *model.Item) []model.Finding {
	if it.Kind != model.KindForm || it.Form == nil || it.Form.LinkedSheet == nil {
		return nil
	}
	sheet := *it.Form.LinkedSheet
	sheet.Kind = model.KindSpreadsheet
	var editors []model.Permission
	for _, p := range it.Permissions {
		if !p.IsResponderGrant() && !p.Deleted && RoleRank(p.Role) >= RoleRank(RoleWriter) {
			editors = append(editors, p)
		}
	}
	var out []model.Finding
	for _, p := range sharingGrants(&sheet) {
		if !exposing(env, p) || editorIncludes(editors, p) {
			continue
		}
		// One match over the form and the sheet's name: a weak word in the
		// sheet's name counts next to a strong one in the form's questions.
		pd := env.PersonalData(append(itemTexts(it), sheet.Name)...)
		f := grantFinding(form002.ID, withPersonalData(model.High, model.Critical, pd), &sheet, p, pd)
		f.Evidence[EvFormID] = it.ID
		f.Evidence[EvFormName] = it.Name
		out = append(out, f)
	}
	return out
}

// editorIncludes reports whether the form's editors already reach p's
// principal (any editor role covers any role on the sheet).
func editorIncludes(editors []model.Permission, p model.Permission) bool {
	for _, q := range editors {
		q.Role = RoleWriter // owners edit too, but owner grants are not "sharing"
		if covers(q, p) {
			return true
		}
	}
	return false
}

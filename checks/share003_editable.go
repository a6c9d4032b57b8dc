package checks

import "github.com/gwsaudit/gwsaudit/model"

// broadEditor (SHARE-003) finds anyone or domain grants with role writer or
// above. On a form this is the admin view with every response. Critical for
// anyone and for any form; high for a domain on other items. On a form the
// finding stays its own even when the form inherits the grant
// (RollupGrantExceptForms).
type broadEditor struct{}

var share003 = Descriptor{
	ID: "SHARE-003", Severity: model.Critical,
	Evidence: []string{EvPersonalData},
	Needs:    NeedsItems, Rollup: RollupGrantExceptForms, EditGrant: true,
}

// Describe implements Check.
func (broadEditor) Describe() Descriptor { return share003 }

func (c broadEditor) CheckItem(env *Env, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		if (p.Type != model.TypeAnyone && p.Type != model.TypeDomain) || RoleRank(p.Role) < RoleRank(RoleWriter) {
			continue
		}
		sev := model.High
		if p.Type == model.TypeAnyone || it.Kind == model.KindForm {
			sev = model.Critical
		}
		out = append(out, grantFinding(share003.ID, sev, it, p, itemPersonalData(env, it)))
	}
	return out
}

package checks

import "github.com/gwsaudit/gwsaudit/model"

// outsideCollaborator (SHARE-005) finds user, group and domain grants to a
// domain that is neither internal nor an allowed partner. Medium; high for a
// free-mail domain. A lookalike principal is reported here too, and by SHARE-006.
type outsideCollaborator struct{}

var share005 = Descriptor{
	ID: "SHARE-005", Severity: model.Medium,
	Evidence: []string{EvPersonalData, EvDomain, EvFreeMail},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (outsideCollaborator) Describe() Descriptor { return share005 }

func (c outsideCollaborator) CheckItem(env *Env, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		if !env.IsOutside(p) {
			continue
		}
		d := p.PrincipalDomain()
		sev, free := model.Medium, env.IsFreeMail(d)
		if free {
			sev = model.High
		}
		f := grantFinding(share005.ID, sev, it, p, itemPersonalData(env, it))
		f.Evidence[EvDomain] = d
		f.Evidence[EvFreeMail] = free
		out = append(out, f)
	}
	return out
}

package checks

import "github.com/gwsaudit/gwsaudit/model"

// internalDomain (SHARE-004) finds reader or commenter grants to a whole
// internal domain. Low; medium with a personal-data signal.
type internalDomain struct{}

var share004 = Descriptor{
	ID: "SHARE-004", Severity: model.Low,
	Evidence: []string{EvPersonalData, EvDomain, EvDiscoverable},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (internalDomain) Describe() Descriptor { return share004 }

func (c internalDomain) CheckItem(env *Env, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		if p.Type != model.TypeDomain || !env.IsInternal(p.Domain) || RoleRank(p.Role) < 1 || RoleRank(p.Role) > RoleRank(RoleCommenter) {
			continue
		}
		pd := itemPersonalData(env, it)
		f := grantFinding(share004.ID, withPersonalData(model.Low, model.Medium, pd), it, p, pd)
		f.Evidence[EvDomain] = p.Domain
		f.Evidence[EvDiscoverable] = p.AllowFileDiscovery
		out = append(out, f)
	}
	return out
}

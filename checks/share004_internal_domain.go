package checks

// internalDomain (SHARE-004) finds reader or commenter grants to a whole
// internal domain. Low; medium with a personal-data signal.
type internalDomain struct{}

var share004 = Descriptor{
	ID: "SHARE-004", Severity: Low,
	Evidence: []string{EvPersonalData, EvDomain, EvDiscoverable},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (internalDomain) Describe() Descriptor { return share004 }

func (c internalDomain) CheckItem(env *Env, it *Item) []Finding {
	var out []Finding
	for _, p := range sharingGrants(it) {
		if p.Type != TypeDomain || !env.IsInternal(p.Domain) || RoleRank(p.Role) < 1 || RoleRank(p.Role) > RoleRank(RoleCommenter) {
			continue
		}
		pd := itemPersonalData(env, it)
		f := grantFinding(share004.ID, withPersonalData(Low, Medium, pd), it, p, pd)
		f.Evidence[EvDomain] = p.Domain
		f.Evidence[EvDiscoverable] = p.AllowFileDiscovery
		out = append(out, f)
	}
	return out
}

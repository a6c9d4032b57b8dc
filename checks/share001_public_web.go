package checks

// publicOnWeb (SHARE-001) finds anyone grants with allowFileDiscovery: the
// item is on the public web and search engines may list it.
type publicOnWeb struct{}

var share001 = Descriptor{
	ID: "SHARE-001", Severity: Critical,
	Evidence: []string{EvPersonalData},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (publicOnWeb) Describe() Descriptor { return share001 }

func (c publicOnWeb) CheckItem(env *Env, it *Item) []Finding {
	var out []Finding
	for _, p := range sharingGrants(it) {
		if p.Type == TypeAnyone && p.AllowFileDiscovery {
			out = append(out, grantFinding(share001.ID, Critical, it, p, itemPersonalData(env, it)))
		}
	}
	return out
}

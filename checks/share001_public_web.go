package checks

import "github.com/gwsaudit/gwsaudit/model"

// publicOnWeb (SHARE-001) finds anyone grants with allowFileDiscovery: the
// item is on the public web and search engines may list it.
type publicOnWeb struct{}

var share001 = Descriptor{
	ID: "SHARE-001", Severity: model.Critical,
	Evidence: []string{EvPersonalData, EvDiscoverable},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (publicOnWeb) Describe() Descriptor { return share001 }

func (c publicOnWeb) CheckItem(env *Env, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		if p.Type == model.TypeAnyone && p.AllowFileDiscovery {
			f := grantFinding(share001.ID, model.Critical, it, p, itemPersonalData(env, it))
			f.Evidence[EvDiscoverable] = true
			out = append(out, f)
		}
	}
	return out
}

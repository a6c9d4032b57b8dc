package checks

import "github.com/gwsaudit/gwsaudit/model"

// anyoneWithLink (SHARE-002) finds anyone grants that are not discoverable:
// whoever holds the URL can open the item. High; critical when the name (or a
// form's questions) carries a personal-data signal.
type anyoneWithLink struct{}

var share002 = Descriptor{
	ID: "SHARE-002", Severity: model.High,
	Evidence: []string{EvPersonalData},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (anyoneWithLink) Describe() Descriptor { return share002 }

func (c anyoneWithLink) CheckItem(env *Env, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		if p.Type == model.TypeAnyone && !p.AllowFileDiscovery {
			pd := itemPersonalData(env, it)
			out = append(out, grantFinding(share002.ID, withPersonalData(model.High, model.Critical, pd), it, p, pd))
		}
	}
	return out
}

// withPersonalData returns raised when pd is not empty, else base.
func withPersonalData(base, raised model.Severity, pd []string) model.Severity {
	if len(pd) > 0 {
		return raised
	}
	return base
}

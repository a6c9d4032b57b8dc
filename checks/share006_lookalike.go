package checks

import "github.com/gwsaudit/gwsaudit/model"

// lookalikeCollaborator (SHARE-006) finds outside users, groups and domains
// that nearly match an internal user or an internal or partner domain (see
// FindLookalike). High; critical with a personal-data signal.
type lookalikeCollaborator struct{}

var share006 = Descriptor{
	ID: "SHARE-006", Severity: model.High,
	Evidence: []string{EvPersonalData, EvLookalikeOf, EvReason},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (lookalikeCollaborator) Describe() Descriptor { return share006 }

func (c lookalikeCollaborator) CheckItem(env *Env, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		l, ok := env.Lookalike(p)
		if !ok {
			continue
		}
		pd := itemPersonalData(env, it)
		f := grantFinding(share006.ID, withPersonalData(model.High, model.Critical, pd), it, p, pd)
		f.Evidence[EvLookalikeOf] = l.Target
		f.Evidence[EvReason] = l.Reason
		out = append(out, f)
	}
	return out
}

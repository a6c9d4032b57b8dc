package checks

import "github.com/gwsaudit/gwsaudit/model"

// deletedAccount (SHARE-010) finds items still shared with a user or group
// account that has been deleted (Drive reports the grant with deleted:
// true). The grant opens nothing today, but it stays on the item: when the
// address is created again (a new colleague given a departed one's
// address, a re-registered outside domain), the newcomer gets the access.
// Medium; high with a personal-data signal. A folder's grant is reported
// once, on the folder (RollupDeletedGrant).
type deletedAccount struct{}

var share010 = Descriptor{
	ID: "SHARE-010", Severity: model.Medium,
	Evidence: []string{EvPersonalData},
	Needs:    NeedsItems, Rollup: RollupDeletedGrant,
}

// Describe implements Check.
func (deletedAccount) Describe() Descriptor { return share010 }

func (deletedAccount) CheckItem(env *Env, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range it.Permissions {
		if !isDeletedGrant(p) {
			continue
		}
		pd := itemPersonalData(env, it)
		out = append(out, grantFinding(share010.ID, withPersonalData(model.Medium, model.High, pd), it, p, pd))
	}
	return out
}

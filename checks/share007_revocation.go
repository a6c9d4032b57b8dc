package checks

import (
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// revocationLeftover (SHARE-007) finds items below a folder that the audit
// log shows a principal removed from (or whose link sharing was turned off),
// or in a shared drive the principal was removed from as a member, and that
// still grant that principal (or an anyone link) on their own. Nothing is
// reported when the folder or drive grants the principal again. Critical.
type revocationLeftover struct{}

var share007 = Descriptor{
	ID: "SHARE-007", Severity: model.Critical,
	Evidence: []string{EvPersonalData, EvRevokedAt, EvRevokedBy, EvFolderID, EvFolderName, EvFolderKind},
	Needs:    NeedsItems | NeedsAuditLog, Rollup: RollupGrant,
}

// Describe implements Check.
func (revocationLeftover) Describe() Descriptor { return share007 }

func (c revocationLeftover) CheckTree(env *Env, tree *Tree, it *model.Item) []model.Finding {
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		var last *model.Revocation
		revs := env.revocationsOf(p)
		for i := range revs {
			r := &revs[i]
			if !tree.IsBelow(it, r.FolderID) {
				continue
			}
			if f := tree.Folder(r.FolderID); f != nil && sameGrantOrHigher(f.Permissions, model.Permission{Type: p.Type, Email: p.Email, Domain: p.Domain, Role: RoleReader}) {
				continue // granted again since
			}
			if last == nil || r.At.After(last.At) {
				last = r
			}
		}
		if last == nil {
			continue
		}
		f := grantFinding(share007.ID, model.Critical, it, p, itemPersonalData(env, it))
		if !last.At.IsZero() {
			f.Evidence[EvRevokedAt] = last.At.UTC().Format(time.RFC3339)
		}
		f.Evidence[EvRevokedBy] = last.Actor
		f.Evidence[EvFolderID] = last.FolderID
		if folder := tree.Folder(last.FolderID); folder != nil {
			f.Evidence[EvFolderName] = folder.Name
			if folder.Kind == model.KindSharedDrive {
				f.Evidence[EvFolderKind] = string(model.KindSharedDrive)
			}
		}
		out = append(out, f)
	}
	return out
}

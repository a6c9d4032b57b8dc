package checks

import "github.com/gwsaudit/gwsaudit/model"

// moreOpenThanFolder (SHARE-008) finds anyone, domain or outside grants
// reaching an audience the item's parent folder does not reach (an anyone
// grant on the folder covers a domain grant, a domain grant covers that
// domain's users): the folder looks private while the item's URL keeps
// working. It is about audience, not role: a higher role for the same
// audience is SHARE-003's business. Grants Drive marks inherited are
// skipped, and nothing is reported when the parent is unknown (the My Drive
// root). A shared-drive folder whose grants were omitted has none of its
// own and carries what it inherits: the comparison looks through it to the
// first folder up the chain that lists its grants, as foldInherited does
// (not through a limited-access one, which inherits nothing). High.
type moreOpenThanFolder struct{}

var share008 = Descriptor{
	ID: "SHARE-008", Severity: model.High,
	Evidence: []string{EvPersonalData, EvParentID, EvParentName},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// Describe implements Check.
func (moreOpenThanFolder) Describe() Descriptor { return share008 }

func (c moreOpenThanFolder) CheckTree(env *Env, tree *Tree, it *model.Item) []model.Finding {
	parent := tree.Parent(it)
	if parent == nil {
		return nil
	}
	listed := parent // the first folder up the chain that lists its grants
	for n := 0; transparent(listed) && !listed.InheritedPermissionsDisabled; n++ {
		if listed = tree.Parent(listed); listed == nil || n > len(tree.folders) {
			return nil // what the folder inherits is unknown
		}
	}
	var out []model.Finding
	for _, p := range sharingGrants(it) {
		if p.Inherited || !exposing(env, p) || coveredBy(listed.Permissions, p) {
			continue
		}
		f := grantFinding(share008.ID, model.High, it, p, itemPersonalData(env, it))
		f.Evidence[EvParentID] = parent.ID
		f.Evidence[EvParentName] = parent.Name
		out = append(out, f)
	}
	return out
}

// coveredBy reports whether one of grants reaches p's principal.
func coveredBy(grants []model.Permission, p model.Permission) bool {
	for _, q := range grants {
		if covers(q, p) {
			return true
		}
	}
	return false
}

package checks

import (
	"cmp"
	"slices"

	"github.com/gwsaudit/gwsaudit/model"
)

// maxPersonalDataItems caps the example names a folder finding lists.
const maxPersonalDataItems = 5

// foldInherited applies "one grant, one finding". A grant finding whose
// resource inherits the grant (each folder up the chain carries the same
// principal with the same or a higher role, and no limited-access folder
// breaks the chain; a shared-drive folder whose grants were omitted is
// looked through) is dropped and counted on the highest such folder that
// has a finding of the same check for that principal. That folder finding
// takes the worst severity it absorbed and lists up to five absorbed names
// with personal data; every folder finding of a grant check gets
// items_reached.
//
// Which findings fold is each check's Descriptor.Rollup (rollups, by check
// ID): SHARE-003 on a form, for one, is never folded, since edit rights on
// a form are its admin view with every response.
func foldInherited(tree *Tree, all []located, rollups map[string]Rollup) []model.Finding {
	type key struct{ check, id, principal string }
	index := map[key]int{}
	for i, l := range all {
		if p := l.f.Principal; p != nil && l.node.IsFolder() {
			index[key{l.f.CheckID, l.node.ID, principalKey(p.Type, p.Email, p.Domain)}] = i
		}
	}
	absorbed := map[int][]int{}
	dropped := make([]bool, len(all))
	for i, l := range all {
		p := l.f.Principal
		rollup := rollups[l.f.CheckID]
		if p == nil || !rollup.folds(l.node.Kind) {
			continue
		}
		grant := model.Permission{Type: p.Type, Email: p.Email, Domain: p.Domain, Role: p.Role}
		pk := principalKey(p.Type, p.Email, p.Domain)
		target := -1
		cur := l.node
		for n := 0; n <= len(tree.folders); n++ {
			if cur.InheritedPermissionsDisabled {
				break
			}
			parent := tree.Parent(cur)
			if parent == nil {
				break
			}
			cur = parent
			if transparent(parent) {
				continue
			}
			if !rollup.carried(parent.Permissions, grant) {
				break
			}
			if j, ok := index[key{l.f.CheckID, parent.ID, pk}]; ok {
				target = j
			}
		}
		if target >= 0 {
			dropped[i] = true
			absorbed[target] = append(absorbed[target], i)
		}
	}
	out := make([]model.Finding, 0, len(all))
	for i, l := range all {
		if dropped[i] {
			continue
		}
		f := l.f
		if f.Principal != nil && l.node.IsFolder() {
			f.Evidence = cloneEvidence(f.Evidence)
			f.Evidence[EvItemsReached] = tree.Reach(l.node.ID)
			var pdItems []model.Finding
			for _, j := range absorbed[i] {
				f.Severity = f.Severity.Raise(all[j].f.Severity)
				if pd, _ := all[j].f.Evidence[EvPersonalData].([]string); len(pd) > 0 {
					pdItems = append(pdItems, all[j].f)
				}
			}
			if len(pdItems) > 0 {
				slices.SortFunc(pdItems, func(a, b model.Finding) int {
					return cmp.Or(cmp.Compare(a.Resource.Path, b.Resource.Path), cmp.Compare(a.Resource.ID, b.Resource.ID))
				})
				var names []string
				for _, x := range pdItems[:min(len(pdItems), maxPersonalDataItems)] {
					names = append(names, x.Resource.Name)
				}
				f.Evidence[EvPersonalDataItems] = names
			}
		}
		out = append(out, f)
	}
	return out
}

// transparent reports whether a folder's grants were not listed because it
// has none of its own: in a shared drive it then carries exactly what it
// inherits, so the walk up looks through it.
func transparent(f *model.Item) bool {
	return f.PermissionsOmitted && f.DriveID != "" && f.Kind == model.KindFolder
}

func cloneEvidence(m map[string]any) map[string]any {
	c := make(map[string]any, len(m)+2)
	for k, v := range m {
		c[k] = v
	}
	return c
}

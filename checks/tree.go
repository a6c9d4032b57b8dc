package checks

import (
	"slices"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// Tree is the folder tree the Engine builds while items stream in: every
// folder and shared drive with its grants, and how many items sit below each.
// Memory grows with folders, not files. A Tree is read-only once built.
type Tree struct {
	folders map[string]*model.Item
	reach   map[string]int
}

// Folder returns the folder or shared drive with the given ID, or nil when
// it was not seen.
func (t *Tree) Folder(id string) *model.Item {
	if t == nil {
		return nil
	}
	return t.folders[id]
}

// Parent returns the folder holding it, or nil when that is unknown (for
// example the My Drive root).
func (t *Tree) Parent(it *model.Item) *model.Item { return t.Folder(it.Parent()) }

// IsBelow reports whether it sits below the folder folderID, at any depth.
func (t *Tree) IsBelow(it *model.Item, folderID string) bool {
	if t == nil || folderID == "" {
		return false
	}
	p := it.Parent()
	for n := 0; p != "" && n <= len(t.folders); n++ {
		if p == folderID {
			return true
		}
		f := t.folders[p]
		if f == nil {
			return false
		}
		p = f.Parent()
	}
	return false
}

// Reach is the number of items below the folder that inherit its grants:
// everything in its subtree except what sits in limited-access subfolders.
func (t *Tree) Reach(folderID string) int {
	if t == nil {
		return 0
	}
	return t.reach[folderID]
}

// Path is the item's location built from folder names, e.g.
// "/予算/2026/患者名簿.xlsx"; shared-drive items start with the drive's name.
// A shared-drive item whose chain up to the drive is broken starts with "…/".
// In My Drive the chain ends at the (unnamed) root.
func (t *Tree) Path(it *model.Item) string {
	names := []string{it.Name}
	cur, partial := it, false
	for n := 0; t != nil && n <= len(t.folders); n++ {
		p := cur.Parent()
		if p == "" {
			break
		}
		f := t.folders[p]
		if f == nil {
			partial = cur.DriveID != "" && cur.Kind != model.KindSharedDrive
			break
		}
		names = append(names, f.Name)
		cur = f
	}
	slices.Reverse(names)
	if partial || (t == nil && it.Parent() != "" && it.DriveID != "") {
		return "…/" + strings.Join(names, "/")
	}
	return "/" + strings.Join(names, "/")
}

// computeReach fills reach from the direct child counts.
func (t *Tree) computeReach(direct map[string]int) {
	kids := map[string][]*model.Item{}
	for _, f := range t.folders {
		if p := f.Parent(); p != "" && t.folders[p] != nil {
			kids[p] = append(kids[p], f)
		}
	}
	t.reach = make(map[string]int, len(t.folders))
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(id string) int
	visit = func(id string) int {
		if state[id] == 2 {
			return t.reach[id]
		}
		if state[id] == 1 { // a cycle: Drive should never have one
			return 0
		}
		state[id] = 1
		n := direct[id]
		for _, c := range kids[id] {
			if c.InheritedPermissionsDisabled {
				n-- // the limited folder and its content do not inherit
				continue
			}
			n += visit(c.ID)
		}
		state[id] = 2
		t.reach[id] = max(n, 0)
		return t.reach[id]
	}
	for id := range t.folders {
		visit(id)
	}
}

package checks

// Tree is the folder tree the Engine builds while items stream in: every
// folder and shared drive with its grants, and how many items sit below each.
// Memory grows with folders, not files.
type Tree struct {
	folders map[string]*Item
}

// Folder returns the folder or shared drive with the given ID, or nil when
// it was not seen.
func (t *Tree) Folder(id string) *Item {
	if t == nil {
		return nil
	}
	return t.folders[id]
}

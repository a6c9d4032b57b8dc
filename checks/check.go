package checks

// Check is one entry of the catalog. Every check implements exactly one of
// ItemCheck or TreeCheck as well.
type Check interface {
	// ID is the stable catalog ID, e.g. "SHARE-002".
	ID() string
	// DefaultSeverity is the severity the catalog lists first.
	DefaultSeverity() Severity
}

// ItemCheck looks at one item on its own. It must be a pure function of its
// arguments: no network, no globals, safe for concurrent use.
type ItemCheck interface {
	Check
	CheckItem(env *Env, it *Item) []Finding
}

// TreeCheck needs the folder tree and the audit log: it runs in
// Engine.Finish over the items the Engine kept.
type TreeCheck interface {
	Check
	CheckTree(env *Env, tree *Tree, it *Item) []Finding
}

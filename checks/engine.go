package checks

import (
	"cmp"
	"slices"
	"sync"

	"github.com/gwsaudit/gwsaudit/model"
)

// Engine runs the checks over a stream of items. Add may be called from many
// goroutines, with items in any order; Finish is called once at the end.
// Memory grows with folders and with exposed items, not with all files.
type Engine struct {
	env        *Env
	itemChecks []ItemCheck
	treeChecks []TreeCheck
	rollups    map[string]Rollup // check ID → its Descriptor.Rollup

	mu       sync.Mutex
	folders  map[string]*model.Item // every folder and shared drive
	direct   map[string]int         // folder ID → number of items directly inside
	kept     []*model.Item          // compact copies of exposed items, for TreeChecks
	found    []located
	copies   int // compact copies made of non-folder items (tests watch it)
	counts   Counts
	finished bool
}

// located is a finding with the compact node of the resource it is about.
type located struct {
	f    model.Finding
	node *model.Item
}

// NewEngine returns an Engine running every check of the Registry. It
// prepares env (see Env.Prepare); env must not change afterwards.
func NewEngine(env *Env) *Engine { return NewEngineWith(env, Registry) }

// NewEngineWith returns an Engine running only the given checks.
func NewEngineWith(env *Env, cs []Check) *Engine {
	if env == nil {
		env = &Env{}
	}
	env.Prepare()
	e := &Engine{env: env, folders: map[string]*model.Item{}, direct: map[string]int{}, rollups: map[string]Rollup{}}
	for _, c := range cs {
		d := c.Describe()
		e.rollups[d.ID] = d.Rollup
		switch c := c.(type) {
		case ItemCheck:
			e.itemChecks = append(e.itemChecks, c)
		case TreeCheck:
			e.treeChecks = append(e.treeChecks, c)
		}
	}
	return e
}

// Add runs the item checks on it and records what Finish needs. It does not
// keep it: the caller may reuse it once Add returns. Calls after Finish are
// ignored.
func (e *Engine) Add(it *model.Item) {
	if it == nil || it.ID == "" {
		return
	}
	var fs []model.Finding
	for _, c := range e.itemChecks {
		fs = append(fs, c.CheckItem(e.env, it)...)
	}
	keep := !it.IsFolder() && e.exposed(it)
	var node, folder, sheet *model.Item
	if it.IsFolder() {
		folder = e.compact(it, true)
		node = folder
	} else if keep || len(fs) > 0 {
		node = e.compact(it, false)
	}
	var out []located
	for _, f := range fs {
		n := node
		if f.Resource.ID != it.ID {
			if it.Form != nil && it.Form.LinkedSheet != nil && f.Resource.ID == it.Form.LinkedSheet.ID {
				if sheet == nil {
					sheet = e.compact(it.Form.LinkedSheet, false)
				}
				n = sheet
			} else {
				n = &model.Item{ID: f.Resource.ID, Name: f.Resource.Name, Kind: f.Resource.Kind, DriveID: f.Resource.DriveID}
			}
		}
		out = append(out, located{f, n})
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.finished {
		return
	}
	if p := it.Parent(); p != "" {
		e.direct[p]++
	}
	e.counts.add(it)
	if folder != nil {
		e.folders[it.ID] = folder
	}
	if keep {
		e.kept = append(e.kept, node)
	}
	if node != nil && folder == nil {
		e.copies++
	}
	if sheet != nil {
		e.copies++
	}
	e.found = append(e.found, out...)
}

// exposed reports whether a TreeCheck may need the item: it has an anyone,
// domain or outside grant, or a grant to a principal named in a revocation.
func (e *Engine) exposed(it *model.Item) bool {
	for _, p := range it.Permissions {
		if isSharingGrant(p) && (exposing(e.env, p) || e.env.revoked(p)) {
			return true
		}
	}
	return false
}

// compact copies what the tree checks and paths need. A folder keeps all its
// sharing grants (and grants to deleted accounts, for their roll-up),
// another item only the exposed ones.
func (e *Engine) compact(it *model.Item, folder bool) *model.Item {
	c := &model.Item{ID: it.ID, Name: it.Name, MimeType: it.MimeType, Kind: it.Kind, URL: it.URL, Owner: it.Owner,
		DriveID: it.DriveID, Parents: slices.Clone(it.Parents), InheritedPermissionsDisabled: it.InheritedPermissionsDisabled,
		PermissionsOmitted: it.PermissionsOmitted}
	for _, p := range it.Permissions {
		if folder && isDeletedGrant(p) || isSharingGrant(p) && (folder || exposing(e.env, p) || e.env.revoked(p)) {
			c.Permissions = append(c.Permissions, p)
		}
	}
	return c
}

// Finish runs the tree checks, folds inherited grants into one finding on the
// highest folder that carries them, fills paths and shared-drive names and
// managers, and returns the findings
// sorted by severity (worst first), check ID, path, resource ID and principal.
// Only the first call returns findings.
func (e *Engine) Finish() []model.Finding {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.finished {
		return nil
	}
	e.finished = true
	tree := &Tree{folders: e.folders}
	tree.computeReach(e.direct)

	nodes := slices.Clone(e.kept)
	for _, f := range e.folders {
		nodes = append(nodes, f)
	}
	slices.SortFunc(nodes, func(a, b *model.Item) int { return cmp.Compare(a.ID, b.ID) })
	all := e.found
	for _, c := range e.treeChecks {
		for _, n := range nodes {
			for _, f := range c.CheckTree(e.env, tree, n) {
				all = append(all, located{f, n})
			}
		}
	}
	all = dedupFingerprints(all)
	for i := range all {
		all[i].f.Resource.Path = tree.Path(all[i].node)
		fillDrive(tree, &all[i].f.Resource)
	}
	out := foldInherited(tree, all, e.rollups)
	slices.SortFunc(out, compareFindings)
	e.found, e.kept = nil, nil
	return out
}

// dedupFingerprints keeps one finding per fingerprint, the most severe.
func dedupFingerprints(all []located) []located {
	at := map[string]int{}
	out := all[:0:0]
	for _, l := range all {
		if i, ok := at[l.f.Fingerprint]; ok {
			if l.f.Severity > out[i].f.Severity {
				out[i] = l
			}
			continue
		}
		at[l.f.Fingerprint] = len(out)
		out = append(out, l)
	}
	return out
}

func compareFindings(a, b model.Finding) int {
	if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
		return c
	}
	if c := cmp.Compare(a.CheckID, b.CheckID); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Resource.Path, b.Resource.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Resource.ID, b.Resource.ID); c != 0 {
		return c
	}
	var pa, pb model.Principal
	if a.Principal != nil {
		pa = *a.Principal
	}
	if b.Principal != nil {
		pb = *b.Principal
	}
	return cmp.Or(cmp.Compare(pa.Type, pb.Type), cmp.Compare(pa.Email, pb.Email),
		cmp.Compare(pa.Domain, pb.Domain), cmp.Compare(pa.Role, pb.Role))
}

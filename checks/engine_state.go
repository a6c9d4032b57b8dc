package checks

import (
	"maps"

	"github.com/gwsaudit/gwsaudit/model"
)

// EngineState is what an Engine has gathered before Finish: the folder tree,
// child counts, the items kept for tree checks and the item findings. It is
// plain data (gob- and JSON-encodable) so that a run can be checkpointed and
// resumed.
type EngineState struct {
	Folders []*model.Item
	Direct  map[string]int
	Kept    []*model.Item
	Found   []StateFinding
	Copies  int
	Counts  Counts
}

// Counts say how many items and forms an Engine was given: the coverage
// numbers of a report.
type Counts struct {
	Items int             // Drive items (shared drives themselves excluded)
	Forms model.FormCount // forms, and those whose settings were read
}

func (c *Counts) add(it *model.Item) {
	if it.Kind == model.KindSharedDrive || it.Kind == model.KindGroup {
		return
	}
	c.Items++
	if it.Kind == model.KindForm {
		c.Forms.Total++
		if it.Form != nil && it.Form.Page != nil {
			c.Forms.Verified++
		}
	}
}

func (c *Counts) merge(o Counts) {
	c.Items += o.Items
	c.Forms.Total += o.Forms.Total
	c.Forms.Verified += o.Forms.Verified
}

// Counts returns how many items and forms e was given.
func (e *Engine) Counts() Counts {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.counts
}

// StateFinding is a finding with the compact node of its resource.
type StateFinding struct {
	Finding model.Finding
	Node    *model.Item
}

// Fork returns an empty Engine with e's env and checks. Items added to it
// reach e only through Merge: a walk that fails half-way, or a process
// killed mid-walk, leaves e untouched.
func (e *Engine) Fork() *Engine {
	return &Engine{env: e.env, itemChecks: e.itemChecks, treeChecks: e.treeChecks,
		folders: map[string]*model.Item{}, direct: map[string]int{}}
}

// Merge adds everything child gathered to e. child must not be used after.
func (e *Engine) Merge(child *Engine) {
	child.mu.Lock()
	defer child.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.finished {
		return
	}
	maps.Copy(e.folders, child.folders)
	for id, n := range child.direct {
		e.direct[id] += n
	}
	e.kept = append(e.kept, child.kept...)
	e.found = append(e.found, child.found...)
	e.copies += child.copies
	e.counts.merge(child.counts)
	child.finished = true
}

// State returns a copy of what e has gathered.
func (e *Engine) State() EngineState {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := EngineState{Direct: maps.Clone(e.direct), Kept: append([]*model.Item(nil), e.kept...), Copies: e.copies, Counts: e.counts}
	for _, f := range e.folders {
		s.Folders = append(s.Folders, f)
	}
	for _, l := range e.found {
		s.Found = append(s.Found, StateFinding{Finding: l.f, Node: l.node})
	}
	return s
}

// Restore adds a saved state to e (normally a fresh Engine).
func (e *Engine) Restore(s EngineState) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, f := range s.Folders {
		e.folders[f.ID] = f
	}
	for id, n := range s.Direct {
		e.direct[id] += n
	}
	e.kept = append(e.kept, s.Kept...)
	for _, f := range s.Found {
		e.found = append(e.found, located{f: f.Finding, node: f.Node})
	}
	e.copies += s.Copies
	e.counts.merge(s.Counts)
}

package checks

import "maps"

// EngineState is what an Engine has gathered before Finish: the folder tree,
// child counts, the items kept for tree checks and the item findings. It is
// plain data (gob- and JSON-encodable) so that a run can be checkpointed and
// resumed.
type EngineState struct {
	Folders []*Item
	Direct  map[string]int
	Kept    []*Item
	Found   []StateFinding
	Copies  int
}

// StateFinding is a finding with the compact node of its resource.
type StateFinding struct {
	Finding Finding
	Node    *Item
}

// Fork returns an empty Engine with e's env and checks. Items added to it
// reach e only through Merge: a walk that fails half-way, or a process
// killed mid-walk, leaves e untouched.
func (e *Engine) Fork() *Engine {
	return &Engine{env: e.env, itemChecks: e.itemChecks, treeChecks: e.treeChecks,
		folders: map[string]*Item{}, direct: map[string]int{}}
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
	child.finished = true
}

// State returns a copy of what e has gathered.
func (e *Engine) State() EngineState {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := EngineState{Direct: maps.Clone(e.direct), Kept: append([]*Item(nil), e.kept...), Copies: e.copies}
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
}

package auditor

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/checks"
)

// checkpointVersion changes when the checkpoint layout does.
const checkpointVersion = 2

// defaultCheckpointEvery bounds how often a checkpoint is written.
const defaultCheckpointEvery = 5 * time.Second

// checkpoint is what a killed run leaves behind so that --resume can finish
// it: the walks (users, shared drives) that completed, the gaps they met and
// everything they gave the checks. Walks in progress are not in it: each walk
// feeds a forked Engine that is merged only when the walk ends.
type checkpoint struct {
	Version int
	Admin   string
	Domain  string
	SavedAt time.Time
	// Options fingerprints the options that change findings (findingOptions).
	Options map[string]string
	Done    map[string]bool
	Gaps    []checks.Gap
	Engine  checks.EngineState
}

func userTask(email string) string { return "user:" + email }
func driveTask(id string) string   { return "drive:" + id }

// taskKeyOf names the walk an item belongs to: its shared drive, or its
// owner's My Drive.
func taskKeyOf(it *checks.Item) string {
	if it.DriveID != "" {
		return driveTask(it.DriveID)
	}
	return userTask(it.Owner)
}

// runTask runs one walk on a fork of engine and merges it when the walk
// ends — also when it ended in a gap, whose partial findings are real — but
// not when the run was interrupted. A walk a resumed run already did is
// skipped.
func (a *auditor) runTask(ctx context.Context, key string, engine *checks.Engine, walk func(context.Context, *checks.Engine)) {
	a.mu.Lock()
	skip := a.done[key]
	a.mu.Unlock()
	if skip {
		return
	}
	child := engine.Fork()
	walk(ctx, child)
	if ctx.Err() != nil {
		return
	}
	a.ckptMu.Lock()
	engine.Merge(child)
	a.mu.Lock()
	a.done[key] = true
	a.mu.Unlock()
	a.ckptMu.Unlock()
	a.saveCheckpoint(engine, false)
}

// saveCheckpoint writes the checkpoint (at most every checkpointEvery unless
// final). A failure to write is logged, not fatal: the run goes on.
func (a *auditor) saveCheckpoint(engine *checks.Engine, final bool) {
	if a.opts.Checkpoint == "" {
		return
	}
	a.ckptMu.Lock()
	now := time.Now()
	every := a.opts.CheckpointEvery
	if every == 0 {
		every = defaultCheckpointEvery
	}
	if !final && now.Sub(a.ckptSaved) < every {
		a.ckptMu.Unlock()
		return
	}
	a.ckptSaved = now
	cp := checkpoint{Version: checkpointVersion, Admin: a.opts.Admin, Domain: a.domain, SavedAt: now.UTC(),
		Options: findingOptions(a.opts), Done: map[string]bool{}, Engine: engine.State()}
	a.mu.Lock()
	for k := range a.done {
		cp.Done[k] = true
	}
	for _, g := range a.gaps {
		if g.Task != "" && a.done[g.Task] {
			cp.Gaps = append(cp.Gaps, g)
		}
	}
	a.mu.Unlock()
	a.ckptMu.Unlock()
	if err := writeCheckpoint(a.opts.Checkpoint, &cp); err != nil {
		a.log.Warn().Err(err).Str("path", a.opts.Checkpoint).Msg("checkpoint not written")
	}
}

// writeCheckpoint replaces path atomically (temp file, rename), mode 0600.
func writeCheckpoint(path string, cp *checkpoint) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".gwsaudit-checkpoint-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := gob.NewEncoder(f).Encode(cp); err != nil {
		f.Close()
		return fmt.Errorf("encode checkpoint: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// loadCheckpoint restores a checkpoint into a, if one exists for this
// tenant and admin. It returns how many walks it restored.
func (a *auditor) loadCheckpoint(engine *checks.Engine) (int, error) {
	f, err := os.Open(a.opts.Checkpoint)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("open checkpoint: %w", err)
	}
	defer f.Close()
	var cp checkpoint
	if err := gob.NewDecoder(f).Decode(&cp); err != nil {
		return 0, fmt.Errorf("checkpoint %s is unreadable (delete it to start over): %w", a.opts.Checkpoint, err)
	}
	switch {
	case cp.Version != checkpointVersion:
		return 0, fmt.Errorf("checkpoint %s was written by another version of gwsaudit: delete it to start over", a.opts.Checkpoint)
	case !strings.EqualFold(cp.Admin, a.opts.Admin) || cp.Domain != a.domain:
		return 0, fmt.Errorf("checkpoint %s belongs to %s as %s, not %s as %s: pass another --checkpoint or delete it",
			a.opts.Checkpoint, cp.Domain, cp.Admin, a.domain, a.opts.Admin)
	}
	if diff := optionsDiffer(cp.Options, findingOptions(a.opts)); len(diff) > 0 {
		return 0, fmt.Errorf("checkpoint %s: options differ from the interrupted run: %s; resume with the same options, or delete the checkpoint to start over",
			a.opts.Checkpoint, strings.Join(diff, ", "))
	}
	engine.Restore(cp.Engine)
	a.mu.Lock()
	defer a.mu.Unlock()
	failed := map[string]bool{}
	for _, g := range cp.Gaps {
		a.gaps = append(a.gaps, g)
		if g.Scope == checks.ScopeUser || g.Scope == checks.ScopeSharedDrive {
			failed[g.Task] = true
		}
	}
	for k := range cp.Done {
		a.done[k] = true
		switch {
		case failed[k]:
		case strings.HasPrefix(k, "user:"):
			a.usersOK++
			a.usersDone++
		case strings.HasPrefix(k, "drive:"):
			a.drivesOK++
			a.drivesDone++
		}
	}
	return len(cp.Done), nil
}

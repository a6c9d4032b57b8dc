package auditor

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// checkpointVersion changes when the checkpoint layout does.
const checkpointVersion = 3

// The checkpoint is what a killed run leaves behind so that --resume can
// finish it: a journal, one gob stream of a checkpointHeader and then one
// checkpointWalks record per walk (user, shared drive) as it finishes,
// holding what the walk gave the checks and the gaps it met. Appending a
// walk costs what the walk gathered, not the whole run's state, so every
// walk is saved the moment it ends, and a run killed at any point loses
// only the walks in progress. A record cut short by the kill is ignored.
type checkpointHeader struct {
	Version int
	Admin   string
	Domain  string
	SavedAt time.Time
	// Options fingerprints the options that change findings (findingOptions).
	Options map[string]string
}

// checkpointWalks is what finished walks gave the checks: one walk, or
// every walk a resumed run started from.
type checkpointWalks struct {
	Done   []string
	Gaps   []model.Gap
	Engine checks.EngineState
}

// checkpoint is a journal read back: its header and its walks together.
type checkpoint struct {
	checkpointHeader
	Done   map[string]bool
	Gaps   []model.Gap
	Engine []checks.EngineState
}

func userTask(email string) string { return "user:" + email }
func driveTask(id string) string   { return "drive:" + id }

// taskKeyOf names the walk an item belongs to: its shared drive, or its
// owner's My Drive.
func taskKeyOf(it *model.Item) string {
	if it.DriveID != "" {
		return driveTask(it.DriveID)
	}
	return userTask(it.Owner)
}

// runTask runs one walk on a fork of engine and merges it when the walk
// ends — also when it ended in a gap, whose partial findings are real — but
// not when the run was interrupted; a merged walk is appended to the
// checkpoint. A walk a resumed run already did is skipped.
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
	defer a.ckptMu.Unlock()
	var rec *checkpointWalks
	if a.ckptEnc != nil {
		rec = &checkpointWalks{Done: []string{key}, Engine: child.State()}
	}
	engine.Merge(child)
	a.mu.Lock()
	a.done[key] = true
	if rec != nil {
		for _, g := range a.gaps {
			if g.Task == key {
				rec.Gaps = append(rec.Gaps, g)
			}
		}
	}
	a.mu.Unlock()
	if rec != nil {
		a.appendCheckpoint(rec)
	}
}

// startCheckpoint begins the run's checkpoint: the header, and the walks a
// resumed run starts from (restored into engine), written to a new file
// that replaces the old one; walks are appended as they finish. A failure
// to write is logged, not fatal: the run goes on without a checkpoint.
// The returned func closes the file.
func (a *auditor) startCheckpoint(engine *checks.Engine) (closeFile func()) {
	if a.opts.Checkpoint == "" {
		return func() {}
	}
	f, enc, err := createCheckpoint(a.opts.Checkpoint, a.header())
	if err == nil {
		rec := checkpointWalks{Engine: engine.State()}
		a.mu.Lock()
		for k := range a.done {
			rec.Done = append(rec.Done, k)
		}
		for _, g := range a.gaps {
			if g.Task != "" && a.done[g.Task] {
				rec.Gaps = append(rec.Gaps, g)
			}
		}
		a.mu.Unlock()
		if err = enc.Encode(&rec); err == nil {
			err = renameCheckpoint(f, a.opts.Checkpoint)
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
	if err != nil {
		a.log.Warn().Err(err).Str("path", a.opts.Checkpoint).Msg("checkpoint not written: a killed run will have to start over")
		return func() {}
	}
	a.ckptMu.Lock()
	a.ckptFile, a.ckptEnc = f, enc
	a.ckptMu.Unlock()
	return func() {
		a.ckptMu.Lock()
		defer a.ckptMu.Unlock()
		if a.ckptFile != nil {
			a.ckptFile.Close()
			a.ckptFile, a.ckptEnc = nil, nil
		}
	}
}

func (a *auditor) header() *checkpointHeader {
	return &checkpointHeader{Version: checkpointVersion, Admin: a.opts.Admin, Domain: a.domain,
		SavedAt: time.Now().UTC(), Options: findingOptions(a.opts)}
}

// appendCheckpoint adds rec to the checkpoint; ckptMu is held. After a
// failure to write, the checkpoint is left as it is.
func (a *auditor) appendCheckpoint(rec *checkpointWalks) {
	if err := a.ckptEnc.Encode(rec); err != nil {
		a.log.Warn().Err(err).Str("path", a.opts.Checkpoint).Msg("checkpoint not written further: a resumed run will repeat the walks that finish from now on")
		a.ckptFile.Close()
		a.ckptFile, a.ckptEnc = nil, nil
	}
}

// createCheckpoint opens a temporary file (mode 0600) beside path with h
// written, for renameCheckpoint to put in place.
func createCheckpoint(path string, h *checkpointHeader) (*os.File, *gob.Encoder, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("checkpoint folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".gwsaudit-checkpoint-*")
	if err != nil {
		return nil, nil, fmt.Errorf("create checkpoint: %w", err)
	}
	enc := gob.NewEncoder(f)
	if err := enc.Encode(h); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, nil, fmt.Errorf("encode checkpoint: %w", err)
	}
	return f, enc, nil
}

// renameCheckpoint puts the file f in place of path, atomically.
func renameCheckpoint(f *os.File, path string) error {
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("replace checkpoint: %w", err)
	}
	return nil
}

// readCheckpoint reads a checkpoint journal: its header and every whole
// record (a last record cut short is left out).
func readCheckpoint(path string) (*checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := gob.NewDecoder(f)
	cp := &checkpoint{Done: map[string]bool{}}
	if err := dec.Decode(&cp.checkpointHeader); err != nil {
		return nil, fmt.Errorf("checkpoint %s is unreadable (delete it to start over): %w", path, err)
	}
	if cp.Version != checkpointVersion {
		return cp, nil
	}
	for {
		var rec checkpointWalks
		if err := dec.Decode(&rec); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return cp, nil
			}
			return nil, fmt.Errorf("checkpoint %s is damaged (delete it to start over): %w", path, err)
		}
		for _, k := range rec.Done {
			cp.Done[k] = true
		}
		cp.Gaps = append(cp.Gaps, rec.Gaps...)
		cp.Engine = append(cp.Engine, rec.Engine)
	}
}

// loadCheckpoint restores a checkpoint into a, if one exists for this
// tenant, admin and options. It returns how many walks it restored.
func (a *auditor) loadCheckpoint(engine *checks.Engine) (int, error) {
	cp, err := readCheckpoint(a.opts.Checkpoint)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
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
	for _, s := range cp.Engine {
		engine.Restore(s)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	failed := map[string]bool{}
	for _, g := range cp.Gaps {
		a.gaps = append(a.gaps, g)
		if g.Scope == model.ScopeUser || g.Scope == model.ScopeSharedDrive {
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

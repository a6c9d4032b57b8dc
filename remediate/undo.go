package remediate

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// UndoOptions configure fix undo.
type UndoOptions struct {
	Actions []int // only these plan actions; all when empty
	Log     zerolog.Logger
}

// Undo recreates every grant the journal says apply removed (and that no
// earlier undo restored), journaling each step. A principal that has
// access again, in whatever form, is left as it is and reported.
func Undo(ctx context.Context, d Drive, j *Journal, o UndoOptions) (*Outcome, error) {
	recs := j.Records()
	if len(recs) == 0 {
		return nil, usererr.New(usererr.JournalEmpty)
	}
	removed := lastByAction(recs, OpRemoved)
	closed := lastByAction(recs, OpRestored, OpUndoSkip)
	intents := lastByAction(recs, OpRestoring)
	for _, id := range o.Actions {
		if _, ok := removed[id]; !ok {
			return nil, usererr.New(usererr.JournalNoAction, id)
		}
	}
	ids := make([]int, 0, len(removed))
	for id := range removed {
		if len(o.Actions) == 0 || slices.Contains(o.Actions, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := &Outcome{}
	for _, id := range ids {
		r := removed[id]
		if c, ok := closed[id]; ok && c.Seq > r.Seq {
			out.Already++
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("fix undo interrupted (rerun it to finish): %w", err)
		}
		var intent *Record
		if in, ok := intents[id]; ok && in.Seq > r.Seq {
			intent = &in
		}
		rec, err := undoOne(ctx, d, j, r, intent)
		if err != nil {
			if ctx.Err() != nil {
				return out, fmt.Errorf("fix undo interrupted (rerun it to finish): %w", ctx.Err())
			}
			var jerr *journalError
			if errors.As(err, &jerr) || errors.Is(err, ErrNotDelegated) {
				return out, err
			}
			rec = Record{Op: OpFailed, Action: id, ItemID: r.ItemID, ItemName: r.ItemName, Actor: r.Actor, Reason: err.Error()}
			o.Log.Warn().Int("action", id).Str("item", r.ItemID).Err(err).Msg("fix undo: restore failed; a rerun retries it")
		}
		if err := j.Append(rec); err != nil {
			return out, err
		}
		tally(out, rec)
		o.Log.Info().Int("action", id).Str("item", r.ItemID).Str("op", rec.Op).Msg("fix undo")
	}
	return out, nil
}

// undoOne recreates the grant r removed, unless its principal has access
// again.
func undoOne(ctx context.Context, d Drive, j *Journal, r Record, intent *Record) (Record, error) {
	t := Target{ItemID: r.ItemID, Actor: r.Actor, AdminAccess: r.AdminAccess}
	base := Record{Action: r.Action, ItemID: r.ItemID, ItemName: r.ItemName, DriveID: r.DriveID, Actor: r.Actor, AdminAccess: r.AdminAccess}
	grants, err := d.Grants(ctx, t)
	if err != nil {
		return base, fmt.Errorf("read the permissions of %s: %w", r.ItemID, err)
	}
	want := *r.Permission
	if cur := findGrant(grants, want); cur != nil {
		same := cur.Role == want.Role && cur.AllowFileDiscovery == want.AllowFileDiscovery
		if same && intent != nil {
			// Recreated by the run that crashed before journaling it.
			base.Op, base.Permission = OpRestored, cur
			return base, nil
		}
		base.Op, base.Code, base.Permission = OpUndoSkip, UndoPresent, cur
		base.Reason = fmt.Sprintf("%s has access again (role %s): left as it is", describe(*cur), cur.Role)
		return base, nil
	}
	rec := base
	rec.Op, rec.Permission = OpRestoring, &want
	if err := j.Append(rec); err != nil {
		return base, &journalError{err}
	}
	made, err := d.Create(ctx, t, want)
	if err != nil {
		return base, fmt.Errorf("restore %s on %s: %w", describe(want), r.ItemID, err)
	}
	base.Op, base.Permission = OpRestored, &made
	return base, nil
}

package remediate

import (
	"context"
	"errors"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
)

// ApplyOptions configure fix apply.
type ApplyOptions struct {
	Admin string // acts for shared drives' members (useDomainAdminAccess)
	Log   zerolog.Logger
	// AfterAction, when set, is called after each action's outcome is
	// journaled (tests stop a run there to resume it).
	AfterAction func(done int)
}

// Outcome counts what a run of apply or undo did.
type Outcome struct {
	Changed int      // removed (apply) or restored (undo)
	Gone    int      // already as wanted: nothing to do
	Skipped []Record // left alone, with the reason
	Failed  []Record // Drive refused; a rerun tries again
	Already int      // finished by an earlier run (journal)
}

// Apply carries out the plan's actions that the journal has not finished.
// Each grant is read again first and changed only if Drive still shows it
// as the plan saw it.
func Apply(ctx context.Context, d Drive, p *Plan, planSHA string, j *Journal, o ApplyOptions) (*Outcome, error) {
	if err := beginJournal(j, p, planSHA); err != nil {
		return nil, err
	}
	final := lastByAction(j.Records(), OpRemoved, OpGone, OpSkipped)
	intents := lastByAction(j.Records(), OpRemoving)
	managers := map[string]string{}
	out := &Outcome{}
	done := 0
	for i := range p.Actions {
		a := &p.Actions[i]
		if _, ok := final[a.ID]; ok {
			out.Already++
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("fix apply interrupted after %d actions (rerun it with the same --journal to finish): %w", done, err)
		}
		t, err := targetOf(ctx, d, a, o.Admin, managers)
		var rec Record
		if err == nil {
			var intent *Record
			if r, ok := intents[a.ID]; ok {
				intent = &r
			}
			rec, err = applyOne(ctx, d, j, a, t, intent)
		}
		if err != nil {
			if ctx.Err() != nil {
				return out, fmt.Errorf("fix apply interrupted (rerun it with the same --journal to finish): %w", ctx.Err())
			}
			var jerr *journalError
			if errors.As(err, &jerr) || errors.Is(err, ErrNotDelegated) {
				return out, err
			}
			rec = Record{Op: OpFailed, Action: a.ID, ItemID: a.ItemID, ItemName: a.ItemName, Actor: t.Actor, Reason: err.Error()}
			o.Log.Warn().Int("action", a.ID).Str("item", a.ItemID).Err(err).Msg("fix apply: change failed; a rerun retries it")
		}
		if err := j.Append(rec); err != nil {
			return out, err
		}
		tally(out, rec)
		o.Log.Info().Int("action", a.ID).Str("item", a.ItemID).Str("op", rec.Op).Str("code", rec.Code).Msg("fix apply")
		done++
		if o.AfterAction != nil {
			o.AfterAction(done)
		}
	}
	return out, nil
}

// journalError is a failure to write the journal: nothing more may change.
type journalError struct{ err error }

func (e *journalError) Error() string { return e.err.Error() }
func (e *journalError) Unwrap() error { return e.err }

// beginJournal starts a new journal, or checks that an existing one
// applies the same plan.
func beginJournal(j *Journal, p *Plan, planSHA string) error {
	recs := j.Records()
	if len(recs) == 0 {
		return j.Append(Record{Op: OpBegin, Schema: JournalSchema, PlanSHA256: planSHA, Tenant: p.Tenant.PrimaryDomain})
	}
	if recs[0].PlanSHA256 != planSHA {
		return usererr.New(usererr.JournalOtherPlan)
	}
	return nil
}

// targetOf says as whom an action's item is changed.
func targetOf(ctx context.Context, d Drive, a *Action, admin string, managers map[string]string) (Target, error) {
	switch {
	case a.Kind == KindRemoveMember:
		return Target{ItemID: a.ItemID, Actor: admin, AdminAccess: true}, nil
	case a.DriveID != "":
		m, ok := managers[a.DriveID]
		if !ok {
			var err error
			if m, err = d.Manager(ctx, a.DriveID); err != nil {
				return Target{ItemID: a.ItemID}, fmt.Errorf("find a manager of shared drive %s: %w", a.DriveID, err)
			}
			managers[a.DriveID] = m
		}
		return Target{ItemID: a.ItemID, Actor: m}, nil
	case a.Owner == "":
		return Target{ItemID: a.ItemID}, errors.New("the plan names no owner to act as")
	}
	return Target{ItemID: a.ItemID, Actor: a.Owner}, nil
}

// applyOne re-reads the item's grants and removes the planned one if it
// is unchanged. intent is an earlier run's "removing" record, if any.
func applyOne(ctx context.Context, d Drive, j *Journal, a *Action, t Target, intent *Record) (Record, error) {
	base := Record{Action: a.ID, ItemID: a.ItemID, ItemName: a.ItemName, DriveID: a.DriveID, Actor: t.Actor, AdminAccess: t.AdminAccess}
	grants, err := d.Grants(ctx, t)
	if err != nil {
		return base, fmt.Errorf("read the permissions of %s: %w", a.ItemID, err)
	}
	cur := findGrant(grants, a.Permission)
	if cur == nil {
		if intent != nil {
			// Removed by the run that crashed before journaling it.
			base.Op, base.Permission = OpRemoved, intent.Permission
			return base, nil
		}
		base.Op = OpGone
		return base, nil
	}
	if why := differs(a, cur); why != "" {
		base.Op, base.Code, base.Reason, base.Permission = OpSkipped, SkipChanged, why, cur
		return base, nil
	}
	if cur.Inherited {
		base.Op, base.Code, base.Permission = OpSkipped, SkipInherited, cur
		base.Reason = fmt.Sprintf("the grant comes from %s: Drive removes it only there", cur.InheritedFrom)
		return base, nil
	}
	rec := base
	rec.Op, rec.Permission = OpRemoving, cur
	if err := j.Append(rec); err != nil {
		return base, &journalError{err}
	}
	if err := d.Delete(ctx, t, cur.ID); err != nil {
		if errors.Is(err, ErrInheritedGrant) {
			base.Op, base.Code, base.Permission = OpSkipped, SkipInherited, cur
			base.Reason = "the grant comes from a folder above the item: plan that folder's finding to remove it"
			return base, nil
		}
		return base, fmt.Errorf("remove %s from %s: %w", describe(*cur), a.ItemID, err)
	}
	base.Op, base.Permission = OpRemoved, cur
	return base, nil
}

// findGrant returns the sharing grant of want's principal, or nil.
func findGrant(grants []model.Permission, want model.Permission) *model.Permission {
	for i := range grants {
		g := grants[i]
		if g.View == "" && principalKey(g) == principalKey(want) {
			return &g
		}
	}
	return nil
}

// differs says how the grant Drive shows differs from the plan's, or "".
func differs(a *Action, cur *model.Permission) string {
	if cur.Role != a.Permission.Role {
		return fmt.Sprintf("role is %s now, the audit saw %s", cur.Role, a.Permission.Role)
	}
	if a.DiscoveryKnown && cur.AllowFileDiscovery != a.Permission.AllowFileDiscovery {
		return fmt.Sprintf("allowFileDiscovery is %t now, the audit saw %t", cur.AllowFileDiscovery, a.Permission.AllowFileDiscovery)
	}
	return ""
}

// describe names a grant for messages.
func describe(p model.Permission) string {
	who := p.Type
	switch {
	case p.Email != "":
		who = p.Email
	case p.Domain != "":
		who = "domain " + p.Domain
	}
	return fmt.Sprintf("%s (%s)", who, p.Role)
}

func tally(out *Outcome, rec Record) {
	switch rec.Op {
	case OpRemoved, OpRestored:
		out.Changed++
	case OpGone:
		out.Gone++
	case OpSkipped, OpUndoSkip:
		out.Skipped = append(out.Skipped, rec)
	case OpFailed:
		out.Failed = append(out.Failed, rec)
	}
}

package auditor

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/checks"
)

// Task kinds: what one unit of the walk covers.
const (
	TaskUser  = "user"  // a user's My Drive, walked as that user
	TaskDrive = "drive" // a shared drive, walked as one of its members
)

// Task is one unit of the walk: a user's My Drive or a shared drive.
type Task struct {
	Kind string // TaskUser or TaskDrive
	ID   string // the user's address or the shared drive's ID
	As   string // the user the walk acted as
}

// Key names the task in a store: "user:sato@example.jp", "drive:0AB…".
func (t Task) Key() string { return t.Kind + ":" + t.ID }

// Inventory receives what a run saw, so that a later run can be
// incremental. Set Options.Inventory to record a full run. Methods are
// called from many goroutines; an implementation keeps its first error
// and reports it when the caller commits the inventory.
type Inventory interface {
	// ItemSeen is called once per item with its grants and form settings
	// complete (a shared drive itself included). it must not be kept: copy
	// or serialise it before returning.
	ItemSeen(t Task, it *checks.Item)
	// TaskDone is called when a task was walked completely; startToken is
	// the Drive changes token taken before the walk began.
	TaskDone(t Task, startToken string)
	// AuditLogRead is called when the whole Drive audit-log window was read.
	AuditLogRead(until time.Time, revs []checks.Revocation)
}

// itemSeen hands an item to the inventory, if any.
func (a *auditor) itemSeen(t Task, it *checks.Item) {
	if a.opts.Inventory != nil {
		a.opts.Inventory.ItemSeen(t, it)
	}
}

// taskDone tells the inventory that a task was walked completely.
func (a *auditor) taskDone(t Task, startToken string) {
	if a.opts.Inventory != nil {
		a.opts.Inventory.TaskDone(t, startToken)
	}
}

// startToken takes the Drive changes start token of a user (driveID "") or
// a shared drive before walking it, when an inventory is recorded. Changes
// made during the walk are then seen again by the next incremental run,
// which is harmless: applying a change twice gives the same state.
func (a *auditor) startToken(ctx context.Context, uc *userClients, driveID string) (string, error) {
	if a.opts.Inventory == nil {
		return "", nil
	}
	var tok *drive.StartPageToken
	err := a.call(ctx, apiDrive, "drive.changes.getStartPageToken", func() error {
		call := uc.drive.Changes.GetStartPageToken().Context(ctx)
		if driveID != "" {
			call = call.DriveId(driveID).SupportsAllDrives(true)
		}
		var err error
		tok, err = call.Do()
		return err
	})
	if err != nil {
		return "", fmt.Errorf("changes.getStartPageToken: %w", err)
	}
	return tok.StartPageToken, nil
}

// taskOf is the task an item walked as uc belongs to.
func taskOf(uc *userClients, it *checks.Item) Task {
	if it.DriveID != "" {
		return Task{Kind: TaskDrive, ID: it.DriveID, As: uc.subject}
	}
	return Task{Kind: TaskUser, ID: uc.subject, As: uc.subject}
}

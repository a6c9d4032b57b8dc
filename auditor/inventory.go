package auditor

import (
	"context"
	"fmt"

	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/model"
)

// itemSeen hands an item to the inventory, if any.
func (a *auditor) itemSeen(t model.Task, it *model.Item) {
	if a.opts.Inventory != nil {
		a.opts.Inventory.ItemSeen(t, it)
	}
}

// taskDone tells the inventory that a task was walked completely.
func (a *auditor) taskDone(t model.Task, startToken string) {
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
func taskOf(uc *userClients, it *model.Item) model.Task {
	if it.DriveID != "" {
		return model.Task{Kind: model.TaskDrive, ID: it.DriveID, As: uc.subject}
	}
	return model.Task{Kind: model.TaskUser, ID: uc.subject, As: uc.subject}
}

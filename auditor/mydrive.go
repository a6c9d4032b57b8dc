package auditor

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// myDriveQuery lists each item once, by its owner.
const myDriveQuery = "'me' in owners and trashed = false"

// auditUser walks one user's My Drive as that user. Failures become a gap
// for the user; items already checked stay checked.
func (a *auditor) auditUser(ctx context.Context, user string, engine *checks.Engine) {
	var start string
	uc, err := a.newUserClients(ctx, user)
	if err == nil {
		start, err = a.startToken(ctx, uc, "")
	}
	if err == nil {
		err = a.walkMyDrive(ctx, uc, engine)
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		a.addGap(refineGap(model.Gap{Scope: model.ScopeUser, ID: user, Task: userTask(user), Code: model.GapUserWalkFailed,
			Reason: explain(err, "list My Drive", user, a.opts.Credentials).Error(),
			Action: "fix the access problem named in the reason and run the audit again"}, err))
		return
	}
	a.taskDone(model.Task{Kind: model.TaskUser, ID: user, As: user}, start)
	a.mu.Lock()
	a.usersOK++
	a.mu.Unlock()
}

func (a *auditor) walkMyDrive(ctx context.Context, uc *userClients, engine *checks.Engine) error {
	slow := a.itemWorkers()
	defer slow.Wait()
	token := ""
	for {
		var page *drive.FileList
		err := a.call(ctx, apiDrive, "drive.files.list", func() error {
			var err error
			page, err = uc.drive.Files.List().Q(myDriveQuery).Corpora("user").Spaces("drive").
				IncludePermissionsForView("published").PageSize(1000).PageToken(token).
				Fields(myDriveListFields).Context(ctx).Do()
			return err
		})
		if err != nil {
			return fmt.Errorf("files.list: %w", err)
		}
		for _, f := range page.Files {
			it := toItem(f)
			if it.Owner == "" {
				it.Owner = uc.subject
			}
			if f.Permissions != nil && it.Kind != model.KindForm {
				a.addItem(ctx, uc, it, engine)
				continue
			}
			// Forms need the Forms API and their page; items without inline
			// permissions (Drive omits them where the caller cannot share)
			// need permissions.list. Both wait on other calls: run them beside
			// the listing.
			missing := f.Permissions == nil
			slow.Go(func() error { a.completeItem(ctx, uc, it, engine, missing); return nil })
		}
		if token = page.NextPageToken; token == "" {
			return nil
		}
	}
}

// completeItem lists the item's permissions when listPerms is set, then
// hands the item on (addItem reads forms).
func (a *auditor) completeItem(ctx context.Context, uc *userClients, it *model.Item, engine *checks.Engine, listPerms bool) {
	if listPerms {
		perms, err := a.listPermissions(ctx, uc.drive, it.ID, false)
		if err != nil {
			a.itemGap(it, err, uc.subject)
		}
		it.Permissions = perms
	}
	a.addItem(ctx, uc, it, engine)
}

// itemWorkers runs the per-item calls of one walk (permissions, forms)
// beside its listing, a few at a time.
func (a *auditor) itemWorkers() *errgroup.Group {
	var g errgroup.Group
	g.SetLimit(max(2, a.opts.Concurrency/4))
	return &g
}

// addItem completes an item (forms) and hands it to the checks.
func (a *auditor) addItem(ctx context.Context, uc *userClients, it *model.Item, engine *checks.Engine) {
	if it.Kind == model.KindForm {
		a.inspectForm(ctx, uc, it)
	}
	a.itemSeen(taskOf(uc, it), it)
	engine.Add(it)
	a.mu.Lock()
	a.items++
	a.mu.Unlock()
}

// listPermissions pages through an item's permissions, responder grants
// included.
func (a *auditor) listPermissions(ctx context.Context, svc *drive.Service, fileID string, domainAdmin bool) ([]model.Permission, error) {
	var out []model.Permission
	token := ""
	for {
		var page *drive.PermissionList
		err := a.call(ctx, apiDrive, "drive.permissions.list", func() error {
			call := svc.Permissions.List(fileID).SupportsAllDrives(true).PageSize(100).
				PageToken(token).Fields(permissionListFields).Context(ctx)
			if domainAdmin {
				call = call.UseDomainAdminAccess(true)
			} else {
				call = call.IncludePermissionsForView("published")
			}
			var err error
			page, err = call.Do()
			return err
		})
		if err != nil {
			return out, fmt.Errorf("permissions.list %s: %w", fileID, err)
		}
		out = append(out, toPermissions(page.Permissions)...)
		if token = page.NextPageToken; token == "" {
			return out, nil
		}
	}
}

func (a *auditor) itemGap(it *model.Item, err error, subject string) {
	a.addGap(model.Gap{Scope: model.ScopeItem, ID: it.ID, Name: it.Name, Task: taskKeyOf(it), Code: model.GapItemPermissions,
		Reason: "permissions could not be read: " + summarize(err),
		Action: fmt.Sprintf("check that %s can still open the item, then run the audit again", subject)})
}

package auditor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/model"
)

// Fields asked of changes.list and of files.get when an item is fetched
// again: the walk's fields plus what tells a removal.
const (
	refetchFields = itemFields + ",driveId,trashed,hasAugmentedPermissions,permissions(" + permissionFields + ")"
	changeFields  = "nextPageToken,newStartPageToken,changes(fileId,removed,driveId,file(" + refetchFields + "))"
)

// applyChanges reads a task's changes since token and applies each, then
// records the new start token.
func (inc *incremental) applyChanges(ctx context.Context, uc *userClients, task model.Task, token string, tenant *tenantInfo) error {
	for page := token; ; {
		var cl *drive.ChangeList
		err := inc.call(ctx, apiDrive, "drive.changes.list", func() error {
			call := uc.drive.Changes.List(page).IncludeRemoved(true).IncludePermissionsForView("published").
				PageSize(1000).Fields(changeFields).Context(ctx)
			if task.Kind == model.TaskDrive {
				call = call.DriveId(task.ID).IncludeItemsFromAllDrives(true).SupportsAllDrives(true)
			} else {
				call = call.Spaces("drive")
			}
			var err error
			cl, err = call.Do()
			return err
		})
		if err != nil {
			return fmt.Errorf("changes.list: %w", err)
		}
		for _, ch := range cl.Changes {
			if ch.FileId != "" {
				inc.applyChange(ctx, uc, task, ch, tenant)
			}
		}
		if cl.NewStartPageToken != "" {
			if err := inc.err(); err != nil {
				return err
			}
			inc.taskDone(task, cl.NewStartPageToken)
			return nil
		}
		if page = cl.NextPageToken; page == "" {
			return errors.New("changes.list ended without a new start token")
		}
	}
}

// applyChange brings the saved state of one changed item up to date.
func (inc *incremental) applyChange(ctx context.Context, uc *userClients, task model.Task, ch *drive.Change, tenant *tenantInfo) {
	old, oldTask, err := inc.saved.Item(ch.FileId)
	if !inc.remember(err) {
		return
	}
	if ch.Removed || ch.File == nil || !belongs(task, ch.File) {
		// Gone, or now someone else's item (their own changes add it).
		if oldTask == task.Key() {
			inc.forget(ctx, ch.FileId, old, tenant)
		}
		return
	}
	it := inc.build(ctx, uc, task, ch.File)
	inc.keep(ctx, uc, task, it, nil)
	inc.follow(ctx, old, it, task, tenant)
}

// belongs reports whether the task's walk lists f: a shared drive's
// untrashed items, or the untrashed My Drive items the user owns.
func belongs(task model.Task, f *drive.File) bool {
	if f.Trashed {
		return false
	}
	if task.Kind == model.TaskDrive {
		return f.DriveId == task.ID
	}
	owner := ""
	if len(f.Owners) > 0 {
		owner = strings.ToLower(f.Owners[0].EmailAddress)
	}
	return f.DriveId == "" && (owner == "" || owner == task.ID)
}

// build turns a fetched file into the item the walk would have made:
// grants listed the same way (forms always by permissions.list, which
// also returns their responder grants).
func (inc *incremental) build(ctx context.Context, uc *userClients, task model.Task, f *drive.File) *model.Item {
	it := toItem(f)
	list := false
	if task.Kind == model.TaskUser {
		if it.Owner == "" {
			it.Owner = task.ID
		}
		list = f.Permissions == nil || it.Kind == model.KindForm
	} else {
		if it.DriveID == "" {
			it.DriveID = task.ID
		}
		list = f.HasAugmentedPermissions || it.Kind == model.KindForm
		it.PermissionsOmitted = !list
		it.Permissions = nil
	}
	if list {
		perms, err := inc.listPermissions(ctx, uc.drive, f.Id, false)
		if err != nil {
			inc.itemGap(it, err, uc.subject)
		}
		it.Permissions = perms
	}
	return it
}

// keep completes a form (or reuses its saved form settings) and saves the
// item.
func (inc *incremental) keep(ctx context.Context, uc *userClients, task model.Task, it *model.Item, reuse *model.Form) {
	inc.markRefreshed(model.ScopeItem, it.ID)
	if it.Kind == model.KindForm {
		if reuse != nil {
			it.Form = reuse
		} else {
			inc.inspectForm(ctx, uc, it)
			inc.markRefreshed(model.ScopeForm, it.ID)
			inc.markRefreshed(model.ScopeItem, it.Form.LinkedSheetID)
		}
	}
	inc.itemSeen(task, it)
	inc.sheetChanged(it.ID)
}

// forget removes an item from the saved inventory. The saved items of a
// removed folder are fetched again: Drive does not promise a change for
// each of them.
func (inc *incremental) forget(ctx context.Context, id string, old *model.Item, tenant *tenantInfo) {
	if !inc.remember(inc.saved.DeleteItem(id)) {
		return
	}
	inc.markRefreshed(model.ScopeItem, id)
	inc.markRefreshed(model.ScopeForm, id)
	inc.sheetChanged(id)
	if old == nil || !old.IsFolder() {
		return
	}
	kids, err := inc.saved.Children(id)
	if !inc.remember(err) {
		return
	}
	for _, k := range kids {
		if t, ok := inc.taskOfKey(k.Task); ok {
			inc.refetch(ctx, t, k.Item, false, tenant)
		}
	}
}

// follow fetches again what an item's change may have changed without a
// change of its own: the items below a folder whose grants, owner or
// place changed (they inherit from it).
func (inc *incremental) follow(ctx context.Context, old, it *model.Item, task model.Task, tenant *tenantInfo) {
	if it.IsFolder() && (old == nil || placementChanged(old, it)) {
		inc.relist(ctx, it, task, tenant)
	}
}

// placementChanged reports whether what a folder passes down changed.
func placementChanged(old, it *model.Item) bool {
	return old.Parent() != it.Parent() || old.Owner != it.Owner || old.DriveID != it.DriveID ||
		old.InheritedPermissionsDisabled != it.InheritedPermissionsDisabled ||
		old.PermissionsOmitted != it.PermissionsOmitted || !samePermissions(old.Permissions, it.Permissions)
}

// samePermissions compares two grant lists as sets.
func samePermissions(a, b []model.Permission) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[model.Permission]int{}
	for _, p := range a {
		count[p]++
	}
	for _, p := range b {
		if count[p]--; count[p] < 0 {
			return false
		}
	}
	return true
}

// refetch fetches a saved item again as its task's user and saves it, or
// forgets it when it is gone or no longer the task's. With descend, a
// folder's children are listed again too.
func (inc *incremental) refetch(ctx context.Context, task model.Task, old *model.Item, descend bool, tenant *tenantInfo) {
	uc, err := inc.clientsFor(ctx, task.As)
	if err != nil {
		inc.itemGap(old, err, task.As)
		return
	}
	var f *drive.File
	err = inc.call(ctx, apiDrive, "drive.files.get", func() error {
		var err error
		f, err = uc.drive.Files.Get(old.ID).SupportsAllDrives(true).IncludePermissionsForView("published").
			Fields(refetchFields).Context(ctx).Do()
		return err
	})
	if notFound(err) || err == nil && !belongs(task, f) {
		inc.forget(ctx, old.ID, old, tenant)
		return
	}
	if err != nil {
		inc.itemGap(old, err, task.As)
		return
	}
	it := inc.build(ctx, uc, task, f)
	inc.keep(ctx, uc, task, it, old.Form)
	if descend && it.IsFolder() && !it.InheritedPermissionsDisabled {
		inc.relist(ctx, it, task, tenant)
		return
	}
	inc.follow(ctx, old, it, task, tenant)
}

// relist lists a changed folder's children again (as the folder's task
// user) and saves each; subfolders are listed in turn, except
// limited-access ones, whose content does not inherit. In My Drive a child
// owned by another user is fetched as its owner, as that user's walk
// would see it.
func (inc *incremental) relist(ctx context.Context, folder *model.Item, task model.Task, tenant *tenantInfo) {
	if !inc.claimFolder(folder.ID) {
		return
	}
	uc, err := inc.clientsFor(ctx, task.As)
	if err != nil {
		inc.itemGap(folder, err, task.As)
		return
	}
	q := "'" + strings.ReplaceAll(folder.ID, "'", `\'`) + "' in parents and trashed = false"
	for token := ""; ; {
		var page *drive.FileList
		err := inc.call(ctx, apiDrive, "drive.files.list", func() error {
			call := uc.drive.Files.List().Q(q).PageSize(1000).PageToken(token).Context(ctx)
			if task.Kind == model.TaskDrive {
				call = call.Corpora("drive").DriveId(task.ID).IncludeItemsFromAllDrives(true).SupportsAllDrives(true).
					Fields("nextPageToken,files(" + refetchFields + ")")
			} else {
				call = call.Spaces("drive").IncludePermissionsForView("published").Fields("nextPageToken,files(" + refetchFields + ")")
			}
			var err error
			page, err = call.Do()
			return err
		})
		if err != nil {
			inc.itemGap(folder, fmt.Errorf("list the folder's items again: %w", err), task.As)
			return
		}
		for _, f := range page.Files {
			inc.relistChild(ctx, uc, task, f, tenant)
		}
		if token = page.NextPageToken; token == "" {
			return
		}
	}
}

// relistChild saves one child found by relist.
func (inc *incremental) relistChild(ctx context.Context, uc *userClients, task model.Task, f *drive.File, tenant *tenantInfo) {
	old, _, err := inc.saved.Item(f.Id)
	if !inc.remember(err) {
		return
	}
	if !belongs(task, f) {
		// Another user's item in this user's folder: fetch it as its owner
		// (a full run lists it in that user's walk), if that user is walked.
		if task.Kind == model.TaskUser && len(f.Owners) > 0 && !f.Trashed && f.DriveId == "" {
			owner := strings.ToLower(f.Owners[0].EmailAddress)
			if tenant.isActive(owner) {
				if old == nil {
					old = toItem(f)
				}
				inc.refetch(ctx, model.Task{Kind: model.TaskUser, ID: owner, As: owner}, old, true, tenant)
			}
		}
		return
	}
	var reuse *model.Form
	if old != nil {
		reuse = old.Form
	}
	it := inc.build(ctx, uc, task, f)
	inc.keep(ctx, uc, task, it, reuse)
	if it.IsFolder() && !it.InheritedPermissionsDisabled {
		inc.relist(ctx, it, task, tenant)
	}
}

// claimFolder reports whether the folder was not listed again yet in this
// run, and marks it.
func (inc *incremental) claimFolder(id string) bool {
	inc.imu.Lock()
	defer inc.imu.Unlock()
	if inc.listed[id] {
		return false
	}
	inc.listed[id] = true
	return true
}

// taskOfKey resolves a saved task key to the task and the user to act as.
// A shared drive's user is the member its saved token belongs to; a drive
// without one is being walked again in this run, which fetches its items
// anyway.
func (inc *incremental) taskOfKey(key string) (model.Task, bool) {
	kind, id, ok := strings.Cut(key, ":")
	if !ok {
		return model.Task{}, false
	}
	if kind == model.TaskUser {
		return model.Task{Kind: model.TaskUser, ID: id, As: id}, true
	}
	st, ok := inc.tasks[key]
	if !ok || inc.isDropped(key) {
		return model.Task{}, false
	}
	return st.Task, true
}

func (inc *incremental) isDropped(key string) bool {
	inc.imu.Lock()
	defer inc.imu.Unlock()
	return inc.dropped[key]
}

package auditor

import (
	"context"
	"fmt"
	"strings"

	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// sharedDrive is a shared drive as drives.list returns it to an admin.
type sharedDrive struct {
	id, name string
}

// roleRank orders the roles a member may hold, for choosing whom to act as.
var roleRank = map[string]int{"organizer": 5, "fileOrganizer": 4, "writer": 3, "commenter": 2, "reader": 1}

// listSharedDrives lists every shared drive of the tenant. A failure is a
// gap (no shared drive was audited), not the end of the run.
func (a *auditor) listSharedDrives(ctx context.Context, admin *adminClients) []sharedDrive {
	var out []sharedDrive
	token := ""
	for {
		var page *drive.DriveList
		err := a.call(ctx, apiDrive, "drive.drives.list", func() error {
			var err error
			page, err = admin.drives.Drives.List().UseDomainAdminAccess(true).PageSize(100).
				PageToken(token).Fields("nextPageToken,drives(id,name)").Context(ctx).Do()
			return err
		})
		if err != nil {
			a.addGap(a.drivesUnlistedGap(err))
			return out
		}
		for _, d := range page.Drives {
			out = append(out, sharedDrive{id: d.Id, name: d.Name})
		}
		if token = page.NextPageToken; token == "" {
			return out
		}
	}
}

// drivesUnlistedGap explains a failed drives.list. A scope refusal names
// the one scope missing, ScopeSharedDrivesRead, since only it is asked for.
func (a *auditor) drivesUnlistedGap(err error) model.Gap {
	g := model.Gap{Scope: model.ScopeSharedDrive, ID: "*", Code: model.GapDrivesUnlisted}
	if scopeRefused(err) {
		clientID := "<the service account's client ID>"
		if a.opts.Credentials != nil && a.opts.Credentials.ClientID() != "" {
			clientID = a.opts.Credentials.ClientID()
		}
		g.Reason = fmt.Sprintf("shared drives could not be listed, so none was audited: domain-wide delegation lacks the scope %s (drives.list accepts no narrower one): %s",
			ScopeSharedDrivesRead, summarize(err))
		g.Action = fmt.Sprintf("in %s, add %s to client ID %s (the full list: %s), and run the audit again",
			delegationPage, ScopeSharedDrivesRead, clientID, strings.Join(Scopes, ","))
		return g
	}
	g.Reason = "shared drives could not be listed, so none was audited: " + explain(err, "list shared drives", a.opts.Admin, a.opts.Credentials).Error()
	g.Action = "give the admin the Drive and Docs admin privilege (Manage shared drives) and run the audit again"
	return g
}

// auditSharedDrive checks the drive's membership, then walks its items as
// its most privileged active member: a direct one, else one reached through
// the drive's member groups (memberThroughGroups).
func (a *auditor) auditSharedDrive(ctx context.Context, admin *adminClients, d sharedDrive, tenant *tenantInfo, engine *checks.Engine) {
	gap := func(code, reason, action string) {
		a.addGap(model.Gap{Scope: model.ScopeSharedDrive, ID: d.id, Name: d.name, Task: driveTask(d.id), Code: code, Reason: reason, Action: action})
	}
	members, err := a.listPermissions(ctx, admin.drive, d.id, true)
	if err != nil {
		gap(model.GapDriveMembersUnlisted, "members could not be listed: "+explain(err, "list shared drive members", a.opts.Admin, a.opts.Credentials).Error(),
			"check the admin's Manage shared drives privilege and run the audit again")
		return
	}
	driveItem := &model.Item{ID: d.id, Name: d.name, Kind: model.KindSharedDrive, DriveID: d.id,
		URL: "https://drive.google.com/drive/folders/" + d.id, Permissions: members}
	engine.Add(driveItem)
	a.itemSeen(model.Task{Kind: model.TaskDrive, ID: d.id}, driveItem)

	member, code, reason, action := a.walkerOf(ctx, admin, d, members, tenant)
	if member == "" {
		if ctx.Err() == nil {
			gap(code, reason, action)
		}
		return
	}
	var start string
	uc, err := a.newUserClients(ctx, member)
	if err == nil {
		start, err = a.startToken(ctx, uc, d.id)
	}
	if err == nil {
		err = a.walkSharedDrive(ctx, uc, d, engine)
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		a.addGap(refineGap(model.Gap{Scope: model.ScopeSharedDrive, ID: d.id, Name: d.name, Task: driveTask(d.id), Code: model.GapDriveWalkFailed,
			Reason: fmt.Sprintf("listing its items as %s failed: %s", member, explain(err, "list shared drive", member, a.opts.Credentials)),
			Action: "fix the access problem named in the reason and run the audit again"}, err))
		return
	}
	a.taskDone(model.Task{Kind: model.TaskDrive, ID: d.id, As: member}, start)
	a.mu.Lock()
	a.drivesOK++
	a.mu.Unlock()
}

// walkRank is the lowest role that may list a shared-drive item's
// permissions: Drive answers a reader's or commenter's permissions.list
// with 403 insufficientFilePermissions, so walking as one would leave every
// item with grants of its own unread.
var walkRank = roleRank["writer"]

// walkerOf picks whom to walk a shared drive as: its active member with the
// highest role (organizer, then fileOrganizer, then writer), directly or,
// failing that, through its member groups (memberThroughGroups). When
// nobody may list item permissions it returns the gap's code, reason and
// action instead.
func (a *auditor) walkerOf(ctx context.Context, admin *adminClients, d sharedDrive, members []model.Permission, tenant *tenantInfo) (member, code, reason, action string) {
	if m := pickMember(members, tenant, walkRank); m != "" {
		return m, "", "", ""
	}
	// Often only groups are members (「全職員」 as manager): act as one of
	// their members. Listing groups costs Directory calls, made only for
	// such drives.
	m, groupReason, groupAction := a.memberThroughGroups(ctx, admin, d, members, tenant, walkRank)
	if m != "" || ctx.Err() != nil {
		return m, "", "", ""
	}
	viewer := pickMember(members, tenant, 1)
	if viewer == "" {
		// Group listings are cached: this costs no calls for groups
		// already listed above.
		var reason, action string
		if viewer, reason, action = a.memberThroughGroups(ctx, admin, d, members, tenant, 1); viewer == "" {
			return "", model.GapDriveNoMember, reason, action
		}
	}
	reason = fmt.Sprintf("the tenant's members of this drive that can be acted as (%s among them) are only readers or commenters, and Drive lets neither list an item's permissions (403 insufficientFilePermissions), so its items were not audited", viewer)
	action = fmt.Sprintf("add %s (the audit's admin) or another user of the organisation to the shared drive as Content manager or Manager (Admin console → Apps → Google Workspace → Drive and Docs → Manage shared drives), and run the audit again", a.opts.Admin)
	if hasGroupAtLeast(members, walkRank) {
		// Its writer (or higher) groups gave nobody: say why, and how
		// listing them could do.
		reason += "; through its groups with a higher role: " + groupReason
		action = groupAction
	}
	return "", model.GapDriveReadersOnly, reason, action
}

// hasGroupAtLeast reports whether a group is a member with at least minRank.
func hasGroupAtLeast(members []model.Permission, minRank int) bool {
	for _, m := range members {
		if m.Type == model.TypeGroup && !m.Deleted && roleRank[m.Role] >= minRank {
			return true
		}
	}
	return false
}

// pickMember returns the active internal user with the highest role on the
// drive, at least minRank, or "".
func pickMember(members []model.Permission, tenant *tenantInfo, minRank int) string {
	best, bestRank := "", minRank-1
	for _, m := range members {
		if m.Type != model.TypeUser || m.Deleted || !tenant.isActive(m.Email) {
			continue
		}
		if r := roleRank[m.Role]; r > bestRank || r == bestRank && m.Email < best {
			best, bestRank = m.Email, r
		}
	}
	return best
}

func (a *auditor) walkSharedDrive(ctx context.Context, uc *userClients, d sharedDrive, engine *checks.Engine) error {
	slow := a.itemWorkers()
	defer slow.Wait()
	token := ""
	for {
		var page *drive.FileList
		err := a.call(ctx, apiDrive, "drive.files.list", func() error {
			var err error
			page, err = uc.drive.Files.List().Corpora("drive").DriveId(d.id).IncludeItemsFromAllDrives(true).
				SupportsAllDrives(true).Q("trashed = false").PageSize(1000).PageToken(token).
				Fields(sharedDriveListFields).Context(ctx).Do()
			return err
		})
		if err != nil {
			return fmt.Errorf("files.list in shared drive %s: %w", d.id, err)
		}
		for _, f := range page.Files {
			it := toItem(f)
			if it.DriveID == "" {
				it.DriveID = d.id
			}
			// Items with no grants of their own only inherit the drive's and
			// their folders' grants, which the checks see on those.
			// Forms are always listed: their responder grants decide who can
			// open the public page.
			if !f.HasAugmentedPermissions && it.Kind != model.KindForm {
				it.PermissionsOmitted = true
				a.addItem(ctx, uc, it, engine)
				continue
			}
			slow.Go(func() error { a.completeItem(ctx, uc, it, engine, true); return nil })
		}
		if token = page.NextPageToken; token == "" {
			return nil
		}
	}
}

package auditor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"google.golang.org/api/googleapi"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// auditLogOverlap is how far before the last complete read the audit log
// is read again: Reports events can arrive hours late. Revocations read
// twice are merged.
const auditLogOverlap = 12 * time.Hour

// ErrNoState means the saved inventory cannot carry an incremental run:
// the caller runs a full audit instead.
var ErrNoState = errors.New("no saved inventory to continue from")

// incremental is the state of one incremental run on top of an auditor.
type incremental struct {
	*auditor
	saved model.Saved
	tasks map[string]model.SavedTask
	noop  *checks.Engine // walks feed the inventory, not the checks

	imu       sync.Mutex
	refreshed map[string]bool // scope+"\x00"+ID of items fetched or removed in this run
	dropped   map[string]bool // tasks walked again from scratch
	listed    map[string]bool // folders whose children were listed again
	sheets    map[string]bool // items that may be a form's responses sheet
	clients   map[string]*userClients
	storeErr  error
}

// RunIncremental audits the tenant from a saved inventory: for each user
// and shared drive it reads the Drive changes since the saved token,
// fetches again only what changed (and the items below a folder whose
// grants, owner or place changed), reads every other form's public page
// again (its summary setting can change without a Drive change), reads the
// audit log since the last run, then runs every check over the whole
// updated inventory without further API calls. Its findings are those a full run would give. Users and
// shared drives without a saved token, or whose token Drive rejects, are
// walked in full. It returns ErrNoState when nothing was saved.
func RunIncremental(ctx context.Context, opts Options, saved model.Saved) (*model.Result, error) {
	if saved == nil || opts.SelfOnly {
		return nil, ErrNoState
	}
	tasks, err := saved.Tasks()
	if err != nil {
		return nil, fmt.Errorf("read saved inventory: %w", err)
	}
	if len(tasks) == 0 {
		return nil, ErrNoState
	}
	opts.Inventory = saved
	a, err := newAuditor(opts)
	if err != nil {
		return nil, err
	}
	inc := &incremental{auditor: a, saved: saved, tasks: tasks,
		refreshed: map[string]bool{}, dropped: map[string]bool{}, listed: map[string]bool{}, clients: map[string]*userClients{}}
	return inc.run(ctx)
}

func (inc *incremental) run(ctx context.Context) (*model.Result, error) {
	res := &model.Result{StartedAt: inc.opts.Now().UTC()}
	admin, err := inc.newAdminClients(ctx)
	if err != nil {
		return nil, explain(err, "build admin clients", inc.opts.Admin, inc.opts.Credentials)
	}
	tenant, err := inc.readDirectory(ctx, admin)
	if err != nil {
		return nil, err
	}
	res.PrimaryDomain, res.Domains = tenant.primary, tenant.domains
	revs, err := inc.revocations(ctx, admin)
	if err != nil {
		return nil, err
	}
	groups := inc.readGroups(ctx, admin) // not in the inventory: read whole each run
	env := &checks.Env{
		InternalDomains:      unionLower(tenant.internalDomains(), inc.opts.ExtraInternalDomains),
		PartnerDomains:       unionLower(inc.opts.PartnerDomains),
		FreeMailDomains:      unionLower(inc.opts.FreeMailDomains),
		InternalUsers:        tenant.userEmails(),
		PersonalDataKeywords: inc.opts.Keywords,
		Revocations:          revs,
	}
	inc.audiencePolicy(ctx, admin, tenant, groups, env)
	inc.noop = checks.NewEngineWith(&checks.Env{}, nil)

	drives := inc.listSharedDrives(ctx, admin)
	res.Coverage.Users.Total = len(tenant.active) + len(tenant.suspended)
	res.Coverage.SharedDrives.Total = len(drives)
	for _, u := range tenant.suspended {
		inc.addGap(model.Gap{Scope: model.ScopeUser, ID: u, Code: model.GapUserSuspended, Reason: "suspended: Google does not let a suspended user be impersonated, so files this user owns (and still shares) were not listed",
			Action: "reactivate the user for the audit (Admin console → Users → the user → Reactivate), or transfer their files (Admin console → Users → Transfer ownership) before deleting the account"})
	}
	if err := inc.dropGone(tenant, drives); err != nil {
		return nil, err
	}

	walkSideBySide(ctx, inc.opts.Concurrency, drives, tenant.active,
		func(ctx context.Context, d sharedDrive) { inc.refreshDrive(ctx, admin, d, tenant) },
		func(ctx context.Context, u string) { inc.refreshUser(ctx, u, tenant) })
	inc.followSheets(ctx)
	inc.reprobeForms(ctx)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("audit interrupted: %w", err)
	}
	if err := inc.err(); err != nil {
		return nil, err
	}
	if err := inc.replay(env, res, groups); err != nil {
		return nil, err
	}
	tenant.nameOwners(res.Findings)
	res.FinishedAt = inc.opts.Now().UTC()
	res.Calls = inc.calls
	return res, nil
}

// revocations merges the saved revocations still inside the window with
// those logged since the last complete read.
func (inc *incremental) revocations(ctx context.Context, admin *adminClients) ([]model.Revocation, error) {
	last, saved, err := inc.saved.AuditLog()
	if err != nil {
		return nil, fmt.Errorf("read saved audit log state: %w", err)
	}
	now := inc.opts.Now()
	windowStart := now.Add(-inc.opts.AuditLogWindow)
	if last.IsZero() || last.Before(windowStart) {
		return inc.readRevocations(ctx, admin), nil
	}
	fresh, ok := inc.readRevocationsSince(ctx, admin, last.Add(-auditLogOverlap))
	out := mergeRevocations(windowStart, saved, fresh)
	if ok {
		inc.saved.AuditLogRead(now, out)
	}
	return out, nil
}

// mergeRevocations keeps one copy of each revocation at or after start.
func mergeRevocations(start time.Time, lists ...[]model.Revocation) []model.Revocation {
	seen := map[model.Revocation]bool{}
	var out []model.Revocation
	for _, l := range lists {
		for _, r := range l {
			r.At = r.At.UTC()
			if r.At.Before(start) || seen[r] {
				continue
			}
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// dropGone forgets users and shared drives that are no longer walked: a
// full run would not list their items either.
func (inc *incremental) dropGone(tenant *tenantInfo, drives []sharedDrive) error {
	live := map[string]bool{}
	for _, u := range tenant.active {
		live[model.Task{Kind: model.TaskUser, ID: u}.Key()] = true
	}
	for _, d := range drives {
		live[model.Task{Kind: model.TaskDrive, ID: d.id}.Key()] = true
	}
	for key := range inc.tasks {
		if !live[key] {
			if err := inc.drop(key); err != nil {
				return err
			}
		}
	}
	return nil
}

// drop forgets a task before it is walked again from scratch.
func (inc *incremental) drop(key string) error {
	inc.imu.Lock()
	inc.dropped[key] = true
	inc.imu.Unlock()
	if err := inc.saved.DropTask(key); err != nil {
		return fmt.Errorf("saved inventory: drop %s: %w", key, err)
	}
	return nil
}

// refreshUser applies a user's Drive changes, or walks the user's My Drive
// again when there is no usable token.
func (inc *incremental) refreshUser(ctx context.Context, user string, tenant *tenantInfo) {
	task := model.Task{Kind: model.TaskUser, ID: user, As: user}
	st, ok := inc.tasks[task.Key()]
	if ok {
		uc, err := inc.clientsFor(ctx, user)
		if err == nil {
			err = inc.applyChanges(ctx, uc, task, st.Token, tenant)
		}
		if err == nil {
			inc.mu.Lock()
			inc.usersOK++
			inc.mu.Unlock()
			return
		}
		if ctx.Err() != nil {
			return
		}
		if !tokenRejected(err) {
			err = explain(err, "read Drive changes", user, inc.opts.Credentials)
			inc.addGap(refineGap(model.Gap{Scope: model.ScopeUser, ID: user, Code: model.GapUserWalkFailed, Reason: "changes since the last run could not be read, so findings on this user's items are those of the last run: " + err.Error(),
				Action: "fix the access problem named in the reason and run the audit again"}, err))
			return
		}
		inc.log.Warn().Str("user", user).Str("error", summarize(err)).Msg("changes token rejected: walking the user's My Drive again")
	}
	if inc.remember(inc.drop(task.Key())) {
		inc.auditUser(ctx, user, inc.noop)
	}
}

// refreshDrive lists a shared drive's members, then applies its changes,
// or walks it again when there is no usable token or its walking member
// changed.
func (inc *incremental) refreshDrive(ctx context.Context, admin *adminClients, d sharedDrive, tenant *tenantInfo) {
	key := model.Task{Kind: model.TaskDrive, ID: d.id}.Key()
	st, ok := inc.tasks[key]
	if ok {
		members, err := inc.listPermissions(ctx, admin.drive, d.id, true)
		if err != nil {
			if ctx.Err() == nil {
				inc.addGap(model.Gap{Scope: model.ScopeSharedDrive, ID: d.id, Name: d.name, Code: model.GapDriveMembersUnlisted,
					Reason: "members could not be listed, so findings on this drive are those of the last run: " + explain(err, "list shared drive members", inc.opts.Admin, inc.opts.Credentials).Error(),
					Action: "check the admin's Manage shared drives privilege and run the audit again"})
			}
			return
		}
		// Find the member the drive was walked as again (directly or
		// through its groups), or walk anew.
		member, _, _, _ := inc.walkerOf(ctx, admin, d, members, tenant)
		if member != "" && member == st.As {
			task := model.Task{Kind: model.TaskDrive, ID: d.id, As: member}
			old, _, err := inc.saved.Item(d.id)
			if !inc.remember(err) {
				return
			}
			root := &model.Item{ID: d.id, Name: d.name, Kind: model.KindSharedDrive, DriveID: d.id,
				URL: "https://drive.google.com/drive/folders/" + d.id, Permissions: members}
			inc.itemSeen(task, root)
			uc, err := inc.clientsFor(ctx, member)
			if err == nil {
				err = inc.applyChanges(ctx, uc, task, st.Token, tenant)
			}
			if err == nil && (old == nil || !samePermissions(old.Permissions, members)) {
				// Every item with grants of its own lists the members too.
				inc.relist(ctx, root, task, tenant)
			}
			if err == nil {
				inc.mu.Lock()
				inc.drivesOK++
				inc.mu.Unlock()
				return
			}
			if ctx.Err() != nil {
				return
			}
			if !tokenRejected(err) {
				inc.addGap(refineGap(model.Gap{Scope: model.ScopeSharedDrive, ID: d.id, Name: d.name, Code: model.GapDriveWalkFailed,
					Reason: fmt.Sprintf("changes since the last run could not be read as %s, so findings on this drive are those of the last run: %s", member, explain(err, "read Drive changes", member, inc.opts.Credentials)),
					Action: "fix the access problem named in the reason and run the audit again"}, err))
				return
			}
		}
	}
	if inc.remember(inc.drop(key)) {
		inc.auditSharedDrive(ctx, admin, d, tenant, inc.noop)
	}
}

// tokenRejected reports whether Drive refused a changes token.
func tokenRejected(err error) bool {
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return false
	}
	switch gerr.Code {
	case http.StatusBadRequest, http.StatusNotFound, http.StatusGone:
		return true
	}
	return false
}

// reprobeForms reads again, anonymously, the public page of every saved
// form this run did not read: the summary setting (and whether the form
// still takes answers) lives only there, and Google does not promise to
// record its change as a change of the form's Drive file. The Forms API
// and the responses sheet are not read again.
func (inc *incremental) reprobeForms(ctx context.Context) {
	var ids []string
	err := inc.saved.Each(func(it *model.Item) error {
		if it.Kind == model.KindForm && it.Form != nil && it.Form.ResponderURI != "" && !inc.wasRefreshed(model.ScopeForm, it.ID) {
			ids = append(ids, it.ID)
		}
		return nil
	})
	if !inc.remember(err) {
		return
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(inc.opts.Concurrency)
	for _, id := range ids {
		g.Go(func() error { inc.reprobeForm(gctx, id); return nil })
	}
	_ = g.Wait()
}

// reprobeForm reads one saved form's public page again and saves the form.
func (inc *incremental) reprobeForm(ctx context.Context, id string) {
	it, key, err := inc.saved.Item(id)
	if !inc.remember(err) || it == nil || it.Form == nil || ctx.Err() != nil {
		return
	}
	task, ok := inc.taskOfKey(key)
	if !ok {
		return
	}
	inc.probeFormPage(ctx, it, it.Form)
	if ctx.Err() != nil {
		return // interrupted: the run fails, nothing is saved
	}
	inc.markRefreshed(model.ScopeForm, id)
	inc.itemSeen(task, it)
}

// wasRefreshed reports whether this run replaced the saved gaps of scope
// about id.
func (inc *incremental) wasRefreshed(scope, id string) bool {
	inc.imu.Lock()
	defer inc.imu.Unlock()
	return inc.refreshed[scope+"\x00"+id]
}

// clientsFor returns (cached) clients acting as subject.
func (inc *incremental) clientsFor(ctx context.Context, subject string) (*userClients, error) {
	inc.imu.Lock()
	defer inc.imu.Unlock()
	if uc := inc.clients[subject]; uc != nil {
		return uc, nil
	}
	uc, err := inc.newUserClients(ctx, subject)
	if err != nil {
		return nil, err
	}
	inc.clients[subject] = uc
	return uc, nil
}

// remember keeps the first store error; it reports whether err was nil.
func (inc *incremental) remember(err error) bool {
	if err == nil {
		return true
	}
	inc.imu.Lock()
	if inc.storeErr == nil {
		inc.storeErr = err
	}
	inc.imu.Unlock()
	return false
}

func (inc *incremental) err() error {
	inc.imu.Lock()
	defer inc.imu.Unlock()
	return inc.storeErr
}

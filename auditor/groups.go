package auditor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"golang.org/x/oauth2"
	directory "google.golang.org/api/admin/directory/v1"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"

	"github.com/gwsaudit/gwsaudit/model"
)

// Bounds on expanding a shared drive's groups to find a user to act as.
const (
	// maxGroupDepth is how deep nested groups are followed below a group
	// that is a member of the drive.
	maxGroupDepth = 5
	// maxGroupsPerDrive bounds the groups listed for one drive.
	maxGroupsPerDrive = 50
	// maxGroupMembers bounds the members read from one group (200 a page).
	maxGroupMembers = 20000
)

// groupResolver lists groups' members (Directory members.list as the admin,
// with a token carrying only ScopeGroupsRead) once per run, for every
// shared drive that needs them. Its zero value is ready to use; one lives
// in adminClients.
type groupResolver struct {
	mu      sync.Mutex
	dir     *directory.Service
	dirErr  error
	built   bool
	refused error // a refusal (scope, privilege): no further calls
	cache   map[string]*groupEntry
	active  map[string]bool // the tenant's active users
}

// groupEntry is one group's listing, shared by the drives that need it.
type groupEntry struct {
	ready chan struct{}
	l     groupListing
}

// groupListing is a group's direct members.
type groupListing struct {
	users     []string // type USER (internal or not), lower-cased
	groups    []string // type GROUP, lower-cased
	customer  bool     // type CUSTOMER: every user of the tenant
	truncated bool     // more than maxGroupMembers members
	err       error
}

// groupsClient returns the Directory client for members.list.
func (a *auditor) groupsClient(ctx context.Context, r *groupResolver) (*directory.Service, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.built {
		r.built = true
		var hc *http.Client
		hc, r.dirErr = a.scopedClient(ctx, a.opts.Admin, []string{ScopeGroupsRead})
		if r.dirErr == nil {
			r.dir, r.dirErr = directory.NewService(ctx, append(a.endpoint("/"), option.WithHTTPClient(hc))...)
		}
	}
	return r.dir, r.dirErr
}

// groupMembers returns a group's direct members, listing them at most once
// per run. After a refusal nothing more is asked.
func (a *auditor) groupMembers(ctx context.Context, r *groupResolver, group string) groupListing {
	r.mu.Lock()
	if r.refused != nil {
		err := r.refused
		r.mu.Unlock()
		return groupListing{err: err}
	}
	if r.cache == nil {
		r.cache = map[string]*groupEntry{}
	}
	e, ok := r.cache[group]
	if !ok {
		e = &groupEntry{ready: make(chan struct{})}
		r.cache[group] = e
	}
	r.mu.Unlock()
	if ok {
		select {
		case <-e.ready:
			return e.l
		case <-ctx.Done():
			return groupListing{err: ctx.Err()}
		}
	}
	e.l = a.listGroupMembers(ctx, r, group)
	if e.l.err != nil && groupsRefused(e.l.err) {
		r.mu.Lock()
		if r.refused == nil {
			r.refused = e.l.err
		}
		r.mu.Unlock()
	}
	close(e.ready)
	return e.l
}

func (a *auditor) listGroupMembers(ctx context.Context, r *groupResolver, group string) groupListing {
	var l groupListing
	dir, err := a.groupsClient(ctx, r)
	if err != nil {
		l.err = err
		return l
	}
	token, n := "", 0
	for {
		var page *directory.Members
		err := a.call(ctx, apiDirectory, "directory.members.list", func() error {
			var err error
			page, err = dir.Members.List(group).MaxResults(200).PageToken(token).
				Fields("nextPageToken", "members(email,type)").Context(ctx).Do()
			return err
		})
		if err != nil {
			l.err = err
			return l
		}
		for _, m := range page.Members {
			switch m.Type {
			case "USER":
				l.users = append(l.users, strings.ToLower(m.Email))
			case "GROUP":
				l.groups = append(l.groups, strings.ToLower(m.Email))
			case "CUSTOMER":
				l.customer = true
			}
		}
		n += len(page.Members)
		if token = page.NextPageToken; token == "" {
			return l
		}
		if n >= maxGroupMembers {
			l.truncated = true
			return l
		}
	}
}

// groupsRefused reports whether a members.list error is a refusal that
// will not change during the run: the scope is not delegated (the token
// request fails, or the token lacks it) or the admin may not read groups.
func groupsRefused(err error) bool {
	return scopeRefused(err) || privilegeRefused(err)
}

// scopeRefused: a token request refused for its scopes, or a token that
// lacks the method's scope.
func scopeRefused(err error) bool {
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		code, _ := tokenErrorOf(rerr)
		return code == "unauthorized_client"
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Code != http.StatusForbidden {
		return false
	}
	return len(gerr.Errors) > 0 && gerr.Errors[0].Reason == "insufficientPermissions" ||
		strings.Contains(gerr.Message, "insufficient authentication scopes")
}

// privilegeRefused: the admin lacks an admin privilege for the call.
func privilegeRefused(err error) bool {
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Code != http.StatusForbidden {
		return false
	}
	return len(gerr.Errors) > 0 && gerr.Errors[0].Reason == "forbidden" || strings.Contains(gerr.Message, "Not Authorized")
}

// isActive reports whether email is an active user of the tenant.
func (r *groupResolver) isActive(tenant *tenantInfo, email string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.active == nil {
		r.active = make(map[string]bool, len(tenant.active))
		for _, u := range tenant.active {
			r.active[u] = true
		}
	}
	return r.active[email]
}

// memberThroughGroups picks whom to act as on a shared drive that no active
// user is a direct member of (with at least minRank): the active user of the
// tenant reached through the drive's member groups with at least minRank
// (nested ones too, within bounds) whose group has the highest role, the
// first address in sort order on a tie. Groups outside the tenant's domains
// are not listed (the admin cannot). When nobody is found it returns the
// gap's reason and action.
func (a *auditor) memberThroughGroups(ctx context.Context, admin *adminClients, d sharedDrive, members []model.Permission, tenant *tenantInfo, minRank int) (member, reason, action string) {
	noMember := "add an admin as a member (Admin console → Apps → Google Workspace → Drive and Docs → Manage shared drives) and run the audit again"
	var top []model.Permission
	for _, m := range members {
		if m.Type == model.TypeGroup && !m.Deleted && m.Email != "" && roleRank[m.Role] >= minRank {
			top = append(top, m)
		}
	}
	if len(top) == 0 {
		return "", "no active user of the tenant is a member, so its items could not be listed", noMember
	}
	slices.SortStableFunc(top, func(x, y model.Permission) int {
		if rx, ry := roleRank[x.Role], roleRank[y.Role]; rx != ry {
			return ry - rx
		}
		return strings.Compare(strings.ToLower(x.Email), strings.ToLower(y.Email))
	})
	internal := map[string]bool{}
	for _, dom := range tenant.internalDomains() {
		internal[dom] = true
	}
	type queued struct {
		group string
		depth int
	}
	seen := map[string]bool{}
	listed, outside := 0, 0
	var failures []string
	bounded := false
	for i := 0; i < len(top); {
		// One tier: the drive's groups with the same role. Anyone reached
		// through them holds at least that role.
		j := i
		for j < len(top) && roleRank[top[j].Role] == roleRank[top[i].Role] {
			j++
		}
		var queue []queued
		for _, g := range top[i:j] {
			queue = append(queue, queued{strings.ToLower(g.Email), 0})
		}
		var found []string
		for len(queue) > 0 {
			q := queue[0]
			queue = queue[1:]
			if seen[q.group] {
				continue
			}
			seen[q.group] = true
			if !internal[domainOfAddr(q.group)] {
				outside++
				continue
			}
			if listed == maxGroupsPerDrive {
				bounded = true
				break
			}
			listed++
			l := a.groupMembers(ctx, admin.groups, q.group)
			if l.err != nil {
				if ctx.Err() != nil {
					return "", "", ""
				}
				if groupsRefused(l.err) {
					return "", a.groupsRefusedReason(l.err), a.groupsRefusedAction(l.err)
				}
				failures = append(failures, fmt.Sprintf("%s: %s", q.group, summarize(l.err)))
				continue
			}
			bounded = bounded || l.truncated
			for _, u := range l.users {
				if admin.groups.isActive(tenant, u) {
					found = append(found, u)
				}
			}
			if l.customer {
				found = append(found, tenant.active...)
			}
			for _, g := range l.groups {
				if q.depth+1 > maxGroupDepth {
					bounded = true
					continue
				}
				queue = append(queue, queued{g, q.depth + 1})
			}
		}
		if len(found) > 0 {
			slices.Sort(found)
			a.log.Info().Str("drive", d.id).Str("as", found[0]).Str("role", top[i].Role).
				Msg("no active user is a direct member of the shared drive with a role that may list item permissions: walking it as a member of its groups")
			return found[0], "", ""
		}
		i = j
	}
	reason = fmt.Sprintf("no active user of the tenant is a member, directly or through its groups (%d listed", listed)
	if outside > 0 {
		reason += fmt.Sprintf(", %d outside the tenant not listable", outside)
	}
	reason += ")"
	if bounded {
		reason += fmt.Sprintf("; the search stopped at its bounds (%d groups, %d levels of nesting, %d members a group)", maxGroupsPerDrive, maxGroupDepth, maxGroupMembers)
	}
	if len(failures) > 0 {
		reason += "; listing members failed for " + strings.Join(failures, "; ")
		return "", reason + ", so its items could not be listed", "fix the error named in the reason, or " + noMember
	}
	return "", reason + ", so its items could not be listed", noMember
}

// groupsRefusedReason explains a refused members.list for a gap.
func (a *auditor) groupsRefusedReason(err error) string {
	what := "the admin may not read groups"
	if scopeRefused(err) {
		what = "domain-wide delegation lacks the scope " + ScopeGroupsRead
	}
	return fmt.Sprintf("no active user is a direct member, and the members of its groups could not be listed (%s): %s; so its items could not be listed",
		what, summarize(err))
}

// groupsRefusedAction says how to let the next run list group members.
func (a *auditor) groupsRefusedAction(err error) string {
	if scopeRefused(err) {
		clientID := "<the service account's client ID>"
		if a.opts.Credentials != nil && a.opts.Credentials.ClientID() != "" {
			clientID = a.opts.Credentials.ClientID()
		}
		return fmt.Sprintf("in %s, add %s to client ID %s (the full list: %s), or add an admin as a member of the shared drive, and run the audit again",
			delegationPage, ScopeGroupsRead, clientID, strings.Join(Scopes, ","))
	}
	return fmt.Sprintf("give %s the Groups (read) admin privilege (Admin console → Account → Admin roles), or add an admin as a member of the shared drive, and run the audit again", a.opts.Admin)
}

func domainOfAddr(email string) string {
	_, d, _ := strings.Cut(email, "@")
	return strings.ToLower(d)
}

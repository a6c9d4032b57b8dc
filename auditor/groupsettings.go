package auditor

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	directory "google.golang.org/api/admin/directory/v1"
	"google.golang.org/api/groupssettings/v1"
	"google.golang.org/api/option"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// ScopeGroupsSettings lets the audit read each group's settings (Groups
// Settings API groups.get; the API has no read-only scope). It is asked for
// in a token of its own (groupSettingsClient): a delegation without it
// still audits everything else, with a coverage gap naming it.
const ScopeGroupsSettings = "https://www.googleapis.com/auth/apps.groups.settings"

// maxGroups bounds the groups whose settings one run reads.
const maxGroups = 20000

// readGroups lists the tenant's groups (Directory groups.list), reads each
// one's settings and direct members (once per run, shared with the shared
// drives' group resolution) and returns them as items of kind group for
// GROUP-001 and GROUP-002. What could not be read becomes a coverage gap
// of scope group.
func (a *auditor) readGroups(ctx context.Context, admin *adminClients) []*model.Item {
	dir, err := a.groupsClient(ctx, admin.groups)
	var groups []*directory.Group
	if err == nil {
		groups, err = a.listGroups(ctx, dir)
	}
	if err != nil {
		if ctx.Err() == nil {
			a.addGap(a.groupsGap("*", "the tenant's groups could not be listed", err, ScopeGroupsRead))
		}
		return nil
	}
	if len(groups) == 0 {
		return nil
	}
	gs, err := a.groupSettingsClient(ctx)
	if err != nil {
		a.addGap(a.groupsGap("*", "no group's settings could be read", err, ScopeGroupsSettings))
		return nil
	}
	var out []*model.Item
	for _, g := range groups {
		if ctx.Err() != nil {
			return out
		}
		email := strings.ToLower(g.Email)
		var s *groupssettings.Groups
		err := a.call(ctx, apiDirectory, "groupsSettings.groups.get", func() error {
			var err error
			s, err = gs.Groups.Get(email).Fields("email", "whoCanJoin", "whoCanViewGroup", "whoCanViewMembership",
				"whoCanPostMessage", "allowExternalMembers").Context(ctx).Do()
			return err
		})
		if err != nil {
			if ctx.Err() != nil {
				return out
			}
			if groupsRefused(err) {
				// Refused for one is refused for all: say so once.
				a.addGap(a.groupsGap("*", "no group's settings could be read", err, ScopeGroupsSettings))
				return out
			}
			a.addGap(a.groupsGap(email, "the group's settings could not be read", err, ScopeGroupsSettings))
			continue
		}
		mg := &model.Group{Email: email, WhoCanJoin: s.WhoCanJoin, WhoCanViewGroup: s.WhoCanViewGroup,
			WhoCanViewMembership: s.WhoCanViewMembership, WhoCanPostMessage: s.WhoCanPostMessage,
			AllowExternalMembers: strings.EqualFold(s.AllowExternalMembers, "true")}
		if l := a.groupMembers(ctx, admin.groups, email); l.err == nil {
			mg.Members = slices.Concat(l.users, l.groups)
			mg.MembersRead = true
		}
		out = append(out, &model.Item{ID: email, Name: g.Name, Kind: model.KindGroup, URL: groupURL(email), Group: mg})
	}
	return out
}

// listGroups pages through Directory groups.list for the whole customer.
func (a *auditor) listGroups(ctx context.Context, dir *directory.Service) ([]*directory.Group, error) {
	var out []*directory.Group
	token := ""
	for {
		var page *directory.Groups
		err := a.call(ctx, apiDirectory, "directory.groups.list", func() error {
			var err error
			page, err = dir.Groups.List().Customer("my_customer").MaxResults(200).PageToken(token).
				Fields("nextPageToken", "groups(email,name)").Context(ctx).Do()
			return err
		})
		if err != nil {
			return out, err
		}
		out = append(out, page.Groups...)
		if token = page.NextPageToken; token == "" || len(out) >= maxGroups {
			return out, nil
		}
	}
}

// groupSettingsClient returns a Groups Settings client acting as the admin
// with a token carrying only ScopeGroupsSettings.
func (a *auditor) groupSettingsClient(ctx context.Context) (*groupssettings.Service, error) {
	hc, err := a.scopedClient(ctx, a.opts.Admin, []string{ScopeGroupsSettings})
	if err != nil {
		return nil, err
	}
	return groupssettings.NewService(ctx, append(a.endpoint("/groups/v1/groups/"), option.WithHTTPClient(hc))...)
}

// groupsGap is a coverage gap about one group (or "*": all of them).
func (a *auditor) groupsGap(id, what string, err error, scope string) model.Gap {
	g := model.Gap{Scope: model.ScopeGroup, ID: id, Code: model.GapGroupSettingsUnreadable,
		Reason: fmt.Sprintf("%s (%s), so GROUP-001 and GROUP-002 did not check it", what, summarize(err)),
		Action: "fix the error named in the reason and run the audit again"}
	if id == "*" {
		g.Reason = fmt.Sprintf("%s (%s), so GROUP-001 and GROUP-002 checked no group", what, summarize(err))
	}
	switch {
	case scopeRefused(err):
		clientID := "<the service account's client ID>"
		if a.opts.Credentials != nil && a.opts.Credentials.ClientID() != "" {
			clientID = a.opts.Credentials.ClientID()
		}
		g.Reason = fmt.Sprintf("%s: domain-wide delegation lacks the scope %s (%s), so GROUP-001 and GROUP-002 checked no group", what, scope, summarize(err))
		g.Action = fmt.Sprintf("in %s, add %s to client ID %s (the full list: %s) and run the audit again",
			delegationPage, scope, clientID, strings.Join(Scopes, ","))
	case privilegeRefused(err):
		g.Action = fmt.Sprintf("give %s the Groups (read) admin privilege (Admin console → Account → Admin roles) and run the audit again", a.opts.Admin)
	}
	return g
}

// groupURL is where a person opens the group in Google Groups.
func groupURL(email string) string {
	name, domain, _ := strings.Cut(email, "@")
	return "https://groups.google.com/a/" + domain + "/g/" + url.PathEscape(name)
}

// audiencePolicy puts the audience policy into env, with what it needs
// from the Directory: every user's org unit and, for every group, the
// users reached through it (nested groups followed, each group's members
// listed once per run). Nothing is read without rules.
func (a *auditor) audiencePolicy(ctx context.Context, admin *adminClients, tenant *tenantInfo, groups []*model.Item, env *checks.Env) {
	if len(a.opts.AudienceRules) == 0 {
		return
	}
	env.Audiences, env.AudienceRules = a.opts.Audiences, a.opts.AudienceRules
	env.UserOrgUnits = tenant.orgUnits
	env.GroupUsers = map[string][]string{}
	names := map[string]bool{}
	for _, g := range groups {
		names[g.ID] = true
	}
	for _, au := range a.opts.Audiences {
		for _, g := range au.Groups {
			names[strings.ToLower(g)] = true
		}
	}
	for g := range names {
		if users := a.usersThrough(ctx, admin, tenant, g); len(users) > 0 {
			env.GroupUsers[g] = users
		}
	}
}

// usersThrough returns the users reached through group, nested groups
// followed (within maxGroupDepth), sorted. A CUSTOMER member (everyone in
// the tenant) brings in every user. Groups outside the tenant's domains
// cannot be listed and are passed over.
func (a *auditor) usersThrough(ctx context.Context, admin *adminClients, tenant *tenantInfo, group string) []string {
	internal := map[string]bool{}
	for _, d := range tenant.internalDomains() {
		internal[d] = true
	}
	seen := map[string]bool{group: true}
	users := map[string]bool{}
	level := []string{group}
	for depth := 0; depth <= maxGroupDepth && len(level) > 0; depth++ {
		var next []string
		for _, g := range level {
			if !internal[domainOfAddr(g)] {
				continue
			}
			l := a.groupMembers(ctx, admin.groups, g)
			if l.err != nil {
				continue
			}
			for _, u := range l.users {
				users[u] = true
			}
			if l.customer {
				for _, u := range tenant.userEmails() {
					users[u] = true
				}
			}
			for _, sub := range l.groups {
				if !seen[sub] {
					seen[sub] = true
					next = append(next, sub)
				}
			}
		}
		level = next
	}
	out := make([]string, 0, len(users))
	for u := range users {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

package emulator

import (
	"strconv"
	"strings"
)

// adminAPIs are the Admin SDK Directory and Reports methods.
func (s *Server) adminAPIs() map[string]api {
	const d = "/admin/directory/v1/"
	return map[string]api{
		"GET " + d + "users": {name: "directory.users.list", admin: true,
			h: s.usersList},
		"GET " + d + "users/{userKey}":                   {name: "directory.users.get", admin: true, h: s.usersGet},
		"GET " + d + "customer/{customer}/domains":       {name: "directory.domains.list", admin: true, h: s.domainsList},
		"GET " + d + "customer/{customer}/domainaliases": {name: "directory.domainAliases.list", admin: true, h: s.domainAliasesList},
		"GET " + d + "groups":                            {name: "directory.groups.list", admin: true, h: s.groupsList},
		"GET " + d + "groups/{groupKey}/members":         {name: "directory.members.list", admin: true, h: s.membersList},
		"GET /admin/reports/v1/activity/users/{userKey}/applications/{app}": {name: "reports.activities.list", admin: true,
			h: s.activitiesList},
	}
}

// checkCustomer accepts my_customer or the tenant's customer ID.
func (c *call) checkCustomer(v string) *apiError {
	if v == "my_customer" || v == c.ix.t.CustomerID {
		return nil
	}
	return &apiError{Code: 400, Reason: "badRequest", Message: "Bad Request"}
}

func (ix *index) userJSON(u *User) map[string]any {
	given, family, _ := strings.Cut(u.Name, " ")
	return map[string]any{
		"kind": "admin#directory#user", "id": numericID("user:" + u.Email), "primaryEmail": u.Email,
		"name":    map[string]any{"fullName": u.Name, "givenName": given, "familyName": family},
		"isAdmin": u.Admin, "suspended": u.Suspended, "orgUnitPath": u.OrgUnit, "customerId": ix.t.CustomerID,
		"isMailboxSetup": true, "archived": false,
	}
}

// usersList is users.list; `query` understands isSuspended=true|false,
// isAdmin=true|false and email:prefix* terms.
func (s *Server) usersList(c *call) (map[string]any, *apiError) {
	cust, dom := c.q.Get("customer"), c.q.Get("domain")
	if cust == "" && dom == "" {
		return nil, &apiError{Code: 400, Reason: "badRequest", Message: "Bad Request"}
	}
	if cust != "" {
		if e := c.checkCustomer(cust); e != nil {
			return nil, e
		}
	}
	match, e := userQuery(c.q.Get("query"))
	if e != nil {
		return nil, e
	}
	var us []*User
	for i := range c.ix.t.Users {
		u := &c.ix.t.Users[i]
		if (dom == "" || domainOf(u.Email) == dom) && match(u) {
			us = append(us, u)
		}
	}
	pg, e := c.page(len(us), 100)
	if e != nil {
		return nil, e
	}
	items := make([]any, 0, pg.end-pg.start)
	for _, u := range us[pg.start:pg.end] {
		items = append(items, c.ix.userJSON(u))
	}
	out := map[string]any{"kind": "admin#directory#users", "users": items}
	if pg.next != "" {
		out["nextPageToken"] = pg.next
	}
	return out, nil
}

// userQuery compiles the small subset of the Directory query language.
func userQuery(q string) (func(*User) bool, *apiError) {
	var tests []func(*User) bool
	for _, term := range strings.Fields(q) {
		k, v, ok := strings.Cut(term, "=")
		if !ok {
			k, v, ok = strings.Cut(term, ":")
		}
		v = strings.Trim(v, "'\"")
		switch {
		case ok && k == "isSuspended" && (v == "true" || v == "false"):
			tests = append(tests, func(u *User) bool { return u.Suspended == (v == "true") })
		case ok && k == "isAdmin" && (v == "true" || v == "false"):
			tests = append(tests, func(u *User) bool { return u.Admin == (v == "true") })
		case ok && k == "email":
			prefix, star := strings.CutSuffix(strings.ToLower(v), "*")
			tests = append(tests, func(u *User) bool {
				return u.Email == prefix || (star && strings.HasPrefix(u.Email, prefix))
			})
		default:
			return nil, &apiError{Code: 400, Reason: "invalid", Message: "Invalid Input: " + term}
		}
	}
	return func(u *User) bool {
		for _, t := range tests {
			if !t(u) {
				return false
			}
		}
		return true
	}, nil
}

// usersGet is users.get by primary e-mail or ID.
func (s *Server) usersGet(c *call) (map[string]any, *apiError) {
	key := strings.ToLower(c.r.PathValue("userKey"))
	for i := range c.ix.t.Users {
		u := &c.ix.t.Users[i]
		if u.Email == key || numericID("user:"+u.Email) == key {
			return c.ix.userJSON(u), nil
		}
	}
	return nil, errNotFound("Resource Not Found: userKey", "")
}

// domainsList is domains.list: the primary domain, then secondary ones.
func (s *Server) domainsList(c *call) (map[string]any, *apiError) {
	if e := c.checkCustomer(c.r.PathValue("customer")); e != nil {
		return nil, e
	}
	ds := []any{c.ix.domainJSON(c.ix.t.PrimaryDomain, true)}
	for _, d := range c.ix.t.Domains {
		if d != c.ix.t.PrimaryDomain {
			ds = append(ds, c.ix.domainJSON(d, false))
		}
	}
	return map[string]any{"kind": "admin#directory#domains", "domains": ds}, nil
}

// domainJSON is a domain resource with its aliases (domainAliases, as the
// Domains schema has them).
func (ix *index) domainJSON(name string, primary bool) map[string]any {
	m := map[string]any{"kind": "admin#directory#domain", "domainName": name, "isPrimary": primary, "verified": true,
		"creationTime": strconv.FormatInt(defaultModified.UnixMilli(), 10)}
	if as := ix.aliasesJSON(name); len(as) > 0 {
		m["domainAliases"] = as
	}
	return m
}

// aliasesJSON lists the domain aliases of parent, or all when parent is "".
func (ix *index) aliasesJSON(parent string) []any {
	var out []any
	for _, a := range ix.t.DomainAliases {
		if parent == "" || a.Parent == parent {
			out = append(out, map[string]any{"kind": "admin#directory#domainAlias", "domainAliasName": a.Alias,
				"parentDomainName": a.Parent, "verified": true, "creationTime": strconv.FormatInt(defaultModified.UnixMilli(), 10)})
		}
	}
	return out
}

// domainAliasesList is domainAliases.list, optionally for one parent domain.
func (s *Server) domainAliasesList(c *call) (map[string]any, *apiError) {
	if e := c.checkCustomer(c.r.PathValue("customer")); e != nil {
		return nil, e
	}
	out := map[string]any{"kind": "admin#directory#domainAliases"}
	if as := c.ix.aliasesJSON(strings.ToLower(c.q.Get("parentDomainName"))); len(as) > 0 {
		out["domainAliases"] = as
	}
	return out, nil
}

// groupsList is groups.list (customer or domain; userKey lists a member's
// groups).
func (s *Server) groupsList(c *call) (map[string]any, *apiError) {
	if cust := c.q.Get("customer"); cust != "" {
		if e := c.checkCustomer(cust); e != nil {
			return nil, e
		}
	}
	dom, member := c.q.Get("domain"), strings.ToLower(c.q.Get("userKey"))
	var gs []*Group
	for i := range c.ix.t.Groups {
		g := &c.ix.t.Groups[i]
		if (dom == "" || domainOf(g.Email) == dom) && (member == "" || c.ix.groupsOf[member][g.Email]) {
			gs = append(gs, g)
		}
	}
	pg, e := c.page(len(gs), 200)
	if e != nil {
		return nil, e
	}
	items := make([]any, 0, pg.end-pg.start)
	for _, g := range gs[pg.start:pg.end] {
		items = append(items, map[string]any{"kind": "admin#directory#group", "id": groupID(g.Email),
			"email": g.Email, "name": g.Name, "directMembersCount": strconv.Itoa(len(g.Members)), "adminCreated": true})
	}
	out := map[string]any{"kind": "admin#directory#groups", "groups": items}
	if pg.next != "" {
		out["nextPageToken"] = pg.next
	}
	return out, nil
}

// membersList is members.list: a group's direct members (type USER, GROUP
// or, for addresses outside the tenant, USER as Google reports external
// users), or with includeDerivedMembership=true also the members of its
// nested groups, however deep, each address once. A suspended user is
// listed with status SUSPENDED; a group member carries the group's ID.
func (s *Server) membersList(c *call) (map[string]any, *apiError) {
	key := strings.ToLower(c.r.PathValue("groupKey"))
	var g *Group
	for i := range c.ix.t.Groups {
		if gr := &c.ix.t.Groups[i]; gr.Email == key || groupID(gr.Email) == key {
			g = gr
		}
	}
	if g == nil {
		return nil, errNotFound("Resource Not Found: groupKey", "")
	}
	derived, e := c.flag("includeDerivedMembership")
	if e != nil {
		return nil, e
	}
	roles, e := rolesFilter(c.q.Get("roles"))
	if e != nil {
		return nil, e
	}
	var members []string
	if roles["MEMBER"] { // the tenant file gives every member the role MEMBER
		members = g.Members
		if derived {
			members = c.ix.derivedMembers(g)
		}
	}
	pg, e := c.page(len(members), 200)
	if e != nil {
		return nil, e
	}
	items := make([]any, 0, pg.end-pg.start)
	for _, m := range members[pg.start:pg.end] {
		items = append(items, c.ix.memberJSON(m))
	}
	out := map[string]any{"kind": "admin#directory#members", "members": items}
	if pg.next != "" {
		out["nextPageToken"] = pg.next
	}
	return out, nil
}

// groupID is a group's unique ID as groups.list reports it.
func groupID(email string) string { return numericID("group:" + email)[:17] }

// memberJSON is one member resource.
func (ix *index) memberJSON(addr string) map[string]any {
	m := map[string]any{"kind": "admin#directory#member", "email": addr, "role": "MEMBER", "type": "USER", "status": "ACTIVE"}
	switch {
	case ix.groups[addr] != nil:
		m["type"], m["id"] = "GROUP", groupID(addr)
	default:
		m["id"] = numericID("user:" + addr)
		if u := ix.users[addr]; u != nil && u.Suspended {
			m["status"] = "SUSPENDED"
		}
	}
	return m
}

// derivedMembers is g's members with those of its nested groups, breadth
// first in listing order, each address once (g itself never, even when
// nesting loops back to it).
func (ix *index) derivedMembers(g *Group) []string {
	seen := map[string]bool{g.Email: true}
	var out []string
	queue := []*Group{g}
	for len(queue) > 0 {
		gr := queue[0]
		queue = queue[1:]
		for _, m := range gr.Members {
			if seen[m] {
				continue
			}
			seen[m] = true
			out = append(out, m)
			if nested := ix.groups[m]; nested != nil {
				queue = append(queue, nested)
			}
		}
	}
	return out
}

// rolesFilter reads members.list's roles: a comma-separated list of OWNER,
// MANAGER and MEMBER; absent means all three. Inferred: the 400 invalid
// answer to an unknown role (Google's documentation does not say).
func rolesFilter(v string) (map[string]bool, *apiError) {
	if v == "" {
		return map[string]bool{"OWNER": true, "MANAGER": true, "MEMBER": true}, nil
	}
	roles := map[string]bool{}
	for _, r := range strings.Split(v, ",") {
		switch r = strings.ToUpper(strings.TrimSpace(r)); r {
		case "OWNER", "MANAGER", "MEMBER":
			roles[r] = true
		default:
			return nil, errInvalidValue("roles")
		}
	}
	return roles, nil
}

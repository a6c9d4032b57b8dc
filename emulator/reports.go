package emulator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// reportApps are application names the Reports API knows; only drive has
// events in a tenant file.
var reportApps = []string{"access_transparency", "admin", "calendar", "chat", "drive", "gcp", "gplus", "groups",
	"groups_enterprise", "jamboard", "login", "meet", "mobile", "rules", "saml", "token", "user_accounts", "context_aware_access", "chrome", "data_studio", "keep"}

// ReportsRetention is how long the Reports API keeps Drive events; a
// startTime at or before now minus it is refused with 400.
const ReportsRetention = 180 * 24 * time.Hour

// activitiesList is activities.list for application drive, newest first.
func (s *Server) activitiesList(c *call) (map[string]any, *apiError) {
	app, userKey := c.r.PathValue("app"), strings.ToLower(c.r.PathValue("userKey"))
	if !slices.Contains(reportApps, app) {
		return nil, errBadRequest("invalid", "Bad Request", "applicationName")
	}
	if userKey != "all" && c.ix.users[userKey] == nil {
		return nil, errBadRequest("invalid", "Bad Request", "userKey")
	}
	var from, to time.Time
	for name, dst := range map[string]*time.Time{"startTime": &from, "endTime": &to} {
		if v := c.q.Get(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return nil, errBadRequest("invalid", "Bad Request", name)
			}
			*dst = t
		}
	}
	if !from.IsZero() && !from.After(c.s.opts.Now().Add(-ReportsRetention)) {
		return nil, errBadRequest("invalid", fmt.Sprintf("Start time %s is older than the %d days of activity the Reports API keeps.", c.q.Get("startTime"), ReportsRetention/(24*time.Hour)), "startTime")
	}
	match, e := activityFilter(c.q.Get("filters"))
	if e != nil {
		return nil, e
	}
	var evs []*AuditEvent
	if app == "drive" {
		for i := range c.ix.t.AuditEvents {
			ev := &c.ix.t.AuditEvents[i]
			if (userKey == "all" || ev.Actor == userKey) && (c.q.Get("eventName") == "" || ev.Name == c.q.Get("eventName")) &&
				(from.IsZero() || !ev.Time.Before(from)) && (to.IsZero() || ev.Time.Before(to)) && match(eventParams(ev)) {
				evs = append(evs, ev)
			}
		}
	}
	slices.SortStableFunc(evs, func(a, b *AuditEvent) int { return b.Time.Compare(a.Time) })
	pg, e := c.page(len(evs), 1000)
	if e != nil {
		return nil, e
	}
	items := make([]any, 0, pg.end-pg.start)
	for _, ev := range evs[pg.start:pg.end] {
		items = append(items, c.ix.activityJSON(ev))
	}
	out := map[string]any{"kind": "admin#reports#activities", "items": items}
	if pg.next != "" {
		out["nextPageToken"] = pg.next
	}
	return out, nil
}

// eventParams lists an event's parameters as the Reports API shows them.
func eventParams(ev *AuditEvent) []map[string]any {
	var ps []map[string]any
	str := func(name, v string) {
		if v != "" {
			ps = append(ps, map[string]any{"name": name, "value": v})
		}
	}
	multi := func(name string, v []string) {
		if len(v) > 0 {
			ps = append(ps, map[string]any{"name": name, "multiValue": v})
		}
	}
	str("doc_id", ev.DocID)
	str("doc_type", ev.DocType)
	str("doc_title", ev.DocTitle)
	str("target_user", ev.TargetUser)
	str("target_domain", ev.TargetDomain)
	multi("old_value", ev.OldValue)
	multi("new_value", ev.NewValue)
	str("visibility", ev.Visibility)
	str("old_visibility", ev.OldVisibility)
	str("membership_change_type", ev.MembershipChangeType)
	str("shared_drive_id", ev.SharedDriveID)
	str("added_role", ev.AddedRole)
	str("removed_role", ev.RemovedRole)
	return ps
}

// activityFilter compiles `filters` ("doc_id==X,target_user<>Y").
func activityFilter(f string) (func([]map[string]any) bool, *apiError) {
	type cond struct {
		name, value string
		eq          bool
	}
	var conds []cond
	for _, part := range strings.Split(f, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if n, v, ok := strings.Cut(part, "=="); ok {
			conds = append(conds, cond{n, v, true})
		} else if n, v, ok := strings.Cut(part, "<>"); ok {
			conds = append(conds, cond{n, v, false})
		} else {
			return nil, errBadRequest("invalid", "Bad Request", "filters")
		}
	}
	return func(ps []map[string]any) bool {
		for _, c := range conds {
			got := ""
			for _, p := range ps {
				if p["name"] == c.name {
					got = fmt.Sprint(p["value"])
				}
			}
			if (got == c.value) != c.eq {
				return false
			}
		}
		return true
	}, nil
}

// activityJSON renders one audit event as a Reports activity.
func (ix *index) activityJSON(ev *AuditEvent) map[string]any {
	uq, _ := strconv.ParseInt(hashHex(fmt.Sprint(ev.Time.UnixNano(), ev.DocID, ev.Name, ev.Actor, ev.TargetUser))[:15], 16, 64)
	params := make([]any, 0, 13)
	for _, p := range eventParams(ev) {
		params = append(params, p)
	}
	return map[string]any{
		"kind": "admin#reports#activity",
		"id": map[string]any{"time": ev.Time.UTC().Format(time.RFC3339Nano), "uniqueQualifier": strconv.FormatInt(uq, 10),
			"applicationName": "drive", "customerId": ix.t.CustomerID},
		"actor":  map[string]any{"email": ev.Actor, "profileId": numericID("user:" + ev.Actor), "callerType": "USER"},
		"events": []any{map[string]any{"type": ev.Type, "name": ev.Name, "parameters": params}},
	}
}

package auditor

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	reports "google.golang.org/api/admin/reports/v1"

	"github.com/gwsaudit/gwsaudit/model"
)

// aclEvents are the Drive audit events that can take access away. The
// Reports API takes one eventName a call: each is read on its own.
var aclEvents = []string{"change_user_access", "change_document_visibility", "change_document_access_scope", membershipEvent}

// membershipEvent logs a shared drive's member added, removed or given
// another role (membership_change_type add_to_shared_drive,
// remove_from_shared_drive…); the member is target_user.
const (
	membershipEvent = "shared_drive_membership_change"
	memberRemoved   = "remove_from_shared_drive"
)

// allDomains is change_document_access_scope's target_domain when the
// change applies to the link itself, whoever it reaches: "anyone".
const allDomains = "all"

// Link-sharing visibilities as the audit log names them.
var (
	anyoneVisibility = []string{"people_with_link", "public_on_the_web"}
	domainVisibility = []string{"people_within_domain_with_link", "public_in_the_domain"}
)

// MaxAuditLogWindow is the longest audit-log window read: the Reports API
// keeps Drive events for 180 days and refuses a startTime at or past that,
// so a 180-day window would fail every time; one day less leaves room for
// the run's length and clock skew.
const MaxAuditLogWindow = 179 * 24 * time.Hour

// readRevocations reads the access removals of the audit-log window. The log
// is only a trigger for SHARE-007: Drive's current state stays the ground
// truth. A failure is a gap, and SHARE-007 then cannot fire.
func (a *auditor) readRevocations(ctx context.Context, admin *adminClients) []model.Revocation {
	now := a.opts.Now()
	out, ok := a.readRevocationsSince(ctx, admin, now.Add(-a.opts.AuditLogWindow))
	if ok && a.opts.Inventory != nil {
		a.opts.Inventory.AuditLogRead(now, out)
	}
	return out
}

// readRevocationsSince reads the access removals logged since since; ok is
// false when part of the log could not be read (a gap).
func (a *auditor) readRevocationsSince(ctx context.Context, admin *adminClients, since time.Time) (out []model.Revocation, ok bool) {
	start := since.UTC().Format(time.RFC3339)
	ok = true
	for _, name := range aclEvents {
		token := ""
		for {
			var page *reports.Activities
			err := a.call(ctx, apiReports, "reports.activities.list", func() error {
				call := admin.reports.Activities.List("all", "drive").EventName(name).StartTime(start).
					MaxResults(1000).PageToken(token)
				if name == membershipEvent {
					call = call.Filters("membership_change_type==" + memberRemoved) // additions are many, and not wanted
				}
				var err error
				page, err = call.Context(ctx).Do()
				return err
			})
			if err != nil {
				a.addGap(refineGap(model.Gap{Scope: model.ScopeAuditLog, ID: name, Code: model.GapAuditLogUnreadable,
					Reason: "the Drive audit log could not be read, so SHARE-007 (access left behind after a folder was unshared) was not checked: " + explain(err, "read the Drive audit log", a.opts.Admin, a.opts.Credentials).Error(),
					Action: "give the admin the Reports privilege and grant the admin.reports.audit.readonly scope, then run the audit again"}, err))
				ok = false
				break
			}
			for _, act := range page.Items {
				out = append(out, revocationsOf(act)...)
			}
			if token = page.NextPageToken; token == "" {
				break
			}
		}
	}
	return out, ok
}

// revocationsOf extracts the access removals of one activity.
func revocationsOf(act *reports.Activity) []model.Revocation {
	var at time.Time
	if act.Id != nil {
		at, _ = time.Parse(time.RFC3339, act.Id.Time)
	}
	actor := ""
	if act.Actor != nil {
		actor = strings.ToLower(act.Actor.Email)
	}
	var out []model.Revocation
	for _, ev := range act.Events {
		p := eventParams(ev)
		if ev.Name == membershipEvent {
			out = append(out, memberRemovals(p, at, actor)...)
			continue
		}
		if p.str("doc_type") != "" && p.str("doc_type") != "folder" {
			continue // only folders pass access down
		}
		r := model.Revocation{FolderID: p.str("doc_id"), At: at, Actor: actor}
		if r.FolderID == "" {
			continue
		}
		switch ev.Name {
		case "change_user_access":
			if !p.has("new_value", "none") || p.str("target_user") == "" {
				continue
			}
			// target_user names a user or a group alike, and the event
			// does not say which: record the removal for both, so that a
			// descendant's grant matches by address whatever its type (an
			// address is never both a user and a group).
			r.Type, r.Email = model.TypeUser, strings.ToLower(p.str("target_user"))
			g := r
			g.Type = model.TypeGroup
			out = append(out, g)
		case "change_document_visibility":
			was, now := p.str("old_visibility"), p.str("visibility")
			switch {
			case slices.Contains(anyoneVisibility, was) && !slices.Contains(anyoneVisibility, now):
				r.Type = model.TypeAnyone
			case slices.Contains(domainVisibility, was) && !slices.Contains(domainVisibility, now) && !slices.Contains(anyoneVisibility, now):
				r.Type, r.Domain = model.TypeDomain, strings.ToLower(p.str("target_domain"))
			default:
				continue
			}
		case "change_document_access_scope":
			d := strings.ToLower(p.str("target_domain"))
			if !p.has("new_value", "none") || d == "" {
				continue
			}
			if d == allDomains {
				r.Type = model.TypeAnyone // the link is off, not a domain named "all"
			} else {
				r.Type, r.Domain = model.TypeDomain, d
			}
		default:
			continue
		}
		out = append(out, r)
	}
	return out
}

// memberRemovals reads a shared_drive_membership_change: a member removed
// from a shared drive is a revocation on the drive, so items there that
// still grant that member on their own are SHARE-007's. target_user names
// a user or a group alike, as in change_user_access.
func memberRemovals(p params, at time.Time, actor string) []model.Revocation {
	drive := cmp.Or(p.str("shared_drive_id"), p.str("doc_id"))
	member := strings.ToLower(cmp.Or(p.str("target_user"), p.str("target")))
	if p.str("membership_change_type") != memberRemoved || drive == "" || member == "" {
		return nil
	}
	r := model.Revocation{FolderID: drive, Type: model.TypeGroup, Email: member, At: at, Actor: actor}
	u := r
	u.Type = model.TypeUser
	return []model.Revocation{r, u}
}

// params indexes an event's parameters by name.
type params map[string]*reports.ActivityEventsParameters

func eventParams(ev *reports.ActivityEvents) params {
	p := params{}
	for _, x := range ev.Parameters {
		p[x.Name] = x
	}
	return p
}

func (p params) str(name string) string {
	if x := p[name]; x != nil {
		if x.Value != "" {
			return x.Value
		}
		if len(x.MultiValue) > 0 {
			return x.MultiValue[0]
		}
	}
	return ""
}

func (p params) has(name, value string) bool {
	x := p[name]
	if x == nil {
		return false
	}
	return x.Value == value || slices.Contains(x.MultiValue, value)
}

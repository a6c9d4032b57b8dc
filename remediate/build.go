package remediate

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/suppress"
)

// Selection narrows a plan to some findings; empty lists select all.
// Within a list any entry matches; across lists all must.
type Selection struct {
	Checks       []string // check IDs
	Fingerprints []string
	Owners       []string // the item's owner address
	// Suppressions are applied on top of the statuses the report already
	// carries; a suppressed finding is never planned.
	Suppressions *suppress.List
	Now          time.Time
}

// selects reports whether f is one of the selected findings.
func (s Selection) selects(f *model.Finding) bool {
	in := func(list []string, v string) bool {
		return len(list) == 0 || slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, v) })
	}
	return in(s.Checks, f.CheckID) && in(s.Fingerprints, f.Fingerprint) && in(s.Owners, f.Resource.Owner)
}

// Build makes the plan that closes the selected findings of doc: one
// action per grant, notices for what only an owner can do.
func Build(doc *report.Document, sel Selection) (*Plan, error) {
	if doc == nil {
		return nil, errors.New("fix plan: no report")
	}
	if doc.Run.Tenant.PrimaryDomain == "" {
		return nil, usererr.New(usererr.PlanReportNoTenant)
	}
	now := cmp.Or(sel.Now, time.Now())
	findings := slices.Clone(doc.Findings)
	if sel.Suppressions != nil {
		sel.Suppressions.Apply(findings, now)
	}
	// Every finding on a grant, selected or not: a grant one of whose
	// findings is an accepted risk is not removed.
	byGrant := map[string][]*model.Finding{}
	for i := range findings {
		if k, ok := grantKey(&findings[i]); ok {
			byGrant[k] = append(byGrant[k], &findings[i])
		}
	}
	p := &Plan{Schema: PlanSchema, CreatedAt: now.UTC().Truncate(time.Second),
		Tenant:    Tenant{PrimaryDomain: doc.Run.Tenant.PrimaryDomain},
		SourceRun: SourceRun{ID: doc.Run.ID, FinishedAt: doc.Run.FinishedAt},
		Actions:   []Action{}, Notices: []Notice{}}
	planned := map[string]*Action{}
	var order []string
	for i := range findings {
		f := &findings[i]
		if f.Status == model.StatusSuppressed || !sel.selects(f) {
			continue
		}
		if code, reason := noticeOf(f); code != "" {
			p.Notices = append(p.Notices, Notice{Finding: *f, Code: code, Reason: reason})
			continue
		}
		k, _ := grantKey(f)
		if slices.ContainsFunc(byGrant[k], func(o *model.Finding) bool { return o.Status == model.StatusSuppressed }) {
			p.Notices = append(p.Notices, Notice{Finding: *f, Code: NoticeSuppressedSibling,
				Reason: "another finding on the same grant is an accepted risk (suppressed): removing the grant would override that decision, so the owner or the admin decides"})
			continue
		}
		if planned[k] != nil {
			continue // closed by the grant's action already
		}
		a := newAction(f)
		// Removing the grant closes its other findings too, selected or
		// not: the action says so.
		for _, o := range byGrant[k] {
			if o != f {
				a.absorb(o)
			}
		}
		planned[k] = a
		order = append(order, k)
	}
	for _, k := range order {
		p.Actions = append(p.Actions, *planned[k])
	}
	sortActions(p.Actions)
	for i := range p.Actions {
		p.Actions[i].ID = i + 1
	}
	slices.SortStableFunc(p.Notices, func(a, b Notice) int {
		return cmp.Or(cmp.Compare(b.Finding.Severity, a.Finding.Severity), cmp.Compare(a.Finding.Resource.Owner, b.Finding.Resource.Owner),
			cmp.Compare(a.Finding.Resource.Path, b.Finding.Resource.Path), cmp.Compare(a.Finding.Fingerprint, b.Finding.Fingerprint))
	})
	return p, nil
}

// grantKey names the grant a finding is about: item and principal.
func grantKey(f *model.Finding) (string, bool) {
	if f.Principal == nil || f.Resource.ID == "" {
		return "", false
	}
	p := f.Principal
	return f.Resource.ID + "\x00" + principalKey(model.Permission{Type: p.Type, Email: strings.ToLower(p.Email), Domain: strings.ToLower(p.Domain)}), true
}

// noticeOf says why no permission change can close f ("" when one can).
func noticeOf(f *model.Finding) (code, reason string) {
	switch {
	case f.CheckID == "FORM-001":
		return NoticeNoAPI, "the form's \"See summary charts and text responses\" setting cannot be changed through any Google API: its owner turns it off in the form (Settings → Presentation)"
	case f.Principal == nil || f.Resource.Kind == model.KindGroup || f.Resource.Kind == model.KindPage:
		return NoticeNotAGrant, "the finding is not about one Drive grant (a group's settings, a link on a web page, a setting that could not be read): fix apply changes only Drive permissions"
	case f.Principal.Role == "owner":
		return NoticeOwnerGrant, "the grant is the item's owner: ownership is transferred by the owner or an admin, never removed"
	}
	return "", ""
}

// newAction plans the removal of f's grant.
func newAction(f *model.Finding) *Action {
	p := f.Principal
	perm := model.Permission{Type: p.Type, Role: p.Role, Email: strings.ToLower(p.Email)}
	if p.Type == model.TypeDomain {
		perm.Domain = strings.ToLower(p.Domain)
	}
	a := &Action{ItemID: f.Resource.ID, ItemName: f.Resource.Name, ItemKind: string(f.Resource.Kind), ItemURL: f.Resource.URL,
		Owner: f.Resource.Owner, DriveID: f.Resource.DriveID, Permission: perm, Finding: *f, CheckIDs: []string{f.CheckID}}
	if d, ok := f.Evidence["discoverable"].(bool); ok {
		a.Permission.AllowFileDiscovery, a.DiscoveryKnown = d, true
	}
	switch {
	case f.Resource.Kind == model.KindSharedDrive:
		a.Kind = KindRemoveMember
	case p.Type == model.TypeAnyone || p.Type == model.TypeDomain:
		a.Kind = KindRestrictLink
	default:
		a.Kind = KindDeletePermission
	}
	return a
}

// absorb adds another finding on the same grant: the most severe stays
// the action's finding.
func (a *Action) absorb(f *model.Finding) {
	if !slices.Contains(a.CheckIDs, f.CheckID) {
		a.CheckIDs = append(a.CheckIDs, f.CheckID)
		slices.Sort(a.CheckIDs)
	}
	if d, ok := f.Evidence["discoverable"].(bool); ok && !a.DiscoveryKnown {
		a.Permission.AllowFileDiscovery, a.DiscoveryKnown = d, true
	}
	if f.Severity > a.Finding.Severity {
		a.AlsoCloses = append(a.AlsoCloses, a.Finding.Fingerprint)
		a.Finding = *f
	} else {
		a.AlsoCloses = append(a.AlsoCloses, f.Fingerprint)
	}
	slices.Sort(a.AlsoCloses)
}

// sortActions orders actions most severe first, then by owner and path.
func sortActions(as []Action) {
	slices.SortStableFunc(as, func(a, b Action) int {
		return cmp.Or(cmp.Compare(b.Finding.Severity, a.Finding.Severity), cmp.Compare(a.Owner, b.Owner),
			cmp.Compare(a.Finding.Resource.Path, b.Finding.Resource.Path), cmp.Compare(a.ItemID, b.ItemID),
			cmp.Compare(principalKey(a.Permission), principalKey(b.Permission)))
	})
}

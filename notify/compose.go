package notify

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// Notice is one owner's message. The "owner" is whom the message goes to:
// the owner of My Drive items, or a manager of the shared drive an item is
// on (items there have no owner).
type Notice struct {
	Owner    string
	Name     string // the owner's full name from the Directory, when the report has it
	Lang     string
	Cc       []string // the owner's org-unit contact, when configured and found
	Subject  string
	Body     string
	Findings []model.Finding // the owner's findings, localized, most severe first
	// Exposures are the owner's findings grouped by grant (report.Exposure):
	// the message lists one item, with one fix, per exposure.
	Exposures []report.Exposure
	// Date and MessageID head the message (RFC 5322).
	Date      time.Time
	MessageID string
}

// Batch is what Build makes of an input.
type Batch struct {
	Notices []*Notice
	// Unowned are findings no one can be told about: groups, pages,
	// shared-drive items whose drive has no manager the report names.
	Unowned []model.Finding
	// Warnings are problems that did not stop the batch (an org unit not
	// found, so no copy).
	Warnings []string
}

// Build groups the input's findings by owner — for a shared-drive item,
// by each manager of its drive — and writes each one's message, an item
// per exposure. Suppressed findings are never included;
// with OnlyNew only the exposures with something new are (whole: a known
// grant with a new reason keeps its older reasons). A message holds only
// findings whose resource its recipient owns or manages.
func Build(ctx context.Context, in *Input, opts Options) (*Batch, error) {
	if opts.OnlyNew && !in.HasStatus {
		return nil, fmt.Errorf("--only-new needs findings with a status (new, open): this %s comes from a run without a history; audit with --store PATH", in.Source)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	b := &Batch{}
	byOwner := map[string][]model.Finding{}
	var fresh map[string]bool // with OnlyNew: the findings of exposures with something new
	if opts.OnlyNew {
		fresh = map[string]bool{}
		for _, f := range report.OnlyNew(in.Doc).Findings {
			fresh[f.Fingerprint] = true
		}
	}
	for _, f := range in.Doc.Findings {
		if f.Status == model.StatusSuppressed || fresh != nil && !fresh[f.Fingerprint] {
			continue
		}
		to := Recipients(f)
		if len(to) == 0 {
			b.Unowned = append(b.Unowned, f)
		}
		for _, r := range to {
			if len(opts.Only) == 0 || slices.Contains(opts.Only, r) {
				byOwner[r] = append(byOwner[r], f)
			}
		}
	}
	for _, owner := range slices.Sorted(maps.Keys(byOwner)) {
		n, warning, err := compose(ctx, in, &opts, owner, byOwner[owner])
		if err != nil {
			return nil, err
		}
		if warning != "" {
			b.Warnings = append(b.Warnings, warning)
		}
		b.Notices = append(b.Notices, n)
	}
	return b, nil
}

// compose writes one owner's message from that owner's findings.
func compose(ctx context.Context, in *Input, opts *Options, owner string, fs []model.Finding) (*Notice, string, error) {
	tx, err := textsFor(opts.langFor(owner))
	if err != nil {
		return nil, "", fmt.Errorf("language of %s: %w", owner, err)
	}
	doc := report.New(in.Doc.Run, model.Coverage{}, fs)
	if err := doc.Localize(tx.lang); err != nil {
		return nil, "", fmt.Errorf("message to %s: %w", owner, err)
	}
	n := &Notice{Owner: owner, Lang: tx.lang, Findings: doc.Findings, Exposures: doc.Exposures(), Date: opts.Now()}
	known := ""
	for _, f := range fs {
		if strings.EqualFold(f.Resource.Owner, owner) {
			n.Name, known = cmp.Or(n.Name, f.Resource.OwnerName), cmp.Or(known, f.Resource.OwnerOrgUnit)
		}
	}
	var warning string
	if len(opts.OrgUnitContacts) > 0 {
		var cc string
		cc, warning = copyTo(ctx, opts, owner, known)
		if cc != "" && !strings.EqualFold(cc, owner) {
			n.Cc = []string{cc}
		}
	}
	n.Subject = fmt.Sprintf(tx.subject, len(n.Exposures))
	n.Body = body(tx, in, n, opts)
	n.MessageID = messageID(in.Doc.Run, n, opts.From.Address)
	return n, warning, nil
}

// Recipients are whom a finding's message goes to: its item's owner, else
// the managers of its shared drive (bare addresses only).
func Recipients(f model.Finding) []string {
	if owner, ok := ownerAddress(f.Resource.Owner); ok {
		return []string{owner}
	}
	var out []string
	for _, m := range f.Resource.DriveManagers {
		if a, ok := ownerAddress(m); ok && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// ownerAddress is the owner as a bare address, lower-cased; ok is false
// for anything else (no owner, a display name, a header injection).
func ownerAddress(owner string) (string, bool) {
	owner = strings.ToLower(strings.TrimSpace(owner))
	a, err := mail.ParseAddress(owner)
	if err != nil || a.Name != "" || a.Address != owner || strings.ContainsAny(owner, "\r\n\"<>") {
		return "", false
	}
	return owner, true
}

// copyTo finds the org-unit contact of owner, from the org unit the report
// names (known) or else the Directory; the warning says why there is none
// when one was expected.
func copyTo(ctx context.Context, opts *Options, owner, known string) (cc, warning string) {
	if known != "" { // the report names the owner's org unit
		return opts.contactFor(known), ""
	}
	if opts.OrgUnitOf == nil {
		return "", fmt.Sprintf("no copy to the org unit contact for %s: the owner's org unit is not known (give the admin and credentials so that the Directory can be asked)", owner)
	}
	ou, err := opts.OrgUnitOf(ctx, owner)
	if err != nil {
		return "", fmt.Sprintf("no copy to the org unit contact for %s: %v", owner, err)
	}
	return opts.contactFor(ou), ""
}

// body writes the message text: greeting, an item per exposure (a grant
// with every reason, one fix) with its state, steps and link, whom to ask,
// and the footer.
func body(tx *texts, in *Input, n *Notice, opts *Options) string {
	run := in.Doc.Run
	var w strings.Builder
	line := func(parts ...string) {
		w.WriteString(strings.Join(parts, ""))
		w.WriteString("\n")
	}
	tenant := cmp.Or(run.Tenant.PrimaryDomain, "?")
	line(fmt.Sprintf(tx.greeting, cmp.Or(n.Name, n.Owner)))
	line()
	managed := slices.ContainsFunc(n.Findings, func(f model.Finding) bool { return !strings.EqualFold(f.Resource.Owner, n.Owner) })
	whose := tx.yours
	if managed {
		whose = tx.yoursShared
	}
	if run.StartedAt.IsZero() {
		line(fmt.Sprintf(tx.introNoDate, tenant, whose, len(n.Exposures)))
	} else {
		line(fmt.Sprintf(tx.intro, tenant, run.StartedAt.Format(tx.dateFormat), whose, len(n.Exposures)))
	}
	if managed {
		line(tx.asManager)
	}
	maxItems := cmp.Or(opts.MaxItems, defaultMaxItems)
	for i, e := range n.Exposures {
		if i == maxItems {
			line()
			line(fmt.Sprintf(tx.more, len(n.Exposures)-maxItems))
			break
		}
		f := e.Primary()
		words, err := report.WordsFor(tx.lang, e, zone(run))
		if err != nil { // the language was checked: cannot happen
			words = report.ExposureWords{Title: f.Title, Messages: []string{f.Message}, Fix: f.Remediation}
		}
		sev := report.SeverityName(tx.lang, e.Severity())
		if e.HasNew() {
			sev += tx.newMark
		}
		line()
		line(fmt.Sprintf(tx.item, i+1, sev, words.Title))
		line(tx.target, itemName(f))
		if f.Resource.DriveName != "" {
			line(tx.drive, f.Resource.DriveName)
		}
		if f.Resource.URL != "" {
			line(tx.link, f.Resource.URL)
		}
		line(tx.state, strings.Join(words.Messages, report.SentenceSep(tx.lang)))
		if allPlanned(in, e) {
			line(tx.planned)
		} else {
			line(tx.fix, words.Fix)
		}
		if first := e.FirstSeen(); first != nil && e.Status() != model.StatusNew {
			line(tx.firstSeen, first.In(zone(run)).Format(tx.dateFormat))
		}
	}
	line()
	line(fmt.Sprintf(tx.ask, cmp.Or(opts.Contact, tx.askDefault)))
	if len(n.Cc) > 0 {
		line(fmt.Sprintf(tx.copyNote, strings.Join(n.Cc, ", ")))
	}
	line()
	line("-- ")
	line(tx.footer)
	return w.String()
}

// allPlanned reports whether the admin's fix plan removes every grant of
// the exposure (then the owner is told, not asked).
func allPlanned(in *Input, e report.Exposure) bool {
	for _, f := range e.Findings {
		if !in.Planned[f.Fingerprint] {
			return false
		}
	}
	return true
}

// itemName is the item's path (folders and name), else its name or ID.
func itemName(f model.Finding) string {
	return cmp.Or(f.Resource.Path, f.Resource.Name, f.Resource.ID)
}

// zone is the run's time zone (UTC for a plan).
func zone(run report.Run) *time.Location {
	if run.StartedAt.IsZero() {
		return time.UTC
	}
	return run.StartedAt.Location()
}

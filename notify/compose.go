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

// Notice is one owner's message.
type Notice struct {
	Owner    string
	Lang     string
	Cc       []string // the owner's org-unit contact, when configured and found
	Subject  string
	Body     string
	Findings []model.Finding // the owner's findings, localized, in the order listed
	// Date and MessageID head the message (RFC 5322).
	Date      time.Time
	MessageID string
}

// Batch is what Build makes of an input.
type Batch struct {
	Notices []*Notice
	// Unowned are findings no owner can be told about: shared-drive
	// items, groups, pages (no owner address in the report).
	Unowned []model.Finding
	// Warnings are problems that did not stop the batch (an org unit not
	// found, so no copy).
	Warnings []string
}

// Build groups the input's findings by owner and writes each owner's
// message. Suppressed findings are never included; with OnlyNew only new
// ones are. An owner's message holds only findings whose resource that
// owner owns.
func Build(ctx context.Context, in *Input, opts Options) (*Batch, error) {
	if opts.OnlyNew && !in.HasStatus {
		return nil, fmt.Errorf("--only-new needs findings with a status (new, open): this %s comes from a run without a history; audit with --store PATH", in.Source)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	b := &Batch{}
	byOwner := map[string][]model.Finding{}
	for _, f := range in.Doc.Findings {
		if f.Status == model.StatusSuppressed || opts.OnlyNew && f.Status != model.StatusNew {
			continue
		}
		if owner, ok := ownerAddress(f.Resource.Owner); ok {
			byOwner[owner] = append(byOwner[owner], f)
		} else {
			b.Unowned = append(b.Unowned, f)
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
	n := &Notice{Owner: owner, Lang: tx.lang, Findings: doc.Findings, Date: opts.Now()}
	var warning string
	if len(opts.OrgUnitContacts) > 0 {
		var cc string
		cc, warning = copyTo(ctx, opts, owner)
		if cc != "" && !strings.EqualFold(cc, owner) {
			n.Cc = []string{cc}
		}
	}
	n.Subject = fmt.Sprintf(tx.subject, len(doc.Findings))
	n.Body = body(tx, in, n, opts)
	n.MessageID = messageID(in.Doc.Run, n, opts.From.Address)
	return n, warning, nil
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

// copyTo finds the org-unit contact of owner; the warning says why there
// is none when one was expected.
func copyTo(ctx context.Context, opts *Options, owner string) (cc, warning string) {
	if opts.OrgUnitOf == nil {
		return "", fmt.Sprintf("no copy to the org unit contact for %s: the owner's org unit is not known (give the admin and credentials so that the Directory can be asked)", owner)
	}
	ou, err := opts.OrgUnitOf(ctx, owner)
	if err != nil {
		return "", fmt.Sprintf("no copy to the org unit contact for %s: %v", owner, err)
	}
	return opts.contactFor(ou), ""
}

// body writes the message text: greeting, the findings with their state,
// steps and link, whom to ask, and the footer.
func body(tx *texts, in *Input, n *Notice, opts *Options) string {
	run := in.Doc.Run
	var w strings.Builder
	line := func(parts ...string) {
		w.WriteString(strings.Join(parts, ""))
		w.WriteString("\n")
	}
	tenant := cmp.Or(run.Tenant.PrimaryDomain, "?")
	line(fmt.Sprintf(tx.greeting, n.Owner))
	line()
	if run.StartedAt.IsZero() {
		line(fmt.Sprintf(tx.introNoDate, tenant, len(n.Findings)))
	} else {
		line(fmt.Sprintf(tx.intro, tenant, run.StartedAt.Format(tx.dateFormat), len(n.Findings)))
	}
	maxItems := cmp.Or(opts.MaxItems, defaultMaxItems)
	for i, f := range n.Findings {
		if i == maxItems {
			line()
			line(fmt.Sprintf(tx.more, len(n.Findings)-maxItems))
			break
		}
		sev := report.SeverityName(tx.lang, f.Severity)
		if f.Status == model.StatusNew {
			sev += tx.newMark
		}
		line()
		line(fmt.Sprintf(tx.item, i+1, sev, f.Title))
		line(tx.target, itemName(f))
		if f.Resource.URL != "" {
			line(tx.link, f.Resource.URL)
		}
		line(tx.state, f.Message)
		if in.Planned[f.Fingerprint] {
			line(tx.planned)
		} else {
			line(tx.fix, f.Remediation)
		}
		if f.FirstSeen != nil && f.Status != model.StatusNew && !f.FirstSeen.IsZero() {
			line(tx.firstSeen, f.FirstSeen.In(zone(run)).Format(tx.dateFormat))
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

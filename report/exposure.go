package report

import (
	"slices"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// Exposure is one thing an owner fixes with one action: the findings about
// one grant (an item and who it is shared with, whatever checks fired on
// it: a lookalike outside address left after its folder was unshared is
// SHARE-005, -006, -007 and -008 at once, and removing the address closes
// them all) or, for a finding about an item's own settings (no principal: a
// form's summary, a group's settings), that one finding, since each such
// check has its own setting to change. Suppressed findings form exposures
// of their own, so an accepted risk never hides an open one.
//
// The human formats (console, CSV, XLSX, HTML, Markdown, Sheets) show one
// row per exposure; the JSON report keeps one finding per check.
type Exposure struct {
	// Findings are the exposure's findings in report order: the most
	// severe (the primary) first.
	Findings []model.Finding
}

// Primary is the exposure's most severe finding, which names it.
func (e Exposure) Primary() model.Finding { return e.Findings[0] }

// Severity is the highest severity of its findings.
func (e Exposure) Severity() model.Severity {
	s := e.Findings[0].Severity
	for _, f := range e.Findings[1:] {
		s = s.Raise(f.Severity)
	}
	return s
}

// CheckIDs lists the checks that found it, primary first, each once.
func (e Exposure) CheckIDs() []string {
	var ids []string
	for _, f := range e.Findings {
		if !slices.Contains(ids, f.CheckID) {
			ids = append(ids, f.CheckID)
		}
	}
	return ids
}

// Fingerprints lists its findings' fingerprints, as the JSON report has them.
func (e Exposure) Fingerprints() []string {
	out := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		out[i] = f.Fingerprint
	}
	return out
}

// Status is the exposure's status with a run history: suppressed when its
// findings are; new when every one of them is new (the grant was not there
// last run); open when at least one was seen before, even if another
// reason is new ("" without history).
func (e Exposure) Status() string {
	p := e.Findings[0]
	if p.Status == model.StatusSuppressed {
		return model.StatusSuppressed
	}
	seen, fresh := false, false
	for _, f := range e.Findings {
		switch f.Status {
		case model.StatusNew:
			fresh = true
		case model.StatusOpen:
			seen = true
		}
	}
	switch {
	case seen:
		return model.StatusOpen
	case fresh:
		return model.StatusNew
	}
	return p.Status
}

// HasNew reports whether any of its findings is new: a new exposure, or a
// known one with a new reason (--only-new and the HTML filter show both).
func (e Exposure) HasNew() bool {
	return slices.ContainsFunc(e.Findings, func(f model.Finding) bool { return f.Status == model.StatusNew })
}

// NewChecks are the checks whose findings are new in an exposure that is
// itself not new (a known grant with a new reason).
func (e Exposure) NewChecks() []string {
	if e.Status() != model.StatusOpen {
		return nil
	}
	var ids []string
	for _, f := range e.Findings {
		if f.Status == model.StatusNew && !slices.Contains(ids, f.CheckID) {
			ids = append(ids, f.CheckID)
		}
	}
	return ids
}

// FirstSeen is when the earliest of its findings was first seen (nil
// without history).
func (e Exposure) FirstSeen() *time.Time {
	var first *time.Time
	for _, f := range e.Findings {
		if f.FirstSeen != nil && !f.FirstSeen.IsZero() && (first == nil || f.FirstSeen.Before(*first)) {
			first = f.FirstSeen
		}
	}
	return first
}

// exposureKey groups findings: the item and the principal (type, address,
// domain) of a grant, or the item and the check when there is no
// principal; suppressed findings apart from the others.
func exposureKey(r model.Resource, p *model.Principal, checkID string, suppressed bool) string {
	var b strings.Builder
	b.WriteString(string(r.Kind))
	b.WriteByte(0)
	b.WriteString(r.ID)
	b.WriteByte(0)
	if p != nil {
		b.WriteString(p.Type)
		b.WriteByte(0)
		b.WriteString(strings.ToLower(p.Email))
		b.WriteByte(0)
		b.WriteString(strings.ToLower(p.Domain))
	} else {
		b.WriteString("-\x00")
		b.WriteString(checkID)
	}
	if suppressed {
		b.WriteString("\x00s")
	}
	return b.String()
}

// GroupExposures groups findings into exposures, most severe first (the
// report order of their primary findings); fs is not changed.
func GroupExposures(fs []model.Finding) []Exposure {
	sorted := slices.Clone(fs)
	SortFindings(sorted)
	idx := map[string]int{}
	var out []Exposure
	for _, f := range sorted {
		k := exposureKey(f.Resource, f.Principal, f.CheckID, f.Status == model.StatusSuppressed)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Exposure{})
		}
		out[i].Findings = append(out[i].Findings, f)
	}
	return out
}

// Exposures groups the document's findings (see GroupExposures).
func (d *Document) Exposures() []Exposure { return GroupExposures(d.Findings) }

// CountExposures tallies exposures by their highest severity; suppressed
// ones are only counted as suppressed.
func CountExposures(es []Exposure) Summary {
	var s Summary
	for _, e := range es {
		f := e.Primary()
		f.Severity = e.Severity()
		s.add(f)
	}
	return s
}

// NewExposures counts the exposures with something new in them (a new
// grant, or a new reason on a known one), suppressed ones left out.
func NewExposures(es []Exposure) int {
	n := 0
	for _, e := range es {
		if e.Status() != model.StatusSuppressed && e.HasNew() {
			n++
		}
	}
	return n
}

// ResolvedExposure is what a run history found fixed since the last run,
// grouped like Exposure: the resolved findings of one grant (or one
// setting).
type ResolvedExposure struct {
	Findings []Resolved
	// Partly is set when the grant itself is still reported (one of its
	// reasons went away, others remain).
	Partly bool
}

// ResolvedExposures groups d.Resolved by grant, in the order of the
// first of each group; nil without history.
func (d *Document) ResolvedExposures() []ResolvedExposure {
	if d.Resolved == nil {
		return nil
	}
	current := map[string]bool{}
	for _, f := range d.Findings {
		current[exposureKey(f.Resource, f.Principal, f.CheckID, false)] = true
	}
	rs := slices.Clone(d.Resolved)
	slices.SortStableFunc(rs, func(a, b Resolved) int {
		return strings.Compare(a.Resource.Path+"\x00"+a.Resource.Name+"\x00"+a.CheckID, b.Resource.Path+"\x00"+b.Resource.Name+"\x00"+b.CheckID)
	})
	idx := map[string]int{}
	out := []ResolvedExposure{}
	for _, r := range rs {
		k := exposureKey(r.Resource, r.Principal, r.CheckID, false)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, ResolvedExposure{Partly: current[k]})
		}
		out[i].Findings = append(out[i].Findings, r)
	}
	return out
}

// OnlyNew returns a copy of d whose findings are those of the exposures
// with something new in them (--only-new: what a department has not been
// told about yet; a known grant with a new reason keeps its older reasons,
// so the row says what it is). The summary is counted anew; the resolved
// list stays.
func OnlyNew(d *Document) *Document {
	c := *d
	c.Findings = []model.Finding{}
	for _, e := range d.Exposures() {
		if e.Status() != model.StatusSuppressed && e.HasNew() {
			c.Findings = append(c.Findings, e.Findings...)
		}
	}
	SortFindings(c.Findings)
	c.Summary = Count(c.Findings)
	c.onlyNew = true
	return &c
}

// newFirst orders the exposures with something new before the others,
// each part in its own order (most severe first): with a run history the
// console and Markdown, which show only the first few, show the news.
func newFirst(es []Exposure) []Exposure {
	out := make([]Exposure, 0, len(es))
	for _, fresh := range []bool{true, false} {
		for _, e := range es {
			if (e.HasNew() && e.Status() != model.StatusSuppressed) == fresh {
				out = append(out, e)
			}
		}
	}
	return out
}

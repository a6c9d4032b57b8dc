package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/suppress"
)

// Columns of the findings table shared by CSV, XLSX, Sheets and HTML.
const (
	colSeverity = iota
	colCheck
	colTitle
	colItem
	colURL
	colOwner
	colPrincipal
	colRole
	colLocation
	colPersonalData
	colStatus
	colRemediation
	numColumns // the columns HTML and Markdown show
)

// Columns only the spreadsheets (CSV, XLSX, Sheets) show, for the
// departments admins forward them to.
const (
	colKind         = numColumns + iota // file, folder, form… in the reader's language
	colItemID                           // what a suppression names
	colDescription                      // a one-line summary of the evidence
	colSharedDrive                      // the shared drive the item is on
	colFirstSeen                        // run history: the day first found
	colAuditDate                        // the run's day
	colSevRank                          // 5 (critical) … 1 (info): sorts by severity
	colOwnerName                        // the owner's full name (Directory)
	colOrgUnit                          // the owner's org unit, 所属 (Directory)
	colAdminNote                        // advice for the admin, apart from the owner's fix
	colFingerprints                     // the JSON report's fingerprints of the row's findings
	numSheetColumns
)

// sheetLayout is the spreadsheets' column order: severity and its sort
// key, then the item and its owner (kept on screen), who it is shared with
// and why, then the references (check, item ID, URL, place) and the
// bookkeeping; the owner's remediation, the widest, then the admin's note
// and the fingerprints that tie a row to the JSON report.
var sheetLayout = [numSheetColumns]int{
	colSeverity, colSevRank, colItem, colOwner, colOwnerName, colOrgUnit, colKind, colPrincipal, colRole,
	colTitle, colDescription, colPersonalData, colStatus, colFirstSeen,
	colCheck, colItemID, colURL, colLocation, colSharedDrive, colAuditDate,
	colRemediation, colAdminNote, colFingerprints,
}

// sheetPos is where each column is in sheetLayout.
var sheetPos = func() (p [numSheetColumns]int) {
	for i, c := range sheetLayout {
		p[c] = i
	}
	return p
}()

// row is one finding as the tabular formats show it: every value is text in
// the reader's language, still raw (each writer escapes for its format).
type row struct {
	Severity model.Severity
	Cells    [numColumns]string      // HTML's and Markdown's columns
	Sheet    [numSheetColumns]string // the spreadsheets' columns, in sheetLayout order
	Message  string
	// Exposure rows (exposure_rows.go): the status (new, open, suppressed,
	// or resolved for a row of the resolved list), whether anything in it
	// is new, and the checks behind it.
	Status string
	New    bool
	Checks []string
}

// table holds what the tabular writers render from a document.
type table struct {
	c    *catalog
	doc  *Document
	rows []row // one per exposure, most severe first
	// exps are the exposures behind rows; resolved are the rows of what
	// the run history found fixed (nil without history).
	exps     []Exposure
	resolved []row
}

// newTable builds the findings table of d in lang ("" is English). d's
// findings are expected to be localized already (WriteFile does it).
func newTable(d *Document, lang string) (*table, error) {
	if lang == "" {
		lang = "en"
	}
	c, err := lookup(lang)
	if err != nil {
		return nil, err
	}
	t := &table{c: c, doc: d}
	t.exposureRows(driveNames(d))
	return t, nil
}

// header is the header row of HTML's and Markdown's findings table.
func (t *table) header() []string { return t.c.sheet.columns[:numColumns] }

// sheetHeader is the spreadsheets' header row, in sheetLayout order.
func (t *table) sheetHeader() []string {
	h := make([]string, numSheetColumns)
	for i, col := range sheetLayout {
		h[i] = t.c.sheet.columns[col]
	}
	return h
}

// driveNames names the shared drives the report has findings about (a
// finding on a drive itself carries its name), by drive ID.
func driveNames(d *Document) map[string]string {
	m := map[string]string{}
	for _, f := range d.Findings {
		if f.Resource.Kind == model.KindSharedDrive && f.Resource.Name != "" {
			m[f.Resource.ID] = f.Resource.Name
		}
	}
	return m
}

// dateFmt is how the spreadsheets show a day.
const dateFmt = "2006-01-02"

// sevRank is the severity as a number that sorts in severity order: 5 is
// critical, 1 info.
func sevRank(s model.Severity) int { return int(clampSev(s)-model.Info) + 1 }

// row turns one finding of d into table cells; drives names shared
// drives by ID.
func (c *catalog) row(d *Document, f model.Finding, drives map[string]string) row {
	loc := d.zone()
	v := view{Finding: f, c: c, loc: loc}
	r := row{Severity: f.Severity, Message: f.Message}
	var all [numSheetColumns]string
	all[colSeverity] = c.sevName(f.Severity)
	all[colCheck] = f.CheckID
	all[colTitle] = f.Title
	all[colItem] = v.Name()
	all[colURL] = f.Resource.URL
	all[colOwner] = c.ownerCell(f.Resource)
	all[colOwnerName] = f.Resource.OwnerName
	all[colOrgUnit] = f.Resource.OwnerOrgUnit
	all[colAdminNote] = f.AdminNote
	if f.Principal != nil {
		all[colPrincipal] = v.Who()
		all[colRole] = v.Role()
	}
	all[colLocation] = c.location(f.Resource)
	all[colPersonalData] = c.personalData(v)
	all[colStatus] = c.statusOf(v)
	all[colRemediation] = f.Remediation

	all[colKind] = v.Kind()
	all[colItemID] = f.Resource.ID
	all[colDescription] = c.describe(v)
	if id := f.Resource.DriveID; id != "" {
		all[colSharedDrive] = id
		if name := cmp.Or(f.Resource.DriveName, drives[id]); name != "" {
			all[colSharedDrive] = name + " (" + id + ")"
		}
	}
	if f.FirstSeen != nil && !f.FirstSeen.IsZero() {
		all[colFirstSeen] = inZone(*f.FirstSeen, loc).Format(dateFmt)
	}
	if !d.Run.StartedAt.IsZero() {
		all[colAuditDate] = d.Run.StartedAt.Format(dateFmt)
	}
	all[colSevRank] = strconv.Itoa(sevRank(f.Severity))

	copy(r.Cells[:], all[:numColumns])
	r.Cells[colOwner] = c.ownerLabel(f.Resource) // one owner column: name and 所属 in it
	r.Message = c.withAdminNote(r.Message, f.AdminNote)
	for i, col := range sheetLayout {
		r.Sheet[i] = all[col]
	}
	return r
}

// inZone is t in loc (t itself when loc is nil).
func inZone(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		return t
	}
	return t.In(loc)
}

// describe sums up a finding's evidence in one line, where it says more
// than the title: the address a lookalike imitates, when and by whom a
// folder's access was removed, how many items below a grant reaches.
func (c *catalog) describe(v view) string {
	dt := c.sheet.describe
	var parts []string
	if to := v.Str("lookalike_of"); to != "" {
		parts = append(parts, fmt.Sprintf(dt.lookalike, to))
	}
	switch at, by := v.Time("revoked_at"), v.Str("revoked_by"); {
	case at != "" && by != "":
		parts = append(parts, fmt.Sprintf(dt.revokedBy, at, by))
	case at != "":
		parts = append(parts, fmt.Sprintf(dt.revoked, at))
	case by != "":
		parts = append(parts, fmt.Sprintf(dt.revokedByOnly, by))
	}
	if n := v.Int("items_reached"); n > 0 {
		parts = append(parts, fmt.Sprintf(dt.reached, num(n)))
	}
	return strings.Join(parts, c.listSep)
}

// sevName is the severity in the catalog's language.
func (c *catalog) sevName(s model.Severity) string {
	if s < model.Info || s > model.Critical {
		return s.String()
	}
	return c.severity[s]
}

// personalData phrases the personal-data signal of a finding: the matched
// keywords, then items below with personal data in their names.
func (c *catalog) personalData(v view) string {
	var parts []string
	if kw := v.List("personal_data"); kw != "" {
		parts = append(parts, kw)
	}
	if items := v.List("personal_data_items"); items != "" {
		parts = append(parts, items)
	}
	return strings.Join(parts, c.listSep)
}

// statusOf is a finding's status in the reader's language, with the
// suppression behind it: until when and why it is accepted, or when the
// acceptance expired (so the owner sees why an old finding is new again).
func (c *catalog) statusOf(v view) string {
	st := c.status(v.Status)
	switch until, reason, expired := v.Str(suppress.EvUntil), v.Str(suppress.EvReason), v.Str(suppress.EvExpired); {
	case v.Status == model.StatusSuppressed && until != "":
		return fmt.Sprintf(c.statusNotes.suppressed, until, reason)
	case expired != "":
		return fmt.Sprintf(c.statusNotes.expired, cmp.Or(st, c.status(model.StatusNew)), expired)
	}
	return st
}

// status is a finding status in the reader's language ("" stays "").
func (c *catalog) status(s string) string {
	if w, ok := c.statuses[s]; ok {
		return w
	}
	return s
}

// ownerCount is one line of the by-owner summary.
type ownerCount struct {
	Owner string
	Sev   [model.Critical + 1]int
	Total int
}

// byOwner counts exposures per owner, worst first (most critical, then
// high…, then total, then owner).
func (t *table) byOwner() []ownerCount {
	m := map[string]*ownerCount{}
	var out []*ownerCount
	for _, e := range t.exps {
		key := t.c.ownerLabel(e.Primary().Resource) // as the HTML rows' owner, which the summary filters by
		o := m[key]
		if o == nil {
			o = &ownerCount{Owner: key}
			m[key] = o
			out = append(out, o)
		}
		o.Sev[clampSev(e.Severity())]++
		o.Total++
	}
	slices.SortFunc(out, func(a, b *ownerCount) int {
		for s := model.Critical; s >= model.Info; s-- {
			if c := cmp.Compare(b.Sev[s], a.Sev[s]); c != 0 {
				return c
			}
		}
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(a.Owner, b.Owner))
	})
	res := make([]ownerCount, len(out))
	for i, o := range out {
		res[i] = *o
	}
	return res
}

// checkCount is one line of the by-check summary.
type checkCount struct {
	CheckID, Title string
	Worst          model.Severity
	Count          int
}

// byCheck counts findings per check, worst severity first, then by ID.
func (t *table) byCheck() []checkCount {
	m := map[string]*checkCount{}
	var out []*checkCount
	for _, f := range t.doc.Findings {
		c := m[f.CheckID]
		if c == nil {
			title := f.Title
			if tx, ok := t.c.checks[f.CheckID]; ok {
				title = tx.Title
			}
			c = &checkCount{CheckID: f.CheckID, Title: title, Worst: f.Severity}
			m[f.CheckID] = c
			out = append(out, c)
		}
		c.Worst = c.Worst.Raise(f.Severity)
		c.Count++
	}
	slices.SortFunc(out, func(a, b *checkCount) int {
		return cmp.Or(cmp.Compare(b.Worst, a.Worst), cmp.Compare(a.CheckID, b.CheckID))
	})
	res := make([]checkCount, len(out))
	for i, c := range out {
		res[i] = *c
	}
	return res
}

// sevCount is how many findings have one severity.
type sevCount struct {
	Sev   model.Severity
	Count int
}

// severityCounts lists the summary most severe first.
func (s Summary) severityCounts() []sevCount {
	counts := []int{s.Info, s.Low, s.Medium, s.High, s.Critical}
	out := make([]sevCount, 0, len(counts))
	for sev := model.Critical; sev >= model.Info; sev-- {
		out = append(out, sevCount{sev, counts[sev]})
	}
	return out
}

// gapView is one coverage gap in the reader's language.
type gapView struct {
	Scope, ID, Name, Explanation, Details, Action string
}

// gap explains g by its code (falling back to its English reason, then
// shown as the explanation with no details).
func (c *catalog) gap(g model.Gap) gapView {
	v := gapView{ID: g.ID, Name: g.Name, Explanation: g.Reason, Action: g.Action}
	if s, ok := c.scopes[g.Scope]; ok {
		v.Scope = s
	} else {
		v.Scope = g.Scope
	}
	if t, ok := c.gaps[g.Code]; ok {
		v.Explanation = t.Explain
		if c.sheet.details != "" { // a language without it keeps Google's English out
			v.Details = g.Reason
		}
		if t.Action != "" {
			v.Action = t.Action
		}
	}
	if g.Accepted() {
		v.Explanation = fmt.Sprintf(c.labels.gapAccepted, g.AcceptedUntil, g.AcceptedReason) + v.Explanation
	}
	return v
}

// gapColumns returns a coverage gap row's cells (scope, ID, name,
// explanation, action, details), without the details when the language
// has no details column (detailsLabel ""): Japanese reports keep Google's
// English error text to the JSON report.
func gapColumns(detailsLabel string, cells ...string) []string {
	if detailsLabel == "" {
		return cells[:len(cells)-1]
	}
	return cells
}

// gaps explains every coverage gap of the table's document.
func (t *table) gaps() []gapView {
	out := make([]gapView, len(t.doc.Coverage.Gaps))
	for i, g := range t.doc.Coverage.Gaps {
		out[i] = t.c.gap(g)
	}
	return out
}

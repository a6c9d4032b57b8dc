package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// set writes v into column col of the row, in both layouts.
func (r *row) set(col int, v string) {
	if col < numColumns {
		r.Cells[col] = v
	}
	r.Sheet[sheetPos[col]] = v
}

// exposureRows fills the table's rows, one per exposure, and the resolved
// rows of a run with history.
func (t *table) exposureRows(drives map[string]string) {
	t.exps = t.doc.Exposures()
	t.rows = make([]row, len(t.exps))
	for i, e := range t.exps {
		t.rows[i] = t.c.exposureRow(t.doc, e, drives)
	}
	if res := t.doc.ResolvedExposures(); res != nil {
		t.resolved = make([]row, len(res))
		for i, re := range res {
			t.resolved[i] = t.c.resolvedRow(t.doc, re, drives)
		}
	}
}

// exposureRow is the row of one exposure: the primary finding's item,
// owner and grant, the highest severity, every reason, the one
// remediation, and every check ID and fingerprint behind it.
func (c *catalog) exposureRow(d *Document, e Exposure, drives map[string]string) row {
	loc := d.zone()
	p := e.Primary()
	r := c.row(d, p, drives)
	sev := e.Severity()
	r.Severity, r.Status, r.New, r.Checks = sev, e.Status(), e.HasNew(), e.CheckIDs()
	r.set(colSeverity, c.sevName(sev))
	r.set(colSevRank, strconv.Itoa(sevRank(sev)))
	r.set(colCheck, strings.Join(r.Checks, c.listSep))
	r.set(colTitle, c.exposureTitle(e))
	// A discoverable anyone grant is named so whichever check says it.
	for _, f := range e.Findings {
		if v := (view{Finding: f, c: c, loc: loc}); f.Principal != nil && v.Bool("discoverable") {
			r.set(colPrincipal, v.Who())
			break
		}
	}
	var pd, desc, msgs []string
	for _, f := range e.Findings {
		v := view{Finding: f, c: c, loc: loc}
		pd = appendNew(pd, c.personalData(v))
		desc = appendNew(desc, c.describe(v))
		msgs = append(msgs, f.Message)
	}
	msgs = uniqueSentences(msgs)
	r.set(colPersonalData, strings.Join(pd, c.listSep))
	r.set(colDescription, strings.Join(desc, c.listSep))
	r.Message = strings.Join(msgs, "\n")
	r.set(colStatus, c.exposureStatus(e, loc))
	r.set(colFirstSeen, "")
	if first := e.FirstSeen(); first != nil {
		r.set(colFirstSeen, inZone(*first, loc).Format(dateFmt))
	}
	r.set(colRemediation, c.exposureFix(e, loc))
	note := exposureAdminNote(e, c.sentenceSep())
	r.set(colAdminNote, note)
	if note != "" { // HTML shows the admin's note with the details
		r.Message = strings.TrimSpace(r.Message + "\n" + c.ownerTextOf().adminNote + note)
	}
	r.set(colFingerprints, strings.Join(e.Fingerprints(), " "))
	return r
}

// appendNew appends s unless it is empty or already listed.
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// resolvedRow is the row of a resolved exposure: what it was (item, grant,
// reasons, checks), since when, and that it is resolved; no severity and
// nothing left to do.
func (c *catalog) resolvedRow(d *Document, re ResolvedExposure, drives map[string]string) row {
	first := re.Findings[0]
	f := model.Finding{Fingerprint: first.Fingerprint, CheckID: first.CheckID, Resource: first.Resource,
		Principal: first.Principal, Evidence: map[string]any{}}
	var ids, fps []string
	var since time.Time
	for _, x := range re.Findings {
		ids = appendNew(ids, x.CheckID)
		fps = append(fps, x.Fingerprint)
		if !x.FirstSeen.IsZero() && (since.IsZero() || x.FirstSeen.Before(since)) {
			since = x.FirstSeen
		}
	}
	if !since.IsZero() {
		f.FirstSeen = &since
	}
	r := c.row(d, f, drives)
	r.Status, r.Checks = statusResolved, ids
	r.set(colSeverity, "")
	r.set(colSevRank, "")
	r.set(colCheck, strings.Join(ids, c.listSep))
	title := c.reasons(ids)
	if len(ids) == 1 {
		if t, ok := c.checks[ids[0]]; ok {
			title = t.Title
		}
	}
	r.set(colTitle, title)
	x := c.xt()
	r.set(colStatus, cmp.Or(map[bool]string{true: x.resolvedPartly}[re.Partly], x.resolved))
	r.set(colRemediation, "")
	r.set(colFingerprints, strings.Join(fps, " "))
	return r
}

// statusResolved is the status of a resolved row.
const statusResolved = "resolved"

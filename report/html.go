package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gwsaudit/gwsaudit/model"
)

var (
	//go:embed html/report.tmpl
	htmlSource string
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/report.js
	htmlJS string

	htmlTmpl = template.Must(template.New("report").Parse(htmlSource))
	// htmlCSP allows only the page's own inline script (by hash) and
	// styles: nothing is loaded from anywhere, and a script that slipped
	// past escaping would not run.
	htmlCSP = func() string {
		sum := sha256.Sum256([]byte(htmlJS))
		return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-" +
			base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'"
	}()
)

// htmlRow is one finding row of the HTML table.
type htmlRow struct {
	Sev          int
	Check, Owner string // Check: the row's check IDs, space-separated
	Checks       []string
	Message      string
	Cells        []htmlCell
	New          bool // something in it is new since the last run
}

// htmlCell is one cell of a finding row: its text, the column's header
// (the label of a card on a narrow screen) and how the page shows it.
type htmlCell struct {
	Text, Label string
	Kind        string // "sev", "title", "url" or ""
	Class       string
}

// htmlLongText is how many characters a cell may have before the page
// stops looking for phrase breaks in it (word-break: auto-phrase), which
// takes Chromium seconds per ten thousand characters.
const htmlLongText = 500

// htmlCellClass is the CSS class of a findings column: addresses and
// locations may wrap anywhere, the remediation is left out of the search.
var htmlCellClass = map[int]string{
	colCheck: "nowrap", colTitle: "title", colItem: "item", colOwner: "who", colPrincipal: "who",
	colLocation: "loc", colPersonalData: "pd", colRemediation: "fix",
}

// htmlCount is a severity's name and count, or an owner's counts.
type htmlCount struct {
	Sev   int
	Name  string
	Count int
}

type htmlOwner struct {
	Owner  string
	Counts []int // most severe first
	Total  int
}

// htmlCheck is one line of the by-check summary: its count of each
// severity (most severe first) and its total.
type htmlCheck struct {
	CheckID, Title string
	Counts         []htmlCount
	Count          int
}

// WriteHTML writes one self-contained HTML page (no external resources)
// with severity counts, coverage gaps, a sortable and filterable findings
// table that can group by owner, and summaries by owner and by check.
// html/template escapes every value for its context.
func WriteHTML(w io.Writer, d *Document, lang string) error {
	t, err := newTable(d, lang)
	if err != nil {
		return err
	}
	c := t.c
	data := map[string]any{
		"Lang": c.lang, "CSP": htmlCSP, "Version": d.Tool.Version,
		"Heading": c.labels.heading, "Tenant": d.Run.Tenant.PrimaryDomain,
		"Span": c.runSpan(d.Run), "RunID": d.Run.ID,
		"L":           htmlLabels(c),
		"Gaps":        t.gaps(),
		"GapsHeading": fmt.Sprintf(c.labels.gapsHeading, len(d.Coverage.Gaps)),
		"CSS":         template.CSS(htmlCSS), "JS": template.JS(htmlJS),
		"Generated": fmt.Sprintf(c.sheet.generated, d.Tool.Version),
	}
	t1 := d.Run.Tenant
	if others := slices.DeleteFunc(slices.Clone(t1.Domains), func(s string) bool { return s == t1.PrimaryDomain }); len(others) > 0 {
		data["OtherDomains"] = strings.Join(others, c.listSep)
	}
	cv := d.Coverage
	data["CoverageLine"] = strings.Join([]string{
		c.labels.users + " " + num(cv.Users.Audited) + "/" + num(cv.Users.Total),
		c.labels.sharedDrives + " " + num(cv.SharedDrives.Audited) + "/" + num(cv.SharedDrives.Total),
		c.labels.items + " " + num(cv.Items),
		c.labels.formsVerified + " " + num(cv.Forms.Verified) + "/" + num(cv.Forms.Total),
	}, c.listSep)

	var counts []htmlCount
	for _, sc := range CountExposures(t.exps).severityCounts() {
		counts = append(counts, htmlCount{Sev: int(sc.Sev), Name: c.sevName(sc.Sev), Count: sc.Count})
	}
	data["Counts"] = counts
	// A column no finding fills (say, the status before any history) is
	// left out: it would only take width from the remediation.
	header := t.header()
	used := make([]bool, len(header))
	for _, r := range t.rows {
		for col, text := range r.Cells {
			used[col] = used[col] || text != ""
		}
	}
	var shownHeader []string
	for col, h := range header {
		if used[col] || len(t.rows) == 0 {
			shownHeader = append(shownHeader, h)
		}
	}
	data["Header"] = shownHeader
	rows := make([]htmlRow, len(t.rows))
	perCheck := map[string]*[model.Critical + 1]int{}
	for i, r := range t.rows {
		sev := clampSev(r.Severity)
		hr := htmlRow{Sev: int(sev), Check: strings.Join(r.Checks, " "), Owner: r.Cells[colOwner], Checks: r.Checks, Message: r.Message, New: r.New}
		for col, text := range r.Cells {
			if !used[col] {
				continue
			}
			cell := htmlCell{Text: text, Class: htmlCellClass[col]}
			if utf8.RuneCountInString(text) > htmlLongText {
				cell.Class = strings.TrimSpace(cell.Class + " long")
			}
			if col < len(header) {
				cell.Label = header[col]
			}
			switch col {
			case colSeverity:
				cell.Kind = "sev"
			case colTitle:
				cell.Kind = "title"
			case colURL:
				cell.Kind = "url"
			case colCheck:
				cell.Kind = "checks"
			}
			hr.Cells = append(hr.Cells, cell)
		}
		rows[i] = hr
	}
	for _, f := range d.Findings { // the by-check summary counts findings
		n := perCheck[f.CheckID]
		if n == nil {
			n = new([model.Critical + 1]int)
			perCheck[f.CheckID] = n
		}
		n[clampSev(f.Severity)]++
	}
	data["History"] = d.Resolved != nil
	if d.Resolved != nil {
		data["News"] = fmt.Sprintf(c.labels.sinceLast, NewExposures(t.exps), len(t.resolved))
	}
	data["Resolved"] = htmlResolved(t)
	data["Rows"] = rows
	var owners []htmlOwner
	for _, o := range t.byOwner() {
		ho := htmlOwner{Owner: o.Owner, Total: o.Total}
		for s := model.Critical; s >= model.Info; s-- {
			ho.Counts = append(ho.Counts, o.Sev[s])
		}
		owners = append(owners, ho)
	}
	data["Owners"] = owners
	var byCheck []htmlCheck
	for _, cc := range t.byCheck() {
		hc := htmlCheck{CheckID: cc.CheckID, Title: cc.Title, Count: cc.Count}
		n := perCheck[cc.CheckID]
		for s := model.Critical; s >= model.Info; s-- {
			k := 0
			if n != nil {
				k = n[s]
			}
			hc.Counts = append(hc.Counts, htmlCount{Sev: int(s), Count: k})
		}
		byCheck = append(byCheck, hc)
	}
	data["Checks"] = byCheck
	if err := htmlTmpl.Execute(w, data); err != nil {
		return fmt.Errorf("report: write HTML: %w", err)
	}
	return nil
}

// htmlLabels are the catalog's words the page uses, by name.
func htmlLabels(c *catalog) map[string]string {
	s, l := c.sheet, c.labels
	return map[string]string{
		"run": l.run, "runID": l.runID, "findings": l.findings, "coverage": l.coverage,
		"findingsSheet": s.findingsSheet, "byOwner": s.byOwner, "byCheck": s.byCheck,
		"scope": s.scope, "id": s.id, "explanation": s.explanation, "action": s.action, "details": s.details,
		"filter": s.filter, "allSeverities": s.allSeverities, "allChecks": s.allChecks,
		"groupByOwner": s.groupByOwner, "shown": s.shown, "noOwner": s.noOwner, "noScript": s.noScript,
		"open": s.open, "message": s.message, "total": s.total, "count": s.count,
		"colSeverity": s.columns[colSeverity], "colCheck": s.columns[colCheck],
		"colTitle": s.columns[colTitle], "colOwner": s.columns[colOwner],
		"onlyNew": c.xt().onlyNew,
	}
}

// clampSev keeps s within Info..Critical.
func clampSev(s model.Severity) model.Severity { return min(max(s, model.Info), model.Critical) }

package report

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gwsaudit/gwsaudit/model"
)

// Severity colours (fill, font) shared by XLSX, Sheets and HTML.
var severityFill = [...]struct{ Fill, Font string }{
	model.Info:     {"E7E9EC", "3C4043"},
	model.Low:      {"D2E3FC", "174EA6"},
	model.Medium:   {"FEEFC3", "7A4F01"},
	model.High:     {"FAD2CF", "A50E0E"},
	model.Critical: {"B31412", "FFFFFF"},
}

// sevStyle clamps s into the colour table.
func sevStyle(s model.Severity) struct{ Fill, Font string } {
	return severityFill[min(max(s, model.Info), model.Critical)]
}

// maxColumnWidth bounds a column's width (in characters).
const maxColumnWidth = 60

// WriteXLSX writes an Excel workbook with three sheets: Findings (frozen
// header, autofilter, severity colours), Summary (counts by severity, check
// and owner) and Coverage (what was audited, and the gaps). Text is stored
// as strings, never formulas, and is neutralized as in CSV.
func WriteXLSX(w io.Writer, d *Document, lang string) error {
	t, err := newTable(d, lang)
	if err != nil {
		return err
	}
	x := &xlsx{f: excelize.NewFile(), t: t}
	defer x.f.Close()
	x.build()
	if x.err != nil {
		return fmt.Errorf("report: write XLSX: %w", x.err)
	}
	if _, err := x.f.WriteTo(w); err != nil {
		return fmt.Errorf("report: write XLSX: %w", err)
	}
	return nil
}

// xlsx builds one workbook, keeping the first error.
type xlsx struct {
	f   *excelize.File
	t   *table
	err error

	header, wrap, bold, link int
	sev                      [model.Critical + 1]int
}

func (x *xlsx) check(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

func (x *xlsx) style(s *excelize.Style) int {
	id, err := x.f.NewStyle(s)
	x.check(err)
	return id
}

// xlsxFonts are the workbook's default font per language: Japanese needs a
// CJK family (Yu Gothic ships with Windows 8.1+ and Office for Mac; Excel
// substitutes Meiryo or MS PGothic where it is missing, as a workbook names
// one family per font).
var xlsxFonts = map[string]string{"ja": "Yu Gothic"}

// maxHyperlinks is how many links a worksheet may hold (Excel's limit).
const maxHyperlinks = 65530

func (x *xlsx) build() {
	st := x.t.c.sheet
	font := xlsxFonts[x.t.c.lang] // "" keeps excelize's default (Calibri)
	if font != "" {
		x.check(x.f.SetDefaultFont(font)) // unstyled cells and styles without a font
	}
	x.header = x.style(&excelize.Style{Font: &excelize.Font{Family: font, Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"3C4043"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	x.wrap = x.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	x.bold = x.style(&excelize.Style{Font: &excelize.Font{Family: font, Bold: true}})
	x.link = x.style(&excelize.Style{Font: &excelize.Font{Family: font, Color: "1155CC", Underline: "single"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	for s := model.Info; s <= model.Critical; s++ {
		c := sevStyle(s)
		x.sev[s] = x.style(&excelize.Style{Font: &excelize.Font{Family: font, Bold: s >= model.High, Color: c.Font},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Fill}},
			Alignment: &excelize.Alignment{Vertical: "top"}})
	}
	x.check(x.f.SetSheetName("Sheet1", st.findingsSheet))
	x.findings(st.findingsSheet)
	_, err := x.f.NewSheet(st.summarySheet)
	x.check(err)
	x.summary(st.summarySheet)
	_, err = x.f.NewSheet(st.coverageSheet)
	x.check(err)
	x.coverage(st.coverageSheet)
	if x.t.resolved != nil { // a run history: what got fixed
		name := x.t.c.xt().resolvedSheet
		_, err = x.f.NewSheet(name)
		x.check(err)
		x.resolvedSheet(name)
	}
	x.f.SetActiveSheet(0)
	when := x.t.doc.Run.FinishedAt
	if when.IsZero() {
		when = x.t.doc.Run.StartedAt
	}
	props := &excelize.DocProperties{Creator: ToolName + " " + x.t.doc.Tool.Version,
		Title: x.t.c.labels.heading + " " + x.t.doc.Run.Tenant.PrimaryDomain, Language: x.t.c.lang}
	if !when.IsZero() {
		props.Created = when.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	x.check(x.f.SetDocProps(props))
}

// cell is the A1 name of column col (0-based) in row r (1-based).
func cell(col, r int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, r)
	return name
}

// text writes a neutralized string.
func (x *xlsx) text(sheet string, col, r int, s string) {
	x.check(x.f.SetCellStr(sheet, cell(col, r), inert(s)))
}

func (x *xlsx) num(sheet string, col, r, n int) {
	x.check(x.f.SetCellInt(sheet, cell(col, r), int64(n)))
}

// headerRow writes a styled header at row r.
func (x *xlsx) headerRow(sheet string, r int, names ...string) {
	for i, n := range names {
		x.text(sheet, i, r, n)
	}
	x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(len(names)-1, r), x.header))
}

// xlsxWidths are the findings columns' fixed widths (in characters),
// which keep the item and its owner on screen; the rest fit their text up
// to maxColumnWidth.
var xlsxWidths = map[int]int{colSeverity: 8, colSevRank: 8, colItem: 40, colOwner: 30, colFingerprints: 26}

func (x *xlsx) findings(sheet string) {
	hdr := x.t.sheetHeader()
	x.headerRow(sheet, 1, hdr...)
	widths := make([]int, numSheetColumns)
	for i, h := range hdr {
		widths[i] = Columns(h) + 4 // room for the filter button
	}
	rank, url, links := sheetPos[colSevRank], sheetPos[colURL], 0
	for i, rw := range x.t.rows {
		r := i + 2
		for col, v := range rw.Sheet {
			if col == rank {
				x.num(sheet, col, r, sevRank(rw.Severity)) // a number, to sort by
			} else {
				x.text(sheet, col, r, v)
			}
			widths[col] = max(widths[col], min(Columns(v), maxColumnWidth))
		}
		x.check(x.f.SetCellStyle(sheet, cell(1, r), cell(numSheetColumns-1, r), x.wrap))
		x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(0, r), x.sev[min(max(rw.Severity, model.Info), model.Critical)]))
		if u := rw.Sheet[url]; u != "" && safeURL(u) && links < maxHyperlinks {
			x.check(x.f.SetCellHyperLink(sheet, cell(url, r), u, "External"))
			x.check(x.f.SetCellStyle(sheet, cell(url, r), cell(url, r), x.link))
			links++
		}
	}
	for col, wd := range widths {
		if w, ok := xlsxWidths[sheetLayout[col]]; ok {
			wd = w
		}
		name, _ := excelize.ColumnNumberToName(col + 1)
		x.check(x.f.SetColWidth(sheet, name, name, float64(min(wd+2, maxColumnWidth))))
	}
	// The header and the columns up to the item stay put while scrolling.
	frozen := sheetPos[colItem] + 1
	x.check(x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: frozen, YSplit: 1, TopLeftCell: cell(frozen, 2), ActivePane: "bottomRight"}))
	x.check(x.f.AutoFilter(sheet, cell(0, 1)+":"+cell(numSheetColumns-1, len(x.t.rows)+1), nil))
}

func (x *xlsx) summary(sheet string) {
	c, st := x.t.c, x.t.c.sheet
	d := x.t.doc
	x.text(sheet, 0, 1, c.labels.heading+" — "+d.Run.Tenant.PrimaryDomain)
	x.check(x.f.SetCellStyle(sheet, "A1", "A1", x.bold))
	x.text(sheet, 0, 2, c.labels.run+": "+c.runSpan(d.Run))

	r := 4
	x.text(sheet, 0, r, st.bySeverity)
	x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(0, r), x.bold))
	r++
	x.headerRow(sheet, r, st.columns[colSeverity], st.count)
	for _, sc := range CountExposures(x.t.exps).severityCounts() {
		r++
		x.text(sheet, 0, r, c.sevName(sc.Sev))
		x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(0, r), x.sev[sc.Sev]))
		x.num(sheet, 1, r, sc.Count)
	}
	r++
	x.text(sheet, 0, r, st.total)
	x.num(sheet, 1, r, len(x.t.exps))
	x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(1, r), x.bold))

	r += 2
	x.text(sheet, 0, r, st.byCheck)
	x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(0, r), x.bold))
	r++
	x.headerRow(sheet, r, st.columns[colCheck], st.columns[colTitle], st.columns[colSeverity], st.count)
	for _, cc := range x.t.byCheck() {
		r++
		x.text(sheet, 0, r, cc.CheckID)
		x.text(sheet, 1, r, cc.Title)
		x.text(sheet, 2, r, c.sevName(cc.Worst))
		x.check(x.f.SetCellStyle(sheet, cell(2, r), cell(2, r), x.sev[min(max(cc.Worst, model.Info), model.Critical)]))
		x.num(sheet, 3, r, cc.Count)
	}
	r++
	x.text(sheet, 0, r, st.total)
	x.num(sheet, 3, r, len(d.Findings))
	x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(3, r), x.bold))

	r += 2
	x.text(sheet, 0, r, st.byOwner)
	x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(0, r), x.bold))
	r++
	hdr := []string{st.columns[colOwner]}
	for s := model.Critical; s >= model.Info; s-- {
		hdr = append(hdr, c.severity[s])
	}
	x.headerRow(sheet, r, append(hdr, st.total)...)
	for _, oc := range x.t.byOwner() {
		r++
		owner := oc.Owner
		if owner == "" {
			owner = st.noOwner
		}
		x.text(sheet, 0, r, owner)
		for i, s := 1, model.Critical; s >= model.Info; i, s = i+1, s-1 {
			x.num(sheet, i, r, oc.Sev[s])
		}
		x.num(sheet, 6, r, oc.Total)
	}
	x.check(x.f.SetColWidth(sheet, "A", "A", 40))
	x.check(x.f.SetColWidth(sheet, "B", "B", 36))
	x.check(x.f.SetColWidth(sheet, "C", "G", 10))
}

func (x *xlsx) coverage(sheet string) {
	c, st := x.t.c, x.t.c.sheet
	cv := x.t.doc.Coverage
	x.headerRow(sheet, 1, st.what, st.audited, st.ofTotal)
	lines := []struct {
		what           string
		audited, total int
	}{
		{c.labels.users, cv.Users.Audited, cv.Users.Total},
		{c.labels.sharedDrives, cv.SharedDrives.Audited, cv.SharedDrives.Total},
		{c.labels.items, cv.Items, -1},
		{st.formsVerifiedCol, cv.Forms.Verified, cv.Forms.Total},
	}
	r := 1
	for _, l := range lines {
		r++
		x.text(sheet, 0, r, l.what)
		x.num(sheet, 1, r, l.audited)
		if l.total >= 0 {
			x.num(sheet, 2, r, l.total)
		}
	}
	r += 2
	gaps := x.t.gaps()
	if len(gaps) == 0 {
		x.text(sheet, 0, r, st.noGaps)
	} else {
		x.text(sheet, 0, r, fmt.Sprintf(c.labels.gapsHeading, len(gaps)))
	}
	x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(0, r), x.bold))
	if len(gaps) > 0 {
		r++
		x.headerRow(sheet, r, gapColumns(st.details, st.scope, st.id, st.name, st.explanation, st.action, st.details)...)
		for _, g := range gaps {
			r++
			cols := gapColumns(st.details, g.Scope, g.ID, g.Name, g.Explanation, g.Action, g.Details)
			for col, v := range cols {
				x.text(sheet, col, r, v)
			}
			x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(len(cols)-1, r), x.wrap))
		}
	}
	for col, wd := range []float64{24, 30, 24, 50, 50, 50} {
		name, _ := excelize.ColumnNumberToName(col + 1)
		x.check(x.f.SetColWidth(sheet, name, name, wd))
	}
}

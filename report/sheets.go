package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"google.golang.org/api/drive/v3"
	"google.golang.org/api/sheets/v4"

	"github.com/gwsaudit/gwsaudit/model"
)

// SheetsScopes are the OAuth scopes ExportSheets needs: to create the
// spreadsheet and to share the file it created. The audit itself never
// asks for them.
var SheetsScopes = []string{
	"https://www.googleapis.com/auth/spreadsheets",
	"https://www.googleapis.com/auth/drive.file",
}

// maxSheetsCell is the longest text a Sheets cell holds.
const maxSheetsCell = 50000

// Fixed tab IDs, so that formatting requests can be built before the
// spreadsheet exists.
const (
	tabFindings int64 = iota
	tabSummary
	tabCoverage
)

// SheetsOptions tune ExportSheets.
type SheetsOptions struct {
	Lang  string
	Title string // the spreadsheet's title; "" names the tenant and run
	// Share lists addresses to share the spreadsheet with (as editors, so
	// they can track their findings in it).
	Share []string
	// Call sends one request (fn) to Google; method names it, as in
	// "sheets.spreadsheets.create". The auditor's wrapper puts every request
	// under the rate limit, retries and error hints of the audit's own
	// calls. nil sends each request once.
	Call func(ctx context.Context, method string, fn func() error) error
}

// maxValuesBody bounds the body of one values.batchUpdate: half of
// Google's 10 MB request limit, so that a large tenant's findings go in
// several requests with room to spare.
const maxValuesBody = 5 << 20

// sheetsPlan is every request ExportSheets sends, built from the document
// alone (no network), so tests can compare it with a golden file.
type sheetsPlan struct {
	Create *sheets.Spreadsheet                   `json:"create"`
	Values []*sheets.BatchUpdateValuesRequest    `json:"values"`
	Format *sheets.BatchUpdateSpreadsheetRequest `json:"format"`
}

// ExportSheets creates a Google Sheets spreadsheet with the Findings (one
// row per exposure), Summary and Coverage tabs (and Resolved with a run
// history), shares it as asked and returns its URL.
// Values are sent RAW (never parsed as formulas) and neutralized as in
// CSV, so a name stays text even if someone later retypes the cell.
func ExportSheets(ctx context.Context, d *Document, sh *sheets.Service, dr *drive.Service, opts SheetsOptions) (string, error) {
	if sh == nil || (len(opts.Share) > 0 && dr == nil) {
		return "", errors.New("report: Google Sheets: no API client")
	}
	for _, a := range opts.Share {
		if !strings.Contains(a, "@") {
			return "", fmt.Errorf("report: Google Sheets: share with %q: not an e-mail address", a)
		}
	}
	if opts.Lang != "" {
		var err error
		if d, err = d.Localized(opts.Lang); err != nil {
			return "", err
		}
	}
	plan, err := planSheets(d, opts.Lang)
	if err != nil {
		return "", err
	}
	if opts.Title != "" {
		plan.Create.Properties.Title = opts.Title
	}
	call := opts.Call
	if call == nil {
		call = func(_ context.Context, _ string, fn func() error) error { return fn() }
	}
	var created *sheets.Spreadsheet
	if err := call(ctx, "sheets.spreadsheets.create", func() (err error) {
		created, err = sh.Spreadsheets.Create(plan.Create).Context(ctx).Do()
		return err
	}); err != nil {
		return "", fmt.Errorf("report: Google Sheets: create spreadsheet: %w", err)
	}
	id := created.SpreadsheetId
	for i, v := range plan.Values {
		if err := call(ctx, "sheets.spreadsheets.values.batchUpdate", func() error {
			_, err := sh.Spreadsheets.Values.BatchUpdate(id, v).Context(ctx).Do()
			return err
		}); err != nil {
			return created.SpreadsheetUrl, fmt.Errorf("report: Google Sheets: write values to %s (part %d of %d): %w", id, i+1, len(plan.Values), err)
		}
	}
	if err := call(ctx, "sheets.spreadsheets.batchUpdate", func() error {
		_, err := sh.Spreadsheets.BatchUpdate(id, plan.Format).Context(ctx).Do()
		return err
	}); err != nil {
		return created.SpreadsheetUrl, fmt.Errorf("report: Google Sheets: format %s: %w", id, err)
	}
	for _, a := range opts.Share {
		p := &drive.Permission{Type: "user", Role: "writer", EmailAddress: strings.TrimSpace(a)}
		if err := call(ctx, "drive.permissions.create", func() error {
			_, err := dr.Permissions.Create(id, p).SendNotificationEmail(true).Context(ctx).Do()
			return err
		}); err != nil {
			return created.SpreadsheetUrl, fmt.Errorf("report: Google Sheets: share %s with %s: %w", id, a, err)
		}
	}
	return created.SpreadsheetUrl, nil
}

// planSheets builds the requests for d (already localized) in lang.
func planSheets(d *Document, lang string) (*sheetsPlan, error) {
	t, err := newTable(d, lang)
	if err != nil {
		return nil, err
	}
	st := t.c.sheet
	locale := "en_US"
	if t.c.lang == "ja" {
		locale = "ja_JP"
	}
	tabs := []sheetTab{
		{id: tabFindings, title: st.findingsSheet, grid: t.findingsGrid(), frozen: 1, frozenCols: int64(sheetPos[colItem] + 1)},
		{id: tabSummary, title: st.summarySheet, grid: t.summaryGrid()},
		{id: tabCoverage, title: st.coverageSheet, grid: t.coverageGrid()},
	}
	if t.resolved != nil { // a run history: what got fixed
		tabs = append(tabs, sheetTab{id: tabResolved, title: t.c.xt().resolvedSheet, grid: t.resolvedGrid(), frozen: 1})
	}
	p := &sheetsPlan{
		Create: &sheets.Spreadsheet{Properties: &sheets.SpreadsheetProperties{
			Title: t.c.labels.heading + " " + d.Run.Tenant.PrimaryDomain + " " + fmtTime(d.Run.StartedAt), Locale: locale}},
		Format: &sheets.BatchUpdateSpreadsheetRequest{},
	}
	for i := range tabs {
		tab := &tabs[i]
		// The grid holds exactly the tab's values (and, under a frozen
		// header, a row to scroll: Sheets refuses to freeze every row).
		tab.rows = max(int64(len(tab.grid)), tab.frozen+1)
		tab.cols = 1
		for _, r := range tab.grid {
			tab.cols = max(tab.cols, int64(len(r)))
		}
		p.Create.Sheets = append(p.Create.Sheets, &sheets.Sheet{Properties: &sheets.SheetProperties{
			SheetId: tab.id, Title: tab.title, Index: int64(i), ForceSendFields: []string{"SheetId", "Index"},
			GridProperties: &sheets.GridProperties{RowCount: tab.rows, ColumnCount: tab.cols, FrozenRowCount: tab.frozen, FrozenColumnCount: tab.frozenCols},
		}})
	}
	if p.Values, err = chunkValues(tabs, maxValuesBody); err != nil {
		return nil, err
	}
	p.Format.Requests = t.sheetsFormat(tabs)
	return p, nil
}

// sheetTab is one tab of the export: its values and its grid's size.
type sheetTab struct {
	id         int64
	title      string
	grid       [][]any
	frozen     int64
	frozenCols int64 // columns kept on screen (the findings' item)
	rows, cols int64
}

// chunkValues splits the tabs' values into values.batchUpdate requests
// whose JSON bodies stay under limit, by whole rows.
func chunkValues(tabs []sheetTab, limit int) ([]*sheets.BatchUpdateValuesRequest, error) {
	const envelope = 200 // the request's and a range's own JSON, generously
	var out []*sheets.BatchUpdateValuesRequest
	var cur *sheets.BatchUpdateValuesRequest
	size := 0
	for _, tab := range tabs {
		var vr *sheets.ValueRange
		for r, row := range tab.grid {
			js, err := json.Marshal(row)
			if err != nil {
				return nil, fmt.Errorf("report: Google Sheets: encode row %d of %s: %w", r+1, tab.title, err)
			}
			n := len(js) + 1
			if cur != nil && size+n+envelope > limit {
				cur, vr = nil, nil
			}
			if cur == nil {
				cur = &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW"}
				out = append(out, cur)
				size = envelope
			}
			if vr == nil {
				vr = &sheets.ValueRange{Range: a1Tab(tab.title) + "!A" + strconv.Itoa(r+1), MajorDimension: "ROWS"}
				cur.Data = append(cur.Data, vr)
				size += envelope + len(vr.Range)
			}
			vr.Values = append(vr.Values, row)
			size += n
		}
	}
	return out, nil
}

// a1Tab quotes a tab title for an A1 range.
func a1Tab(title string) string { return "'" + strings.ReplaceAll(title, "'", "''") + "'" }

// sheetCell neutralizes and bounds one text cell.
func sheetCell(s string) any {
	s = inert(s)
	if len(s) > maxSheetsCell {
		r := []rune(s)
		if len(r) > maxSheetsCell {
			s = string(r[:maxSheetsCell-1]) + "…"
		}
	}
	return s
}

func (t *table) findingsGrid() [][]any {
	g := make([][]any, 0, len(t.rows)+1)
	h := make([]any, numSheetColumns)
	for i, v := range t.sheetHeader() {
		h[i] = sheetCell(v)
	}
	g = append(g, h)
	for _, r := range t.rows {
		row := make([]any, numSheetColumns)
		for i, v := range r.Sheet {
			row[i] = sheetCell(v)
		}
		row[sheetPos[colSevRank]] = sevRank(r.Severity) // a number, to sort by
		g = append(g, row)
	}
	return g
}

// summaryGrid is the Summary tab: counts by severity, by check, by owner.
func (t *table) summaryGrid() [][]any {
	c, st, d := t.c, t.c.sheet, t.doc
	g := [][]any{
		{sheetCell(c.labels.heading + " — " + d.Run.Tenant.PrimaryDomain)},
		{sheetCell(c.labels.run + ": " + c.runSpan(d.Run))},
		{},
		{sheetCell(st.bySeverity)},
		{sheetCell(st.columns[colSeverity]), sheetCell(st.count)},
	}
	for _, sc := range CountExposures(t.exps).severityCounts() {
		g = append(g, []any{sheetCell(c.sevName(sc.Sev)), sc.Count})
	}
	g = append(g, []any{sheetCell(st.total), len(t.exps)}, []any{},
		[]any{sheetCell(st.byCheck)},
		[]any{sheetCell(st.columns[colCheck]), sheetCell(st.columns[colTitle]), sheetCell(st.columns[colSeverity]), sheetCell(st.count)})
	for _, cc := range t.byCheck() {
		g = append(g, []any{sheetCell(cc.CheckID), sheetCell(cc.Title), sheetCell(c.sevName(cc.Worst)), cc.Count})
	}
	g = append(g, []any{sheetCell(st.total), "", "", len(d.Findings)})
	g = append(g, []any{}, []any{sheetCell(st.byOwner)})
	hdr := []any{sheetCell(st.columns[colOwner])}
	for s := model.Critical; s >= model.Info; s-- {
		hdr = append(hdr, sheetCell(c.severity[s]))
	}
	g = append(g, append(hdr, sheetCell(st.total)))
	for _, o := range t.byOwner() {
		owner := o.Owner
		if owner == "" {
			owner = st.noOwner
		}
		row := []any{sheetCell(owner)}
		for s := model.Critical; s >= model.Info; s-- {
			row = append(row, o.Sev[s])
		}
		g = append(g, append(row, o.Total))
	}
	return g
}

// coverageGrid is the Coverage tab: what was audited, then the gaps.
func (t *table) coverageGrid() [][]any {
	c, st, cv := t.c, t.c.sheet, t.doc.Coverage
	g := [][]any{
		{sheetCell(st.what), sheetCell(st.audited), sheetCell(st.ofTotal)},
		{sheetCell(c.labels.users), cv.Users.Audited, cv.Users.Total},
		{sheetCell(c.labels.sharedDrives), cv.SharedDrives.Audited, cv.SharedDrives.Total},
		{sheetCell(c.labels.items), cv.Items},
		{sheetCell(st.formsVerifiedCol), cv.Forms.Verified, cv.Forms.Total},
		{},
	}
	gaps := t.gaps()
	if len(gaps) == 0 {
		return append(g, []any{sheetCell(st.noGaps)})
	}
	g = append(g, []any{sheetCell(fmt.Sprintf(c.labels.gapsHeading, len(gaps)))},
		sheetCells(gapColumns(st.details, st.scope, st.id, st.name, st.explanation, st.action, st.details)))
	for _, gp := range gaps {
		g = append(g, sheetCells(gapColumns(st.details, gp.Scope, gp.ID, gp.Name, gp.Explanation, gp.Action, gp.Details)))
	}
	return g
}

// sheetsFormat is the formatting: header styles, a filter on Findings,
// severity colours and column widths, all within each tab's grid.
func (t *table) sheetsFormat(tabs []sheetTab) []*sheets.Request {
	n := int64(len(t.rows))
	headerFmt := &sheets.CellFormat{BackgroundColor: rgb("3C4043"), WrapStrategy: "WRAP",
		TextFormat: &sheets.TextFormat{Bold: true, ForegroundColor: rgb("FFFFFF")}}
	reqs := []*sheets.Request{
		{RepeatCell: &sheets.RepeatCellRequest{Range: grid(tabFindings, 0, 1, 0, numSheetColumns),
			Cell: &sheets.CellData{UserEnteredFormat: headerFmt}, Fields: "userEnteredFormat(backgroundColor,textFormat,wrapStrategy)"}},
		{SetBasicFilter: &sheets.SetBasicFilterRequest{Filter: &sheets.BasicFilter{Range: grid(tabFindings, 0, n+1, 0, numSheetColumns)}}},
		{RepeatCell: &sheets.RepeatCellRequest{Range: grid(tabFindings, 1, n+1, 1, numSheetColumns),
			Cell: &sheets.CellData{UserEnteredFormat: &sheets.CellFormat{WrapStrategy: "WRAP", VerticalAlignment: "TOP"}}, Fields: "userEnteredFormat(wrapStrategy,verticalAlignment)"}},
	}
	// Findings are sorted by severity: one request per run of equal severity.
	for start := 0; start < len(t.rows); {
		sev := clampSev(t.rows[start].Severity)
		end := start + 1
		for end < len(t.rows) && clampSev(t.rows[end].Severity) == sev {
			end++
		}
		c := sevStyle(sev)
		reqs = append(reqs, &sheets.Request{RepeatCell: &sheets.RepeatCellRequest{
			Range: grid(tabFindings, int64(start+1), int64(end+1), int64(sheetPos[colSeverity]), int64(sheetPos[colSeverity]+1)),
			Cell: &sheets.CellData{UserEnteredFormat: &sheets.CellFormat{BackgroundColor: rgb(c.Fill),
				TextFormat: &sheets.TextFormat{Bold: sev >= model.High, ForegroundColor: rgb(c.Font)}}},
			Fields: "userEnteredFormat(backgroundColor,textFormat)"}})
		start = end
	}
	reqs = append(reqs, t.sheetsLinks()...)
	var widths [numSheetColumns]int64 // in pixels, by column
	for col, w := range map[int]int64{colSeverity: 70, colCheck: 90, colTitle: 220, colItem: 260,
		colURL: 120, colOwner: 190, colPrincipal: 190, colRole: 90, colLocation: 180,
		colPersonalData: 150, colStatus: 80, colRemediation: 420, colKind: 80, colItemID: 120,
		colDescription: 220, colSharedDrive: 140, colFirstSeen: 90, colAuditDate: 90, colSevRank: 60,
		colOwnerName: 110, colOrgUnit: 180, colAdminNote: 300, colFingerprints: 160} {
		widths[sheetPos[col]] = w
	}
	for col, w := range widths {
		reqs = append(reqs, &sheets.Request{UpdateDimensionProperties: &sheets.UpdateDimensionPropertiesRequest{
			Range:      &sheets.DimensionRange{SheetId: tabFindings, Dimension: "COLUMNS", StartIndex: int64(col), EndIndex: int64(col + 1), ForceSendFields: []string{"SheetId", "StartIndex"}},
			Properties: &sheets.DimensionProperties{PixelSize: w}, Fields: "pixelSize"}})
	}
	for _, tab := range tabs[1:] { // Summary and Coverage
		reqs = append(reqs, &sheets.Request{UpdateDimensionProperties: &sheets.UpdateDimensionPropertiesRequest{
			Range:      &sheets.DimensionRange{SheetId: tab.id, Dimension: "COLUMNS", StartIndex: 0, EndIndex: tab.cols, ForceSendFields: []string{"StartIndex"}},
			Properties: &sheets.DimensionProperties{PixelSize: 240}, Fields: "pixelSize"}})
	}
	return reqs
}

// grid is a GridRange; ForceSendFields keeps zero indexes and sheet 0.
func grid(sheet, r0, r1, c0, c1 int64) *sheets.GridRange {
	return &sheets.GridRange{SheetId: sheet, StartRowIndex: r0, EndRowIndex: r1, StartColumnIndex: c0, EndColumnIndex: c1,
		ForceSendFields: []string{"SheetId", "StartRowIndex", "StartColumnIndex"}}
}

// rgb turns "RRGGBB" into a Sheets colour.
func rgb(hex string) *sheets.Color {
	v, _ := strconv.ParseUint(hex, 16, 32)
	ch := func(shift uint) float64 { return float64((v>>shift)&0xff) / 255 }
	return &sheets.Color{Red: ch(16), Green: ch(8), Blue: ch(0), ForceSendFields: []string{"Red", "Green", "Blue"}}
}

// sheetCells makes a row of text cells.
func sheetCells(texts []string) []any {
	out := make([]any, len(texts))
	for i, t := range texts {
		out[i] = sheetCell(t)
	}
	return out
}

// sheetsLinks makes the findings' http(s) URLs clickable: one updateCells
// request over the URL column sets each cell's textFormat.link (the value
// itself stays the RAW text written before, so nothing is ever read as a
// formula). It is nil when no URL can be a link.
func (t *table) sheetsLinks() []*sheets.Request {
	col := int64(sheetPos[colURL])
	rows := make([]*sheets.RowData, len(t.rows))
	links := 0
	for i, r := range t.rows {
		cd := &sheets.CellData{}
		if u := r.Sheet[sheetPos[colURL]]; u != "" && safeURL(u) && len(u) <= maxSheetsCell {
			cd.UserEnteredFormat = &sheets.CellFormat{TextFormat: &sheets.TextFormat{Link: &sheets.Link{Uri: u}}}
			links++
		}
		rows[i] = &sheets.RowData{Values: []*sheets.CellData{cd}}
	}
	if links == 0 {
		return nil
	}
	return []*sheets.Request{{UpdateCells: &sheets.UpdateCellsRequest{
		Range: grid(tabFindings, 1, int64(len(t.rows)+1), col, col+1), Rows: rows,
		Fields: "userEnteredFormat.textFormat.link"}}}
}

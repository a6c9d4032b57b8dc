package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Sheets v4 (the spreadsheets gwsaudit writes reports to) and Drive
// permissions.create for sharing them. Spreadsheets live in the server's
// memory, apart from the tenant: they are not Drive items of files.list.

// sheetStore holds the spreadsheets created through the emulator.
type sheetStore struct {
	mu    sync.Mutex
	books map[string]*spreadsheet
}

type spreadsheet struct {
	id, owner string
	props     map[string]any // title, locale, timeZone…
	tabs      []*sheetTab
	perms     []map[string]any // Drive permissions besides the owner
}

type sheetTab struct {
	props   map[string]any // sheetId, title, index, gridProperties…
	cells   map[[2]int]map[string]any
	filter  map[string]any // basicFilter
	formats []map[string]any
	widths  map[int]float64
}

// sheetStores maps a *Server to its spreadsheets.
var sheetStores sync.Map

func (s *Server) sheetsRoutes() {
	st := &sheetStore{books: map[string]*spreadsheet{}}
	sheetStores.Store(s, st)
	s.mux.Handle("POST /v4/spreadsheets", s.serveAPI(api{name: "sheets.spreadsheets.create", h: st.create}))
	s.mux.Handle("GET /v4/spreadsheets/{id}", s.serveAPI(api{name: "sheets.spreadsheets.get", h: st.get}))
	s.mux.Handle("POST /v4/spreadsheets/{idMethod}", s.serveAPI(api{name: "sheets.spreadsheets.batchUpdate", h: st.batchUpdate}))
	s.mux.Handle("POST /v4/spreadsheets/{id}/values:batchUpdate", s.serveAPI(api{name: "sheets.spreadsheets.values.batchUpdate", h: st.valuesBatchUpdate}))
	s.mux.Handle("GET /v4/spreadsheets/{id}/values/{range}", s.serveAPI(api{name: "sheets.spreadsheets.values.get", h: st.valuesGet}))
}

// SpreadsheetShares returns who a spreadsheet created through the emulator
// is shared with (address → role), besides its owner; nil when unknown.
func (s *Server) SpreadsheetShares(id string) map[string]string {
	v, ok := sheetStores.Load(s)
	if !ok {
		return nil
	}
	st := v.(*sheetStore)
	st.mu.Lock()
	defer st.mu.Unlock()
	b := st.books[id]
	if b == nil {
		return nil
	}
	out := map[string]string{}
	for _, p := range b.perms {
		out[jsonStr(p["emailAddress"])] = jsonStr(p["role"])
	}
	return out
}

// body decodes the request's JSON body.
func (c *call) body() (map[string]any, *apiError) {
	data, err := io.ReadAll(io.LimitReader(c.r.Body, maxRequestBody+1))
	switch {
	case err != nil:
		return nil, errBadRequest("badRequest", "Request body could not be read.", "")
	case len(data) > maxRequestBody:
		return nil, errPayloadTooLarge()
	}
	m := map[string]any{}
	if len(strings.TrimSpace(string(data))) > 0 {
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, errBadRequest("badRequest", "Invalid JSON payload received. "+err.Error(), "")
		}
	}
	return m, nil
}

func errSheetNotFound() *apiError {
	return &apiError{Code: 404, Reason: "notFound", Message: "Requested entity was not found."}
}

func errSheetDenied() *apiError {
	return errForbidden("forbidden", "The caller does not have permission")
}

func errSheetArg(msg string) *apiError {
	return errBadRequest("badRequest", "Invalid requests: "+msg, "")
}

// book finds a spreadsheet the caller may read (or, with write, edit).
func (st *sheetStore) book(c *call, id string, write bool) (*spreadsheet, *apiError) {
	b := st.books[id]
	if b == nil {
		return nil, errSheetNotFound()
	}
	if b.owner == c.user.Email {
		return b, nil
	}
	for _, p := range b.perms {
		if strings.EqualFold(jsonStr(p["emailAddress"]), c.user.Email) && (!write || p["role"] == "writer") {
			return b, nil
		}
	}
	return nil, errSheetDenied()
}

// create is spreadsheets.create.
func (st *sheetStore) create(c *call) (map[string]any, *apiError) {
	req, e := c.body()
	if e != nil {
		return nil, e
	}
	b := &spreadsheet{id: newSheetID(), owner: c.user.Email, props: map[string]any{"title": "Untitled spreadsheet", "locale": "en_US", "timeZone": "Etc/GMT"}}
	if p, ok := req["properties"].(map[string]any); ok {
		for k, v := range p {
			b.props[k] = v
		}
	}
	sheets, _ := req["sheets"].([]any)
	if len(sheets) == 0 {
		sheets = []any{map[string]any{}}
	}
	used := map[string]bool{}
	for i, sh := range sheets {
		sp, _ := sh.(map[string]any)
		props, _ := sp["properties"].(map[string]any)
		t := &sheetTab{props: map[string]any{"sheetId": float64(i), "title": "Sheet" + strconv.Itoa(i+1), "index": float64(i), "sheetType": "GRID"},
			cells: map[[2]int]map[string]any{}, widths: map[int]float64{}}
		for k, v := range props {
			t.props[k] = v
		}
		gp, _ := t.props["gridProperties"].(map[string]any)
		if gp == nil {
			gp = map[string]any{}
		}
		gp["rowCount"], gp["columnCount"] = orDefault(gp["rowCount"], float64(1000)), orDefault(gp["columnCount"], float64(26))
		t.props["gridProperties"] = gp
		if e := checkFrozen("", gp); e != nil {
			return nil, e
		}
		title := jsonStr(t.props["title"])
		if used[strings.ToLower(title)] {
			return nil, errSheetArg("A sheet with the name \"" + title + "\" already exists. Please enter another name.")
		}
		used[strings.ToLower(title)] = true
		b.tabs = append(b.tabs, t)
	}
	st.mu.Lock()
	st.books[b.id] = b
	st.mu.Unlock()
	return st.render(c, b, false), nil
}

func orDefault(v, def any) any {
	if v == nil {
		return def
	}
	return v
}

// newSheetID is a random 44-character ID like Google's.
func newSheetID() string {
	b := make([]byte, 33)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// get is spreadsheets.get.
func (st *sheetStore) get(c *call) (map[string]any, *apiError) {
	grid, e := c.flag("includeGridData")
	if e != nil {
		return nil, e
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	b, e := st.book(c, c.r.PathValue("id"), false)
	if e != nil {
		return nil, e
	}
	return st.render(c, b, grid), nil
}

// render is a Spreadsheet resource.
func (st *sheetStore) render(c *call, b *spreadsheet, grid bool) map[string]any {
	var tabs []any
	for _, t := range b.tabs {
		m := map[string]any{"properties": t.props}
		if t.filter != nil {
			m["basicFilter"] = t.filter
		}
		if grid {
			m["data"] = []any{t.gridData()}
		}
		tabs = append(tabs, m)
	}
	return map[string]any{"spreadsheetId": b.id, "properties": b.props, "sheets": tabs,
		"spreadsheetUrl": c.s.BaseURL() + "/spreadsheets/d/" + b.id + "/edit"}
}

// gridData is a tab's cells as GridData, with the column widths.
func (t *sheetTab) gridData() map[string]any {
	rows, cols := t.extent()
	var rowData []any
	for r := 0; r < rows; r++ {
		var vals []any
		for col := 0; col < cols; col++ {
			cd := map[string]any{}
			if v := t.cells[[2]int{r, col}]; v != nil {
				cd["userEnteredValue"] = v
				cd["formattedValue"] = formatted(v)
			}
			vals = append(vals, cd)
		}
		rowData = append(rowData, map[string]any{"values": vals})
	}
	var meta []any
	for col := 0; col < cols; col++ {
		m := map[string]any{}
		if w, ok := t.widths[col]; ok {
			m["pixelSize"] = w
		}
		meta = append(meta, m)
	}
	return map[string]any{"startRow": 0, "startColumn": 0, "rowData": rowData, "columnMetadata": meta}
}

// extent is the number of rows and columns holding values.
func (t *sheetTab) extent() (rows, cols int) {
	for k := range t.cells {
		rows, cols = max(rows, k[0]+1), max(cols, k[1]+1)
	}
	return rows, cols
}

// formatted is how a cell value is shown.
func formatted(v map[string]any) string {
	switch {
	case v["stringValue"] != nil:
		return jsonStr(v["stringValue"])
	case v["numberValue"] != nil:
		f, _ := v["numberValue"].(float64)
		return strconv.FormatFloat(f, 'f', -1, 64)
	case v["boolValue"] != nil:
		if v["boolValue"] == true {
			return "TRUE"
		}
		return "FALSE"
	case v["formulaValue"] != nil:
		return "" // the emulator does not evaluate formulas
	}
	return ""
}

// batchUpdate is spreadsheets.batchUpdate ("{id}:batchUpdate").
func (st *sheetStore) batchUpdate(c *call) (map[string]any, *apiError) {
	id, ok := strings.CutSuffix(c.r.PathValue("idMethod"), ":batchUpdate")
	if !ok {
		return nil, &apiError{Code: 404, Reason: "notFound", Message: "Not Found: " + c.r.URL.Path}
	}
	req, e := c.body()
	if e != nil {
		return nil, e
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	b, e := st.book(c, id, true)
	if e != nil {
		return nil, e
	}
	reqs, _ := req["requests"].([]any)
	// Validate every request before applying any: a batch is atomic.
	type op struct {
		kind string
		body map[string]any
		tab  *sheetTab
	}
	var ops []op
	for i, r := range reqs {
		m, _ := r.(map[string]any)
		if len(m) != 1 {
			return nil, errSheetArg("request #" + strconv.Itoa(i) + " must set exactly one kind of request")
		}
		for kind, v := range m {
			body, _ := v.(map[string]any)
			if !slices.Contains([]string{"updateSheetProperties", "setBasicFilter", "repeatCell", "updateCells", "updateDimensionProperties", "autoResizeDimensions"}, kind) {
				return nil, errBadRequest("invalid", "Invalid JSON payload received. Unknown name \""+kind+"\" at 'requests["+strconv.Itoa(i)+"]': Cannot find field.", "")
			}
			t := b.tabByID(sheetIDOf(kind, body))
			if t == nil {
				return nil, errSheetArg("No grid with id: " + strconv.Itoa(int(sheetIDOf(kind, body))))
			}
			if e := checkGrid(i, kind, body, t); e != nil {
				return nil, e
			}
			ops = append(ops, op{kind, body, t})
		}
	}
	replies := make([]any, 0, len(ops))
	for _, o := range ops {
		switch o.kind {
		case "updateSheetProperties":
			p, _ := o.body["properties"].(map[string]any)
			mergeInto(o.tab.props, p)
		case "setBasicFilter":
			o.tab.filter, _ = o.body["filter"].(map[string]any)
		case "updateDimensionProperties":
			rng, _ := o.body["range"].(map[string]any)
			p, _ := o.body["properties"].(map[string]any)
			if w, ok := p["pixelSize"].(float64); ok && rng["dimension"] == "COLUMNS" {
				for col := jsonInt(rng["startIndex"]); col < jsonInt(rng["endIndex"]); col++ {
					o.tab.widths[col] = w
				}
			}
		default:
			o.tab.formats = append(o.tab.formats, map[string]any{o.kind: o.body})
		}
		replies = append(replies, map[string]any{})
	}
	return map[string]any{"spreadsheetId": b.id, "replies": replies}, nil
}

// sheetIDOf finds the sheetId a request is about.
func sheetIDOf(kind string, body map[string]any) float64 {
	var holder map[string]any
	switch kind {
	case "updateSheetProperties":
		holder, _ = body["properties"].(map[string]any)
	case "setBasicFilter":
		f, _ := body["filter"].(map[string]any)
		holder, _ = f["range"].(map[string]any)
	case "repeatCell", "updateCells":
		holder, _ = body["range"].(map[string]any)
		if holder == nil {
			holder, _ = body["start"].(map[string]any)
		}
	case "updateDimensionProperties", "autoResizeDimensions":
		holder, _ = body["range"].(map[string]any)
		if holder == nil {
			holder, _ = body["dimensions"].(map[string]any)
		}
	}
	id, _ := holder["sheetId"].(float64) // absent means sheet 0, as in the API
	return id
}

func (b *spreadsheet) tabByID(id float64) *sheetTab {
	for _, t := range b.tabs {
		if v, _ := t.props["sheetId"].(float64); v == id {
			return t
		}
	}
	return nil
}

func (b *spreadsheet) tabByTitle(title string) *sheetTab {
	for _, t := range b.tabs {
		if strings.EqualFold(jsonStr(t.props["title"]), title) {
			return t
		}
	}
	return nil
}

// mergeInto copies src into dst, merging nested objects.
func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if sub, ok := v.(map[string]any); ok {
			if d, ok := dst[k].(map[string]any); ok {
				mergeInto(d, sub)
				continue
			}
		}
		dst[k] = v
	}
}

func jsonInt(v any) int {
	f, _ := v.(float64)
	return int(f)
}

func jsonStr(v any) string {
	s, _ := v.(string)
	return s
}

// valuesBatchUpdate is spreadsheets.values.batchUpdate.
func (st *sheetStore) valuesBatchUpdate(c *call) (map[string]any, *apiError) {
	req, e := c.body()
	if e != nil {
		return nil, e
	}
	input := jsonStr(req["valueInputOption"])
	if input != "RAW" && input != "USER_ENTERED" {
		return nil, errBadRequest("badRequest", "'valueInputOption' is required but not specified", "")
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	b, e := st.book(c, c.r.PathValue("id"), true)
	if e != nil {
		return nil, e
	}
	data, _ := req["data"].([]any)
	type write struct {
		tab        *sheetTab
		row, col   int
		values     []any
		rangeLabel string
	}
	var writes []write
	for _, d := range data {
		vr, _ := d.(map[string]any)
		title, row, col, ok := parseA1(jsonStr(vr["range"]))
		t := b.tabByTitle(title)
		if !ok || t == nil {
			return nil, errSheetArg("Unable to parse range: " + jsonStr(vr["range"]))
		}
		if md := jsonStr(vr["majorDimension"]); md != "" && md != "ROWS" {
			return nil, errSheetArg("only majorDimension ROWS is emulated")
		}
		if rows, cols := t.gridSize(); row >= rows || col >= cols {
			return nil, errGridLimits("", a1Title(title)+"!"+colName(col)+strconv.Itoa(row+1), rows, cols)
		}
		values, _ := vr["values"].([]any)
		writes = append(writes, write{t, row, col, values, jsonStr(vr["range"])})
	}
	var responses []any
	cells, rows := 0, 0
	for _, w := range writes {
		maxCols := 0
		for i, rv := range w.values {
			rvals, _ := rv.([]any)
			maxCols = max(maxCols, len(rvals))
			for j, v := range rvals {
				w.tab.cells[[2]int{w.row + i, w.col + j}] = enteredValue(v, input)
				cells++
			}
		}
		rows += len(w.values)
		w.tab.grow(w.row+len(w.values), w.col+maxCols) // values grow the grid
		responses = append(responses, map[string]any{"spreadsheetId": b.id, "updatedRange": w.rangeLabel,
			"updatedRows": len(w.values), "updatedColumns": maxCols, "updatedCells": cells})
	}
	return map[string]any{"spreadsheetId": b.id, "totalUpdatedRows": rows, "totalUpdatedCells": cells,
		"totalUpdatedSheets": len(writes), "responses": responses}, nil
}

// enteredValue is the ExtendedValue a value becomes: RAW keeps strings as
// strings; USER_ENTERED parses them as if typed into the UI ("=…" is a
// formula, a leading apostrophe forces text, numbers become numbers).
func enteredValue(v any, input string) map[string]any {
	switch x := v.(type) {
	case float64:
		return map[string]any{"numberValue": x}
	case bool:
		return map[string]any{"boolValue": x}
	case string:
		if input == "USER_ENTERED" {
			switch {
			case strings.HasPrefix(x, "="):
				return map[string]any{"formulaValue": x}
			case strings.HasPrefix(x, "'"):
				return map[string]any{"stringValue": x[1:]}
			}
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return map[string]any{"numberValue": f}
			}
		}
		return map[string]any{"stringValue": x}
	}
	return map[string]any{"stringValue": ""}
}

// valuesGet is spreadsheets.values.get; only whole-tab and A1 start
// ranges ("'Tab'!A1", "Tab!B2:Z") are emulated: values run to the tab's end.
func (st *sheetStore) valuesGet(c *call) (map[string]any, *apiError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	b, e := st.book(c, c.r.PathValue("id"), false)
	if e != nil {
		return nil, e
	}
	rng := c.r.PathValue("range")
	title, row0, col0, ok := parseA1(rng)
	t := b.tabByTitle(title)
	if !ok || t == nil {
		return nil, errSheetArg("Unable to parse range: " + rng)
	}
	render := c.q.Get("valueRenderOption")
	rows, cols := t.extent()
	var values []any
	for r := row0; r < rows; r++ {
		var rv []any
		for col := col0; col < cols; col++ {
			v := t.cells[[2]int{r, col}]
			switch {
			case v == nil:
				rv = append(rv, "")
			case render == "FORMULA" && v["formulaValue"] != nil:
				rv = append(rv, v["formulaValue"])
			case render == "UNFORMATTED_VALUE" && v["numberValue"] != nil:
				rv = append(rv, v["numberValue"])
			default:
				rv = append(rv, formatted(v))
			}
		}
		for len(rv) > 0 && rv[len(rv)-1] == "" {
			rv = rv[:len(rv)-1]
		}
		values = append(values, rv)
	}
	for len(values) > 0 && len(values[len(values)-1].([]any)) == 0 {
		values = values[:len(values)-1]
	}
	return map[string]any{"range": rng, "majorDimension": "ROWS", "values": values}, nil
}

// parseA1 reads "'Tab name'!B2", "Tab!A1:L", or "Tab" into the tab's
// title and the 0-based start row and column.
func parseA1(s string) (title string, row, col int, ok bool) {
	ref := ""
	if strings.HasPrefix(s, "'") {
		end := -1
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
					continue
				}
				end = i
				break
			}
		}
		if end < 0 {
			return "", 0, 0, false
		}
		title = strings.ReplaceAll(s[1:end], "''", "'")
		rest := s[end+1:]
		if rest != "" {
			var has bool
			if ref, has = strings.CutPrefix(rest, "!"); !has {
				return "", 0, 0, false
			}
		}
	} else {
		title, ref, _ = strings.Cut(s, "!")
	}
	if title == "" {
		return "", 0, 0, false
	}
	ref, _, _ = strings.Cut(ref, ":")
	if ref == "" {
		return title, 0, 0, true
	}
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 {
		return "", 0, 0, false
	}
	r := 1
	if i < len(ref) {
		n, err := strconv.Atoi(ref[i:])
		if err != nil || n < 1 {
			return "", 0, 0, false
		}
		r = n
	}
	return title, r - 1, col - 1, true
}

// lookup reports whether id is a spreadsheet created through the emulator.
func (st *sheetStore) lookup(id string) (*spreadsheet, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	b := st.books[id]
	return b, b != nil
}

// permissionsCreate is Drive permissions.create for spreadsheets created
// through this emulator (Server.permissionsCreate sends them here).
func (st *sheetStore) permissionsCreate(c *call) (map[string]any, *apiError) {
	req, e := c.body()
	if e != nil {
		return nil, e
	}
	if _, e := c.flag("sendNotificationEmail"); e != nil {
		return nil, e
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := c.r.PathValue("fileId")
	b := st.books[id]
	if b == nil {
		return nil, errFileNotFound(id)
	}
	if _, e := st.book(c, id, true); e != nil {
		return nil, errForbidden("insufficientFilePermissions", "The user does not have sufficient permissions for this file.")
	}
	typ, role, email := jsonStr(req["type"]), jsonStr(req["role"]), strings.ToLower(jsonStr(req["emailAddress"]))
	switch {
	case typ == "":
		return nil, errBadRequest("required", "Permission type field required", "permission.type")
	case !slices.Contains([]string{"reader", "commenter", "writer"}, role):
		return nil, errBadRequest("invalid", "Invalid permission role "+strconv.Quote(role)+".", "permission.role")
	case (typ == "user" || typ == "group") && !strings.Contains(email, "@"):
		return nil, errBadRequest("invalid", "Invalid permission value.", "permission.value")
	case typ != "user" && typ != "group":
		return nil, errBadRequest("invalid", "Only user and group permissions are emulated for spreadsheets.", "permission.type")
	}
	p := map[string]any{"kind": "drive#permission", "id": "p" + strconv.Itoa(len(b.perms)+1), "type": typ, "role": role, "emailAddress": email}
	b.perms = append(b.perms, p)
	return p, nil
}

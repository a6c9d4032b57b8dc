package emulator

import (
	"regexp"
	"strconv"
	"strings"
)

// Grid bounds, as Sheets enforces them. A tab's grid is its
// gridProperties rowCount × columnCount (1000 × 26 unless create or
// addSheet says otherwise). A batchUpdate request whose GridRange starts at
// or past the grid's last row or column is refused with a 400 naming the
// range; one that starts inside is taken even when it ends past the grid.
// A DimensionRange (column widths, row heights) must lie wholly inside the
// grid. Values written from a start cell inside the grid grow it as they
// need; a start cell past it is refused.

// maxRequestBody is Google's limit on a request body: beyond it the
// front end answers 400 before the method runs.
const maxRequestBody = 10 << 20

func errPayloadTooLarge() *apiError {
	return errBadRequest("badRequest", "Request payload size exceeds the limit: "+strconv.Itoa(maxRequestBody)+" bytes.", "")
}

// gridSize is the tab's row and column count.
func (t *sheetTab) gridSize() (rows, cols int) {
	gp, _ := t.props["gridProperties"].(map[string]any)
	return jsonInt(gp["rowCount"]), jsonInt(gp["columnCount"])
}

// grow enlarges the grid to hold rows × cols.
func (t *sheetTab) grow(rows, cols int) {
	gp, _ := t.props["gridProperties"].(map[string]any)
	r, c := t.gridSize()
	gp["rowCount"], gp["columnCount"] = float64(max(r, rows)), float64(max(c, cols))
}

func errGridLimits(prefix, a1 string, rows, cols int) *apiError {
	return errBadRequest("badRequest", prefix+"Range ("+a1+") exceeds grid limits. Max rows: "+strconv.Itoa(rows)+", max columns: "+strconv.Itoa(cols), "")
}

// checkFrozen refuses grid properties that freeze every row or column.
func checkFrozen(prefix string, gp map[string]any) *apiError {
	switch {
	case jsonInt(gp["frozenRowCount"]) > 0 && jsonInt(gp["frozenRowCount"]) >= jsonInt(gp["rowCount"]):
		return errBadRequest("badRequest", prefix+"You can't freeze all visible rows on the sheet.", "")
	case jsonInt(gp["frozenColumnCount"]) > 0 && jsonInt(gp["frozenColumnCount"]) >= jsonInt(gp["columnCount"]):
		return errBadRequest("badRequest", prefix+"You can't freeze all visible columns on the sheet.", "")
	}
	return nil
}

// checkGrid validates request i of a batchUpdate against its tab's grid.
func checkGrid(i int, kind string, body map[string]any, t *sheetTab) *apiError {
	prefix := "Invalid requests[" + strconv.Itoa(i) + "]." + kind + ": "
	rows, cols := t.gridSize()
	title := jsonStr(t.props["title"])
	switch kind {
	case "repeatCell", "setBasicFilter", "updateCells":
		rng, _ := body["range"].(map[string]any)
		if kind == "updateCells" && rng == nil {
			rng, _ = body["start"].(map[string]any)
		}
		if kind == "setBasicFilter" {
			f, _ := body["filter"].(map[string]any)
			rng, _ = f["range"].(map[string]any)
		}
		r0, c0 := jsonInt(rng["startRowIndex"]), jsonInt(rng["startColumnIndex"])
		if r0 >= rows || c0 >= cols {
			return errGridLimits(prefix, gridA1(title, rng), rows, cols)
		}
	case "updateDimensionProperties", "autoResizeDimensions":
		rng, _ := body["range"].(map[string]any)
		if rng == nil {
			rng, _ = body["dimensions"].(map[string]any)
		}
		n := cols
		if rng["dimension"] == "ROWS" {
			n = rows
		}
		start, end := jsonInt(rng["startIndex"]), n
		if _, ok := rng["endIndex"]; ok {
			end = jsonInt(rng["endIndex"])
		}
		if start >= n || end > n {
			return errGridLimits(prefix, dimensionA1(title, rng["dimension"] == "ROWS", start, end), rows, cols)
		}
	case "updateSheetProperties":
		p, _ := body["properties"].(map[string]any)
		gp, _ := p["gridProperties"].(map[string]any)
		cur, _ := t.props["gridProperties"].(map[string]any)
		merged := map[string]any{}
		for k, v := range cur {
			merged[k] = v
		}
		for k, v := range gp {
			merged[k] = v
		}
		return checkFrozen(prefix, merged)
	}
	return nil
}

// plainTitle is a tab title A1 notation leaves unquoted.
var plainTitle = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

func a1Title(title string) string {
	if plainTitle.MatchString(title) {
		return title
	}
	return "'" + strings.ReplaceAll(title, "'", "''") + "'"
}

// colName is the A1 name of a 0-based column: 0 → A, 26 → AA.
func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// gridA1 renders a GridRange as Sheets names it in errors ("T!A1001:B").
func gridA1(title string, rng map[string]any) string {
	r0, c0 := jsonInt(rng["startRowIndex"]), jsonInt(rng["startColumnIndex"])
	s := a1Title(title) + "!" + colName(c0) + strconv.Itoa(r0+1) + ":"
	if _, ok := rng["endColumnIndex"]; ok {
		s += colName(jsonInt(rng["endColumnIndex"]) - 1)
	}
	if _, ok := rng["endRowIndex"]; ok {
		s += strconv.Itoa(jsonInt(rng["endRowIndex"]))
	}
	return s
}

// dimensionA1 renders a DimensionRange: "T!D:F" or "T!4:6".
func dimensionA1(title string, rows bool, start, end int) string {
	if rows {
		return a1Title(title) + "!" + strconv.Itoa(start+1) + ":" + strconv.Itoa(end)
	}
	return a1Title(title) + "!" + colName(start) + ":" + colName(end-1)
}

package emulator_test

import (
	"strings"
	"testing"

	"google.golang.org/api/sheets/v4"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// TestSheetsGridLimits: requests are checked against each tab's grid as
// Sheets does; values grow the grid from a start cell inside it.
func TestSheetsGridLimits(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	sh := sheetsAs(t, base, "admin@example.jp")
	book, err := sh.Spreadsheets.Create(&sheets.Spreadsheet{Sheets: []*sheets.Sheet{
		{Properties: &sheets.SheetProperties{SheetId: 0, Title: "T", GridProperties: &sheets.GridProperties{RowCount: 3, ColumnCount: 2}}},
		{Properties: &sheets.SheetProperties{SheetId: 1, Title: "Big"}},
	}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	if gp := book.Sheets[1].Properties.GridProperties; gp.RowCount != 1000 || gp.ColumnCount != 26 {
		t.Errorf("default grid %+v", gp)
	}
	id := book.SpreadsheetId
	batch := func(r *sheets.Request) error {
		_, err := sh.Spreadsheets.BatchUpdate(id, &sheets.BatchUpdateSpreadsheetRequest{Requests: []*sheets.Request{
			{UpdateDimensionProperties: &sheets.UpdateDimensionPropertiesRequest{Range: &sheets.DimensionRange{SheetId: 0, Dimension: "COLUMNS", EndIndex: 1},
				Properties: &sheets.DimensionProperties{PixelSize: 50}, Fields: "pixelSize"}},
			r,
		}}).Do()
		return err
	}
	widths := func(start, end int64) *sheets.Request {
		return &sheets.Request{UpdateDimensionProperties: &sheets.UpdateDimensionPropertiesRequest{
			Range:      &sheets.DimensionRange{SheetId: 0, Dimension: "COLUMNS", StartIndex: start, EndIndex: end},
			Properties: &sheets.DimensionProperties{PixelSize: 240}, Fields: "pixelSize"}}
	}
	repeat := func(r0, r1 int64) *sheets.Request {
		return &sheets.Request{RepeatCell: &sheets.RepeatCellRequest{Range: &sheets.GridRange{SheetId: 0, StartRowIndex: r0, EndRowIndex: r1},
			Cell: &sheets.CellData{UserEnteredFormat: &sheets.CellFormat{WrapStrategy: "WRAP"}}, Fields: "userEnteredFormat.wrapStrategy"}}
	}
	ge := wantAPIError(t, batch(widths(0, 6)), 400, "badRequest")
	if !strings.Contains(ge.Message, "Invalid requests[1].updateDimensionProperties: Range (T!A:F) exceeds grid limits. Max rows: 3, max columns: 2") {
		t.Errorf("message %q", ge.Message)
	}
	ge = wantAPIError(t, batch(repeat(3, 4)), 400, "badRequest")
	if !strings.Contains(ge.Message, "Invalid requests[1].repeatCell: Range (T!A4:4) exceeds grid limits") {
		t.Errorf("message %q", ge.Message)
	}
	wantAPIError(t, batch(&sheets.Request{SetBasicFilter: &sheets.SetBasicFilterRequest{Filter: &sheets.BasicFilter{
		Range: &sheets.GridRange{SheetId: 0, StartColumnIndex: 2, EndColumnIndex: 3}}}}), 400, "badRequest")
	wantAPIError(t, batch(&sheets.Request{UpdateSheetProperties: &sheets.UpdateSheetPropertiesRequest{Properties: &sheets.SheetProperties{SheetId: 0,
		GridProperties: &sheets.GridProperties{FrozenRowCount: 3}}, Fields: "gridProperties.frozenRowCount"}}), 400, "badRequest")
	for _, ok := range []*sheets.Request{widths(0, 2), repeat(2, 9)} {
		if err := batch(ok); err != nil {
			t.Errorf("inside the grid: %v", err)
		}
	}

	// Values: a start past the grid is refused; values from inside grow it.
	_, err = sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW", Data: []*sheets.ValueRange{
		{Range: "T!A4", Values: [][]any{{"x"}}}}}).Do()
	ge = wantAPIError(t, err, 400, "badRequest")
	if ge.Message != "Range (T!A4) exceeds grid limits. Max rows: 3, max columns: 2" {
		t.Errorf("message %q", ge.Message)
	}
	_, err = sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW", Data: []*sheets.ValueRange{
		{Range: "T!B3", Values: [][]any{{"a", "b", "c"}, {"d"}}}}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	got, err := sh.Spreadsheets.Get(id).Do()
	if err != nil {
		t.Fatal(err)
	}
	if gp := got.Sheets[0].Properties.GridProperties; gp.RowCount != 4 || gp.ColumnCount != 4 {
		t.Errorf("grid after writing past it: %+v", gp)
	}

	// Frozen rows need a row left to scroll.
	_, err = sh.Spreadsheets.Create(&sheets.Spreadsheet{Sheets: []*sheets.Sheet{{Properties: &sheets.SheetProperties{Title: "H",
		GridProperties: &sheets.GridProperties{RowCount: 1, ColumnCount: 2, FrozenRowCount: 1}}}}}).Do()
	wantAPIError(t, err, 400, "badRequest")
}

// TestSheetsPayloadLimit: a body over 10 MB gets Google's 400.
func TestSheetsPayloadLimit(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	sh := sheetsAs(t, base, "admin@example.jp")
	id := newBook(t, sh).SpreadsheetId
	big := strings.Repeat("x", 40000)
	var rows [][]any
	for range 270 { // 270 × 40,000 bytes: just over 10 MB
		rows = append(rows, []any{big})
	}
	_, err := sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW",
		Data: []*sheets.ValueRange{{Range: "'検出結果'!A1", Values: rows}}}).Do()
	ge := wantAPIError(t, err, 400, "badRequest")
	if ge.Message != "Request payload size exceeds the limit: 10485760 bytes." {
		t.Errorf("message %q", ge.Message)
	}
	if _, err := sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW",
		Data: []*sheets.ValueRange{{Range: "'検出結果'!A1", Values: rows[:200]}}}).Do(); err != nil {
		t.Errorf("8 MB refused: %v", err)
	}
}

package emulator_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/oauth2"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/option"
	"google.golang.org/api/sheets/v4"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func sheetsWith(t *testing.T, base string, opt option.ClientOption) *sheets.Service {
	t.Helper()
	svc, err := sheets.NewService(context.Background(), option.WithEndpoint(base+"/"), opt)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func sheetsAs(t *testing.T, base, who string) *sheets.Service {
	return sheetsWith(t, base, option.WithHTTPClient(clientFor(who)))
}

// newBook creates a two-tab spreadsheet as who.
func newBook(t *testing.T, sh *sheets.Service) *sheets.Spreadsheet {
	t.Helper()
	got, err := sh.Spreadsheets.Create(&sheets.Spreadsheet{
		Properties: &sheets.SpreadsheetProperties{Title: "監査結果", Locale: "ja_JP"},
		Sheets: []*sheets.Sheet{
			{Properties: &sheets.SheetProperties{SheetId: 0, Title: "検出結果", GridProperties: &sheets.GridProperties{FrozenRowCount: 1}}},
			{Properties: &sheets.SheetProperties{SheetId: 7, Title: "It's a tab"}},
		},
	}).Do()
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestSheetsCreateWriteRead(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	sh := sheetsAs(t, base, "admin@example.jp")
	book := newBook(t, sh)
	if len(book.SpreadsheetId) < 40 || book.SpreadsheetUrl != base+"/spreadsheets/d/"+book.SpreadsheetId+"/edit" {
		t.Errorf("id %q url %q", book.SpreadsheetId, book.SpreadsheetUrl)
	}
	if len(book.Sheets) != 2 || book.Sheets[1].Properties.SheetId != 7 || book.Sheets[0].Properties.GridProperties.FrozenRowCount != 1 {
		t.Fatalf("sheets = %+v", book.Sheets)
	}
	id := book.SpreadsheetId
	_, err := sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW", Data: []*sheets.ValueRange{
		{Range: "'検出結果'!A1", Values: [][]any{{"名前", "件数"}, {"=1+1", 3}, {"'quoted", true}}},
		{Range: "'It''s a tab'!B2", Values: [][]any{{"x"}}},
	}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	_, err = sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "USER_ENTERED", Data: []*sheets.ValueRange{
		{Range: "'検出結果'!A4", Values: [][]any{{"=SUM(B2:B3)", "'=text", "42"}}},
	}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	got, err := sh.Spreadsheets.Get(id).IncludeGridData(true).Do()
	if err != nil {
		t.Fatal(err)
	}
	rows := got.Sheets[0].Data[0].RowData
	if v := rows[1].Values[0].UserEnteredValue; v.StringValue == nil || *v.StringValue != "=1+1" || v.FormulaValue != nil {
		t.Errorf("RAW =1+1 must stay text: %+v", v)
	}
	if v := rows[1].Values[1].UserEnteredValue; v.NumberValue == nil || *v.NumberValue != 3 {
		t.Errorf("RAW number: %+v", v)
	}
	if v := rows[3].Values[0].UserEnteredValue; v.FormulaValue == nil || *v.FormulaValue != "=SUM(B2:B3)" {
		t.Errorf("USER_ENTERED =SUM is a formula: %+v", v)
	}
	if v := rows[3].Values[1].UserEnteredValue; v.StringValue == nil || *v.StringValue != "=text" {
		t.Errorf("USER_ENTERED apostrophe forces text: %+v", v)
	}
	vals, err := sh.Spreadsheets.Values.Get(id, "'It''s a tab'!A1").Do()
	if err != nil {
		t.Fatal(err)
	}
	if len(vals.Values) != 2 || len(vals.Values[1]) != 2 || vals.Values[1][1] != "x" {
		t.Errorf("values.get = %v", vals.Values)
	}
	vals, err = sh.Spreadsheets.Values.Get(id, "検出結果!A2:C").ValueRenderOption("FORMULA").Do()
	if err != nil {
		t.Fatal(err)
	}
	if vals.Values[0][1] != "3" || vals.Values[2][0] != "=SUM(B2:B3)" || vals.Values[2][2] != "42" {
		t.Errorf("values.get FORMULA = %v", vals.Values)
	}

	_, err = sh.Spreadsheets.BatchUpdate(id, &sheets.BatchUpdateSpreadsheetRequest{Requests: []*sheets.Request{
		{SetBasicFilter: &sheets.SetBasicFilterRequest{Filter: &sheets.BasicFilter{Range: &sheets.GridRange{SheetId: 0, EndRowIndex: 3, EndColumnIndex: 2}}}},
		{UpdateSheetProperties: &sheets.UpdateSheetPropertiesRequest{Properties: &sheets.SheetProperties{SheetId: 7,
			GridProperties: &sheets.GridProperties{FrozenRowCount: 2}}, Fields: "gridProperties.frozenRowCount"}},
		{UpdateDimensionProperties: &sheets.UpdateDimensionPropertiesRequest{Range: &sheets.DimensionRange{SheetId: 0, Dimension: "COLUMNS", EndIndex: 2},
			Properties: &sheets.DimensionProperties{PixelSize: 180}, Fields: "pixelSize"}},
		{RepeatCell: &sheets.RepeatCellRequest{Range: &sheets.GridRange{SheetId: 0, EndRowIndex: 1},
			Cell: &sheets.CellData{UserEnteredFormat: &sheets.CellFormat{TextFormat: &sheets.TextFormat{Bold: true}}}, Fields: "userEnteredFormat.textFormat"}},
	}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	got, err = sh.Spreadsheets.Get(id).IncludeGridData(true).Do()
	if err != nil {
		t.Fatal(err)
	}
	if got.Sheets[0].BasicFilter == nil || got.Sheets[1].Properties.GridProperties.FrozenRowCount != 2 ||
		got.Sheets[0].Data[0].ColumnMetadata[1].PixelSize != 180 {
		t.Errorf("batchUpdate not applied: %+v %+v", got.Sheets[0].BasicFilter, got.Sheets[1].Properties.GridProperties)
	}
}

func TestSheetsErrors(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	sh := sheetsAs(t, base, "admin@example.jp")
	id := newBook(t, sh).SpreadsheetId

	_, err := sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{Data: []*sheets.ValueRange{{Range: "検出結果!A1", Values: [][]any{{"x"}}}}}).Do()
	wantAPIError(t, err, 400, "badRequest")
	_, err = sh.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW", Data: []*sheets.ValueRange{{Range: "nope!A1"}}}).Do()
	wantAPIError(t, err, 400, "badRequest")
	_, err = sh.Spreadsheets.BatchUpdate(id, &sheets.BatchUpdateSpreadsheetRequest{Requests: []*sheets.Request{{AddSheet: &sheets.AddSheetRequest{}}}}).Do()
	wantAPIError(t, err, 400, "invalid")
	_, err = sh.Spreadsheets.BatchUpdate(id, &sheets.BatchUpdateSpreadsheetRequest{Requests: []*sheets.Request{
		{SetBasicFilter: &sheets.SetBasicFilterRequest{Filter: &sheets.BasicFilter{Range: &sheets.GridRange{SheetId: 99}}}}}}).Do()
	wantAPIError(t, err, 400, "badRequest")
	_, err = sh.Spreadsheets.Get("missing").Do()
	wantAPIError(t, err, 404, "notFound")

	// Another user sees nothing until the spreadsheet is shared.
	sato := sheetsAs(t, base, "sato@example.jp")
	_, err = sato.Spreadsheets.Get(id).Do()
	wantAPIError(t, err, 403, "forbidden")
	satoDrive := driveAs(t, base, "sato@example.jp")
	_, err = satoDrive.Permissions.Create(id, &drive.Permission{Type: "user", Role: "reader", EmailAddress: "sato@example.jp"}).Do()
	wantAPIError(t, err, 403, "insufficientFilePermissions")
	adminDrive := driveAs(t, base, "admin@example.jp")
	p, err := adminDrive.Permissions.Create(id, &drive.Permission{Type: "user", Role: "reader", EmailAddress: "Sato@example.jp"}).SendNotificationEmail(false).Do()
	if err != nil || p.Role != "reader" || p.Type != "user" {
		t.Fatalf("permissions.create: %+v %v", p, err)
	}
	if _, err := sato.Spreadsheets.Get(id).Do(); err != nil {
		t.Errorf("a reader cannot read: %v", err)
	}
	_, err = sato.Spreadsheets.Values.BatchUpdate(id, &sheets.BatchUpdateValuesRequest{ValueInputOption: "RAW"}).Do()
	wantAPIError(t, err, 403, "forbidden")
	_, err = adminDrive.Permissions.Create(id, &drive.Permission{Type: "user", Role: "owner", EmailAddress: "x@example.jp"}).Do()
	wantAPIError(t, err, 400, "invalid")
	_, err = adminDrive.Permissions.Create(id, &drive.Permission{Type: "user", Role: "reader"}).Do()
	wantAPIError(t, err, 400, "invalid")
	_, err = adminDrive.Permissions.Create("f-not-a-sheet", &drive.Permission{Type: "user", Role: "reader", EmailAddress: "x@example.jp"}).Do()
	wantAPIError(t, err, 404, "notFound")

	// No bearer: 401.
	anon := sheetsWith(t, base, option.WithHTTPClient(http.DefaultClient))
	_, err = anon.Spreadsheets.Get(id).Do()
	wantAPIError(t, err, 401, "required")
}

// TestSheetsScopes: a delegated token needs spreadsheets or drive.file;
// the read-only audit scopes cannot create a spreadsheet.
func TestSheetsScopes(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{})
	const sheetsScope, driveFile = "https://www.googleapis.com/auth/spreadsheets", "https://www.googleapis.com/auth/drive.file"
	key, _ := serviceAccount(t, s, scopeDrive, sheetsScope, driveFile)
	create := func(scopes ...string) error {
		ts := delegated(t, key, "admin@example.jp", scopes...)
		_, err := sheetsWith(t, base, option.WithTokenSource(ts)).Spreadsheets.Create(&sheets.Spreadsheet{}).Do()
		return err
	}
	wantAPIError(t, create(scopeDrive), 403, "insufficientPermissions")
	if err := create(sheetsScope); err != nil {
		t.Errorf("spreadsheets scope: %v", err)
	}
	if err := create(driveFile); err != nil {
		t.Errorf("drive.file scope: %v", err)
	}
	ts := delegated(t, key, "admin@example.jp", sheetsScope)
	book, err := sheetsWith(t, base, option.WithTokenSource(ts)).Spreadsheets.Create(&sheets.Spreadsheet{}).Do()
	if err != nil {
		t.Fatal(err)
	}
	_, err = driveWith(t, base, ts).Permissions.Create(book.SpreadsheetId, &drive.Permission{Type: "user", Role: "reader", EmailAddress: "sato@example.jp"}).Do()
	wantAPIError(t, err, 403, "insufficientPermissions")
	ts = oauth2.ReuseTokenSource(nil, delegated(t, key, "admin@example.jp", driveFile))
	if _, err := driveWith(t, base, ts).Permissions.Create(book.SpreadsheetId, &drive.Permission{Type: "user", Role: "reader", EmailAddress: "sato@example.jp"}).Do(); err != nil {
		t.Errorf("drive.file may share a file the app created: %v", err)
	}
	if !strings.HasPrefix(book.SpreadsheetUrl, base) {
		t.Errorf("url %s", book.SpreadsheetUrl)
	}
}

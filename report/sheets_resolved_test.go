package report

import (
	"context"
	"strings"
	"testing"
)

// TestExportSheetsWithHistory exports the demo's nightly run with history
// to the emulator: a row per exposure on 検出結果 with its status, and a
// 解消 tab listing the resolved exposure.
func TestExportSheetsWithHistory(t *testing.T) {
	_, sh, dr := sheetsEmulator(t)
	d := demoHistory(t)
	ctx := context.Background()
	url, err := ExportSheets(ctx, d, sh, dr, SheetsOptions{Lang: "ja"})
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(url[strings.Index(url, "/spreadsheets/d/")+len("/spreadsheets/d/"):], "/edit")
	got, err := sh.Spreadsheets.Get(id).IncludeGridData(true).Context(ctx).Do()
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range got.Sheets {
		titles = append(titles, s.Properties.Title)
	}
	if strings.Join(titles, ",") != "検出結果,集計,監査範囲,解消" {
		t.Fatalf("tabs = %v", titles)
	}
	text := func(s int, r, c int) string {
		rows := got.Sheets[s].Data[0].RowData
		if r >= len(rows) || c >= len(rows[r].Values) || rows[r].Values[c].UserEnteredValue == nil || rows[r].Values[c].UserEnteredValue.StringValue == nil {
			return ""
		}
		return *rows[r].Values[c].UserEnteredValue.StringValue
	}
	if n := len(got.Sheets[0].Data[0].RowData); n != len(d.Exposures())+1 {
		t.Errorf("検出結果: %d rows, want a header and one per exposure (%d)", n, len(d.Exposures()))
	}
	statuses := map[string]int{}
	for r := 1; r < len(got.Sheets[0].Data[0].RowData); r++ {
		st := text(0, r, sheetPos[colStatus])
		statuses[strings.SplitN(st, "（", 2)[0]]++
	}
	if statuses["新規"] == 0 || statuses["継続"] == 0 {
		t.Errorf("statuses %v, want 新規 and 継続（…から）", statuses)
	}
	res := got.Sheets[3].Data[0].RowData
	if len(res) != 2 || text(3, 1, sheetPos[colStatus]) != "解消" || !strings.Contains(text(3, 1, sheetPos[colCheck]), "SHARE-006") {
		t.Errorf("解消 tab: %d rows, status %q, checks %q", len(res), text(3, 1, sheetPos[colStatus]), text(3, 1, sheetPos[colCheck]))
	}
}

package report

import "github.com/xuri/excelize/v2"

// resolvedSheet writes the resolved exposures of a run with history: the
// findings' columns, status "resolved", under a frozen header with a
// filter.
func (x *xlsx) resolvedSheet(sheet string) {
	hdr := x.t.sheetHeader()
	x.headerRow(sheet, 1, hdr...)
	for i, rw := range x.t.resolved {
		r := i + 2
		for col, v := range rw.Sheet {
			x.text(sheet, col, r, v)
		}
		x.check(x.f.SetCellStyle(sheet, cell(0, r), cell(numSheetColumns-1, r), x.wrap))
	}
	for col := range hdr {
		wd, ok := xlsxWidths[sheetLayout[col]]
		if !ok {
			wd = 20
		}
		name, _ := excelize.ColumnNumberToName(col + 1)
		x.check(x.f.SetColWidth(sheet, name, name, float64(wd)))
	}
	x.check(x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.check(x.f.AutoFilter(sheet, cell(0, 1)+":"+cell(numSheetColumns-1, len(x.t.resolved)+1), nil))
}

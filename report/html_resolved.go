package report

import "fmt"

// htmlResolvedTable is the HTML report's list of resolved exposures (a run
// with history): a heading, the columns' headers and the rows' cells.
type htmlResolvedTable struct {
	Heading string
	Header  []string
	Rows    [][]htmlCell
}

// htmlResolvedColumns are the columns of the resolved list: what it was,
// for whom, why, and since when.
var htmlResolvedColumns = []int{colItem, colKind, colPrincipal, colTitle, colCheck, colOwner, colLocation, colFirstSeen, colStatus}

// htmlResolved is the resolved list of t, or nil without history.
func htmlResolved(t *table) *htmlResolvedTable {
	if t.resolved == nil {
		return nil
	}
	st := t.c.sheet
	out := &htmlResolvedTable{Heading: fmt.Sprintf(t.c.xt().resolvedHeading, len(t.resolved))}
	for _, col := range htmlResolvedColumns {
		out.Header = append(out.Header, st.columns[col])
	}
	for _, r := range t.resolved {
		cells := make([]htmlCell, len(htmlResolvedColumns))
		for i, col := range htmlResolvedColumns {
			cells[i] = htmlCell{Text: r.Sheet[sheetPos[col]], Label: st.columns[col], Class: htmlCellClass[col]}
		}
		out.Rows = append(out.Rows, cells)
	}
	return out
}

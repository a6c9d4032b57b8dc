package report

// tabResolved is the tab of resolved exposures (a run with history).
const tabResolved = tabCoverage + 1

// resolvedGrid is the Resolved tab: the findings' header, then one row per
// resolved exposure.
func (t *table) resolvedGrid() [][]any {
	g := make([][]any, 0, len(t.resolved)+1)
	g = append(g, sheetCells(t.sheetHeader()))
	for _, r := range t.resolved {
		g = append(g, sheetCells(r.Sheet[:]))
	}
	return g
}

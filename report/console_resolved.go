package report

import (
	"fmt"
	"strings"
)

// maxResolved is how many resolved exposures the console and Markdown
// list.
const maxResolved = 10

// resolved lists what a run with history found fixed since the last run:
// the item, who it was shared with and the reasons that went away.
func (p *printer) resolved(d *Document) {
	res := d.ResolvedExposures()
	if len(res) == 0 {
		return
	}
	t := &table{c: p.c, doc: d}
	t.exposureRows(driveNames(d))
	x := p.c.xt()
	p.printf("\n%s\n", fmt.Sprintf(x.resolvedHeading, len(t.resolved)))
	for i, r := range t.resolved {
		if i == maxResolved {
			p.printf("  %s\n", fmt.Sprintf(x.moreResolved, len(t.resolved)-maxResolved))
			break
		}
		p.printf("  - %s\n", TermSafe(resolvedLine(p.c, r)))
	}
}

// resolvedLine sums up a resolved row on one line: item (kind), who it
// was shared with, the reasons and checks, and the status when partial.
func resolvedLine(c *catalog, r row) string {
	cell := func(col int) string { return r.Sheet[sheetPos[col]] }
	parts := []string{cell(colItem) + fmt.Sprintf(c.labels.paren, cell(colKind))}
	if who := cell(colPrincipal); who != "" {
		parts = append(parts, c.labels.grantee+": "+who)
	}
	parts = append(parts, cell(colTitle)+" ["+cell(colCheck)+"]")
	if st := cell(colStatus); st != c.xt().resolved {
		parts = append(parts, st)
	}
	return strings.Join(parts, " — ")
}

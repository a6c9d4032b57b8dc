package report

import (
	"fmt"
	"strings"
)

// markdownResolvedColumns are the resolved list's columns in Markdown.
var markdownResolvedColumns = []int{colItem, colPrincipal, colTitle, colCheck, colOwner, colFirstSeen, colStatus}

// writeMarkdownResolved lists the resolved exposures of a run with
// history (at most maxResolved of them).
func writeMarkdownResolved(p func(string, ...any), t *table) {
	if len(t.resolved) == 0 {
		return
	}
	x, st := t.c.xt(), t.c.sheet
	p("\n### %s\n\n", md(fmt.Sprintf(x.resolvedHeading, len(t.resolved))))
	for i, col := range markdownResolvedColumns {
		if i > 0 {
			p(" ")
		}
		p("| %s", st.columns[col])
	}
	p(" |\n|%s\n", strings.Repeat(" --- |", len(markdownResolvedColumns)))
	for i, r := range t.resolved {
		if i == maxResolved {
			p("\n%s\n", md(fmt.Sprintf(x.moreResolved, len(t.resolved)-maxResolved)))
			break
		}
		for j, col := range markdownResolvedColumns {
			if j > 0 {
				p(" ")
			}
			p("| %s", md(r.Sheet[sheetPos[col]]))
		}
		p(" |\n")
	}
}

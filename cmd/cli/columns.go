package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/gwsaudit/gwsaudit/report"
)

// writeColumns prints rows as aligned columns two spaces apart, measuring
// text by its display width (Japanese characters take two columns, as a
// terminal shows them). The last column is not padded, so a long value
// there (a path) lengthens only its own line.
func writeColumns(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, cell := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], report.Columns(cell))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, cell := range r {
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-report.Columns(cell)+2))
			}
		}
		if _, err := fmt.Fprintln(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

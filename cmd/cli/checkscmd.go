package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/report"
)

func newChecksCmd(stdout io.Writer) *cobra.Command {
	var lang string
	cmd := &cobra.Command{
		Use:   "checks",
		Short: "List the check catalog: ID, default severity, title",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if lang == "" {
				lang = langFromLocale()
			}
			rows := [][3]string{{"ID", "SEVERITY", "TITLE"}}
			if lang == "ja" {
				rows[0] = [3]string{"ID", "重要度", "タイトル"}
			}
			for _, c := range checks.Registry {
				d := c.Describe()
				rows = append(rows, [3]string{d.ID, report.SeverityName(lang, d.Severity), checkTitle(lang, d.ID)})
			}
			return writeColumns(stdout, rows)
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "", "en or ja (default from the locale)")
	return cmd
}

func checkTitle(lang, id string) string {
	if t, ok := report.CheckText(lang, id); ok {
		return t.Title
	}
	return ""
}

// writeColumns prints rows as aligned columns, measuring Japanese text by
// its width on a terminal (text/tabwriter counts characters).
func writeColumns(w io.Writer, rows [][3]string) error {
	var widths [3]int
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], report.Columns(cell))
		}
	}
	for _, r := range rows {
		line := r[0] + strings.Repeat(" ", widths[0]-report.Columns(r[0])+2) +
			r[1] + strings.Repeat(" ", widths[1]-report.Columns(r[1])+2) + r[2]
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

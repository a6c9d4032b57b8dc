package cli

import (
	"io"

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
			rows := [][]string{{"ID", "SEVERITY", "TITLE"}}
			if lang == "ja" {
				rows[0] = []string{"ID", "重要度", "タイトル"}
			}
			for _, c := range checks.Registry {
				d := c.Describe()
				rows = append(rows, []string{d.ID, report.SeverityName(lang, d.Severity), checkTitle(lang, d.ID)})
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

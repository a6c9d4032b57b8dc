package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

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
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
			for _, c := range checks.Registry {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", c.ID(), c.DefaultSeverity(), checkTitle(lang, c.ID()))
			}
			return tw.Flush()
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

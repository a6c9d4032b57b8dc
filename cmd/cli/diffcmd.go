package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/report"
)

func newDiffCmd(stdout, _ io.Writer) *cobra.Command {
	var format string
	var ref storeRef
	cmd := &cobra.Command{
		Use:   "diff RUN_A RUN_B",
		Short: "Compare two recorded runs: findings added, removed and changed",
		Long: `Compare two recorded runs. A run is named by its ID (or a unique prefix of
it) as gwsaudit history lists it, or as latest / previous.`,
		Example: `  gwsaudit diff previous latest
  gwsaudit diff 20261119T020000Z 20261120T020000Z --format json
  gwsaudit diff previous latest --config /etc/gwsaudit/municipality.yaml`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := ref.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := st.Diff(cmd.Context(), args[0], args[1])
			if err != nil {
				return err
			}
			return writeDiff(stdout, d, format)
		},
	}
	ref.addFlags(cmd)
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

func writeDiff(w io.Writer, d *report.Diff, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	case "table":
	default:
		return fmt.Errorf("--format %q: want table or json", format)
	}
	tenant := ""
	if d.To.Tenant != "" {
		tenant = " (" + report.TermSafe(d.To.Tenant) + ")"
	}
	fmt.Fprintf(w, "%s → %s%s: %d added, %d removed, %d changed\n", report.TermSafe(d.From.ID), report.TermSafe(d.To.ID), tenant, len(d.Added), len(d.Removed), len(d.Changed))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, part := range []struct {
		sign    string
		entries []report.DiffEntry
	}{{"+", d.Added}, {"-", d.Removed}, {"~", d.Changed}} {
		for _, e := range part.entries {
			sev := e.Severity
			if e.OldSeverity != "" && e.OldSeverity != e.Severity {
				sev = e.OldSeverity + "→" + e.Severity
			}
			who := ""
			if p := e.Principal; p != nil {
				who = p.Type
				if p.Email != "" {
					who = p.Email
				} else if p.Domain != "" {
					who = p.Domain
				}
			}
			where := e.Resource.Path
			if where == "" {
				where = e.Resource.Name
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", part.sign, report.TermSafe(e.CheckID), report.TermSafe(sev), report.TermSafe(where), report.TermSafe(who), report.TermSafe(e.Status))
		}
	}
	return tw.Flush()
}

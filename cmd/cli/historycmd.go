package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/store"
)

func newHistoryCmd(stdout, _ io.Writer) *cobra.Command {
	var path, format string
	var limit int
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List the recorded audit runs, newest first",
		Example: `  gwsaudit history
  gwsaudit history --store /var/lib/gwsaudit/gwsaudit.db --limit 30 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := openStoreReader(cmd.Context(), path)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(cmd.Context(), limit)
			if err != nil {
				return err
			}
			return writeRuns(stdout, runs, format)
		},
	}
	cmd.Flags().StringVar(&path, "store", "", "run history database (default $GWSAUDIT_STORE, then the user's state directory)")
	cmd.Flags().IntVar(&limit, "limit", 20, "show at most this many runs (0: all)")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

// openStoreReader opens the store named by --store, $GWSAUDIT_STORE or the
// default path, for reading.
func openStoreReader(ctx context.Context, path string) (*store.Store, error) {
	if path == "" {
		path = os.Getenv("GWSAUDIT_STORE")
	}
	if path == "" {
		var err error
		if path, err = store.DefaultPath(); err != nil {
			return nil, err
		}
	}
	return store.OpenReader(ctx, path)
}

func writeRuns(w io.Writer, runs []store.RunRecord, format string) error {
	switch format {
	case "json":
		if runs == nil {
			runs = []store.RunRecord{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(runs)
	case "table":
	default:
		return fmt.Errorf("--format %q: want table or json", format)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTARTED\tMODE\tFINDINGS\tNEW\tRESOLVED\tSUPPRESSED\tCRIT\tHIGH\tMED\tLOW\tINFO\tAPI CALLS")
	for _, r := range runs {
		s := r.Summary
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", r.ID, r.StartedAt.Local().Format(time.DateTime), r.Mode,
			r.Findings, r.New, r.Resolved, r.Suppressed, s.Critical, s.High, s.Medium, s.Low, s.Info, r.APICalls)
	}
	return tw.Flush()
}

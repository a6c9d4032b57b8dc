package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/pipeline"
	"github.com/gwsaudit/gwsaudit/report"
)

func newHistoryCmd(stdout, _ io.Writer) *cobra.Command {
	var format, lang, by string
	var limit int
	var ref storeRef
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List the recorded audit runs, newest first",
		Long: `List the recorded audit runs, newest first. The table counts exposures, as
each run's console summary did: one per grant (an item and who it is shared
with) or per setting, however many checks found it; NEW has something new,
RESOLVED was fixed since the run before. --by findings counts each check's
findings instead. The JSON has both (findings at the top level, exposures
under "exposures").`,
		Example: `  gwsaudit history
  gwsaudit history --by findings --lang ja
  gwsaudit history --store /var/lib/gwsaudit/gwsaudit.db --limit 30 --format json
  gwsaudit history --config /etc/gwsaudit/municipality.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := readerLang(lang, ref.config)
			if err != nil {
				return err
			}
			st, err := ref.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(cmd.Context(), limit)
			if err != nil {
				return err
			}
			return writeRuns(stdout, runs, format, lang, by, time.Local)
		},
	}
	ref.addFlags(cmd)
	cmd.Flags().StringVar(&by, "by", countByExposure, "what the table counts: exposures (one per grant, as the console) or findings (one per check)")
	cmd.Flags().StringVar(&lang, "lang", "", "en or ja (default $GWSAUDIT_LANG, then the config's lang, then the locale)")
	cmd.Flags().IntVar(&limit, "limit", 20, "show at most this many runs (0: all)")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

// storeRef names the store history and diff read: --store, else
// $GWSAUDIT_STORE, else the store key of the --config file (the audit's
// config), else the default path — the audit's order of precedence.
type storeRef struct {
	path, config string
}

func (r *storeRef) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&r.path, "store", "", "run history database (default $GWSAUDIT_STORE, then the config file's store, then the user's state directory)")
	cmd.Flags().StringVar(&r.config, "config", "", "config file (YAML) of the audit, for its store key; see configs/")
}

// open opens the store for reading.
func (r *storeRef) open(ctx context.Context) (pipeline.Records, error) {
	path := r.path
	if path == "" {
		path = os.Getenv("GWSAUDIT_STORE")
	}
	if path == "" && r.config != "" {
		v := viper.New()
		if err := readConfigFile(v, r.config); err != nil {
			return nil, err
		}
		if v.GetBool("no_store") && v.GetString("store") == "" {
			return nil, usererr.New(usererr.StoreConfigNoStore, r.config)
		}
		path = v.GetString("store")
	}
	if path == "" {
		var err error
		if path, err = pipeline.DefaultStorePath(); err != nil {
			return nil, err
		}
	}
	if err := checkStoreFile(path); err != nil {
		return nil, err
	}
	st, err := pipeline.OpenRecords(ctx, path)
	if err != nil {
		return nil, usererr.Wrap(err, usererr.StoreNotAStore, path)
	}
	return st, nil
}

// checkStoreFile says what is wrong with the store file at path before
// SQLite is asked to open it: missing, unreadable or a directory.
func checkStoreFile(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usererr.New(usererr.StoreMissing, path)
	case err != nil:
		return usererr.Wrap(err, usererr.StoreUnreadable, path)
	case fi.IsDir():
		return usererr.New(usererr.StoreIsDir, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return usererr.Wrap(err, usererr.StoreUnreadable, path)
	}
	return f.Close()
}

// What the history table counts (--by).
const (
	countByExposure = "exposures"
	countByFinding  = "findings"
)

// historyHeaders are the history table's column names by what it counts
// and language: run, start, tenant, mode, the total, new, resolved,
// suppressed, the five severities, then (by exposure) the findings behind
// them, and the API calls.
var historyHeaders = map[string]map[string][]string{
	countByExposure: {
		"en": {"RUN", "STARTED", "TENANT", "MODE", "EXPOSURES", "NEW", "RESOLVED", "SUPPRESSED", "CRIT", "HIGH", "MED", "LOW", "INFO", "FINDINGS", "API CALLS"},
		"ja": {"実行 ID", "開始", "テナント", "種類", "露出", "新規", "解消", "許容", "重大", "高", "中", "低", "情報", "チェック別の検出", "API 呼び出し"},
	},
	countByFinding: {
		"en": {"RUN", "STARTED", "TENANT", "MODE", "FINDINGS", "NEW", "RESOLVED", "SUPPRESSED", "CRIT", "HIGH", "MED", "LOW", "INFO", "API CALLS"},
		"ja": {"実行 ID", "開始", "テナント", "種類", "検出", "新規", "解消", "許容", "重大", "高", "中", "低", "情報", "API 呼び出し"},
	},
}

// writeRuns prints the run list: JSON, or a table in lang counting by
// exposure or by finding (by), its times in loc (the machine's zone for the
// command), zone shown.
func writeRuns(w io.Writer, runs []report.RunRecord, format, lang, by string, loc *time.Location) error {
	byLang, ok := historyHeaders[by]
	if !ok {
		return usererr.New(usererr.BadBy, by)
	}
	switch format {
	case "json":
		if runs == nil {
			runs = []report.RunRecord{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(runs)
	case "table":
	default:
		return usererr.New(usererr.BadFormatTable, format)
	}
	headers, ok := byLang[lang]
	if !ok {
		return fmt.Errorf("--lang %q: want en or ja", lang)
	}
	rows := [][]string{headers}
	for _, r := range runs {
		s := r.Summary
		tenant := r.Tenant
		if tenant == "" {
			tenant = "-"
		}
		row := []string{report.TermSafe(r.ID), r.StartedAt.In(loc).Format("2006-01-02 15:04 -07:00"),
			report.TermSafe(tenant), report.TermSafe(report.ModeName(lang, r.Mode))}
		counts := []int{r.Findings, r.New, r.Resolved, r.Suppressed, s.Critical, s.High, s.Medium, s.Low, s.Info}
		if by == countByExposure {
			x := r.Exposures
			counts = []int{x.Total, x.New, x.Resolved, x.Suppressed, x.Summary.Critical, x.Summary.High, x.Summary.Medium,
				x.Summary.Low, x.Summary.Info, r.Findings}
		}
		for _, n := range append(counts, int(r.APICalls)) {
			row = append(row, strconv.Itoa(n))
		}
		rows = append(rows, row)
	}
	return writeColumns(w, rows)
}

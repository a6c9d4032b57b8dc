package cli

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

func newDiffCmd(stdout, _ io.Writer) *cobra.Command {
	var format, lang string
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
			lang, err := readerLang(lang, ref.config)
			if err != nil {
				return err
			}
			st, err := ref.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := st.Diff(cmd.Context(), args[0], args[1])
			if err != nil {
				return err
			}
			return writeDiff(stdout, d, format, lang)
		},
	}
	ref.addFlags(cmd)
	cmd.Flags().StringVar(&lang, "lang", "", "en or ja (default $GWSAUDIT_LANG, then the config's lang, then the locale)")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

// diffSummary is the diff table's first line: from, to, tenant, then the
// exposures (lines) added, removed and changed, and the findings behind
// them.
var diffSummary = map[string]string{
	"en": "%s → %s%s: %d added, %d removed, %d changed exposures (findings: %d added, %d removed, %d changed)",
	"ja": "%s → %s%s: 露出 追加 %d 件、解消 %d 件、変更 %d 件（チェック別の検出 追加 %d 件、解消 %d 件、変更 %d 件）",
}

// diffRemoved is the status of a removed line.
var diffRemoved = map[string]string{"en": "resolved", "ja": "解消"}

// writeDiff prints a diff: JSON, or one line a finding in lang — sign,
// check, severity, status, principal, then the path, last and unpadded.
func writeDiff(w io.Writer, d *report.Diff, format, lang string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	case "table":
	default:
		return usererr.New(usererr.BadFormatTable, format)
	}
	summary, ok := diffSummary[lang]
	if !ok {
		return fmt.Errorf("--lang %q: want en or ja", lang)
	}
	tenant := ""
	if d.To.Tenant != "" {
		tenant = " (" + report.TermSafe(d.To.Tenant) + ")"
	}
	parts := []struct {
		sign   string
		groups [][]report.DiffEntry
	}{{"+", report.GroupDiff(d.Added)}, {"-", report.GroupDiff(d.Removed)}, {"~", report.GroupDiff(d.Changed)}}
	fmt.Fprintf(w, summary+"\n", report.TermSafe(d.From.ID), report.TermSafe(d.To.ID), tenant,
		len(parts[0].groups), len(parts[1].groups), len(parts[2].groups), len(d.Added), len(d.Removed), len(d.Changed))
	var rows [][]string
	for _, part := range parts {
		for _, g := range part.groups { // a line per grant
			e, ids := g[0], make([]string, 0, len(g))
			sev, old := worstSeverity(g, func(e report.DiffEntry) string { return e.Severity }),
				worstSeverity(g, func(e report.DiffEntry) string { return e.OldSeverity })
			for _, x := range g {
				if !slices.Contains(ids, x.CheckID) {
					ids = append(ids, x.CheckID)
				}
			}
			word := severityWord(lang, sev)
			if old != "" && old != sev {
				word = severityWord(lang, old) + "→" + word
			}
			who := "-"
			if e.Principal != nil { // SHARE-001 is only about a discoverable link
				who = report.PrincipalName(lang, e.Principal, slices.Contains(ids, "SHARE-001"))
			}
			where := cmp.Or(e.Resource.Path, e.Resource.Name, e.Resource.ID)
			status := cmp.Or(report.StatusName(lang, e.Status), "-")
			if part.sign == "-" { // gone from the later run: its status in the earlier one would mislead
				status = diffRemoved[lang]
			}
			rows = append(rows, []string{part.sign, report.TermSafe(strings.Join(ids, ",")), report.TermSafe(word),
				report.TermSafe(status), report.TermSafe(who), report.TermSafe(where)})
		}
	}
	return writeColumns(w, rows)
}

// worstSeverity is the highest severity sev reads from the entries ("" when
// none has one).
func worstSeverity(g []report.DiffEntry, sev func(report.DiffEntry) string) string {
	best, bestSev := "", model.Severity(-1)
	for _, e := range g {
		if s, err := model.ParseSeverity(sev(e)); err == nil && s > bestSev {
			best, bestSev = sev(e), s
		}
	}
	return best
}

// severityWord names a severity written as text ("high") in lang.
func severityWord(lang, sev string) string {
	s, err := model.ParseSeverity(sev)
	if err != nil {
		return sev
	}
	return report.SeverityName(lang, s)
}

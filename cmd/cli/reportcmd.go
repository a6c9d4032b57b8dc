package cli

import (
	"io"
	"os"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/report"
)

func newReportCmd(stdout, stderr io.Writer) *cobra.Command {
	var in, lang string
	var outs []string
	var fresh bool
	cmd := &cobra.Command{
		Use:     "report",
		Short:   "Re-render a saved JSON report in other formats or another language",
		Example: "  gwsaudit report --in run.json --out report.json --lang ja",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if in == "" {
				return usererr.New(usererr.ReportInRequired)
			}
			if err := checkOutputs(cmd.Context(), outs, outputOptions{}); err != nil {
				return err
			}
			f, err := os.Open(in)
			if err != nil {
				return usererr.Wrap(err, usererr.OpenReport)
			}
			defer f.Close()
			doc, err := report.ReadJSON(f)
			if err != nil {
				return usererr.Wrap(err, usererr.NotAReport, in)
			}
			if fresh && doc.Resolved == nil {
				return usererr.New(usererr.OnlyNewNoHistory, in)
			}
			if lang == "" {
				lang = langFromLocale()
			}
			if err := doc.Localize(lang); err != nil {
				return err
			}
			log := zerolog.New(stderr).With().Timestamp().Logger()
			if err := writeOutputs(cmd.Context(), doc, outs, outputOptions{Lang: lang, OnlyNew: fresh}, log); err != nil {
				return err
			}
			if len(outs) == 0 {
				if fresh {
					doc = onlyNew(doc)
				}
				return writeStdout(stdout, doc, "console", lang)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&in, "in", "", "saved JSON report")
	cmd.Flags().StringArrayVar(&outs, "out", nil, "output `PATH`, format from the extension; repeatable (none: console summary)")
	cmd.Flags().StringVar(&lang, "lang", "", "en or ja (default from the locale)")
	cmd.Flags().BoolVar(&fresh, "only-new", false, "the human formats show only the exposures with something new since the run before (a report written with --store); JSON keeps every finding")
	addOutputFlags(cmd.Flags(), cmd)
	return cmd
}

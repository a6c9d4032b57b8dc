package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/report"
)

// outputOptions are the report-writing settings shared by audit and report.
type outputOptions struct {
	Lang string
}

// writeOutputs writes doc to every --out target.
func writeOutputs(_ context.Context, doc *report.Document, outs []string, opts outputOptions, log zerolog.Logger) error {
	for _, path := range outs {
		if err := report.WriteFile(path, doc, report.Options{Lang: opts.Lang}); err != nil {
			return err
		}
		log.Info().Str("path", path).Msg("report written")
	}
	return nil
}

// writeStdout prints the console summary, or the JSON document.
func writeStdout(w io.Writer, doc *report.Document, format, lang string) error {
	if format == "json" {
		if err := report.WriteJSON(w, doc); err != nil {
			return fmt.Errorf("write report to stdout: %w", err)
		}
		return nil
	}
	if err := report.WriteConsole(w, doc, report.ConsoleOptions{Lang: lang, Color: isTerminal(w), Top: 10}); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

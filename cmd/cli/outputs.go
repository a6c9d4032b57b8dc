package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/report"
)

// sheetsTarget is the --out value that exports to Google Sheets; text after
// the colon, if any, is the spreadsheet's title.
const sheetsTarget = "sheets:"

// outputOptions are the report-writing settings shared by audit and report.
type outputOptions struct {
	Lang        string
	NoCSVBOM    bool     // --csv-bom=false
	SheetsShare []string // --sheets-share
	SheetsAs    string   // --sheets-as
	// OnlyNew gives the human formats (all but JSON) only the new findings
	// (--only-new); the JSON report keeps every one.
	OnlyNew bool
	// PerOwner writes a file per owner or org unit (--out-per-owner).
	PerOwner perOwnerOptions
	// Settings are the command's loaded settings (credentials, emulator) for
	// a Sheets export; nil: read them from the command's flags.
	Settings *settings
}

// outputFlags hold the flags addOutputFlags registers, and the command
// (for the credentials a Sheets export needs).
type outputFlags struct {
	csvBOM      bool
	sheetsShare []string
	sheetsAs    string
	perOwner    perOwnerOptions
	cmd         *cobra.Command
}

type outputFlagsKey struct{}

// addOutputFlags registers the report-writing flags on f (cmd's flags)
// and, before cmd runs, puts their values in its context for writeOutputs.
func addOutputFlags(f *pflag.FlagSet, cmd *cobra.Command) {
	o := &outputFlags{cmd: cmd}
	f.BoolVar(&o.csvBOM, "csv-bom", true, "start CSV files with a UTF-8 byte order mark (Excel needs it); --csv-bom=false drops it")
	f.StringSliceVar(&o.sheetsShare, "sheets-share", nil, "with --out sheets:, share the spreadsheet with these `ADDRESSES` (comma-separated) as editors")
	sheetsAs := "with --out sheets:, the user whose Drive gets the spreadsheet"
	if f.Lookup("admin") != nil {
		sheetsAs += " (default: --admin)"
	}
	f.StringVar(&o.sheetsAs, "sheets-as", "", sheetsAs)
	f.StringVar(&o.perOwner.Dir, "out-per-owner", "", "also write one file per owner into `DIR` (created if missing), each with only that owner's findings and how to fix them; shared-drive items go to the drive's managers; index.csv lists the files")
	f.StringVar(&o.perOwner.GroupBy, "group-by", "owner", "with --out-per-owner: owner (a file per owner) or ou (a file per org unit, 所属; a file per shared drive)")
	f.StringSliceVar(&o.perOwner.Formats, "per-owner-format", []string{"csv", "xlsx"}, "with --out-per-owner: csv, xlsx or both")
	prev := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		c.SetContext(context.WithValue(c.Context(), outputFlagsKey{}, o))
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
}

// withFlags fills opts from the flags addOutputFlags registered, if any.
func (opts outputOptions) withFlags(ctx context.Context) (outputOptions, *outputFlags) {
	o, _ := ctx.Value(outputFlagsKey{}).(*outputFlags)
	if o == nil {
		return opts, nil
	}
	opts.NoCSVBOM = opts.NoCSVBOM || !o.csvBOM
	if len(opts.SheetsShare) == 0 {
		opts.SheetsShare = o.sheetsShare
	}
	if opts.SheetsAs == "" {
		opts.SheetsAs = o.sheetsAs
	}
	if opts.PerOwner.Dir == "" {
		opts.PerOwner = o.perOwner
	}
	return opts, o
}

// writeOutputs writes doc to every --out target: a file (format from the
// extension) or, for "sheets:", a new Google Sheets spreadsheet.
func writeOutputs(ctx context.Context, doc *report.Document, outs []string, opts outputOptions, log zerolog.Logger) error {
	opts, flags := opts.withFlags(ctx)
	human := doc
	if opts.OnlyNew {
		human = onlyNew(doc)
	}
	for _, path := range outs {
		if title, ok := strings.CutPrefix(path, sheetsTarget); ok {
			if err := exportSheets(ctx, human, title, opts, flags, log); err != nil {
				return err
			}
			continue
		}
		d := human
		if strings.EqualFold(filepath.Ext(path), ".json") {
			d = doc
		}
		if err := report.WriteFile(path, d, report.Options{Lang: opts.Lang, NoCSVBOM: opts.NoCSVBOM}); err != nil {
			return err
		}
		log.Info().Str("path", path).Msg("report written")
	}
	return opts.PerOwner.write(human, report.Options{Lang: opts.Lang, NoCSVBOM: opts.NoCSVBOM}, log)
}

// checkOutputs validates every --out target before any work is done, so
// that a run of hours does not end in "unsupported report format": a file
// needs a known extension and a directory that exists and takes a new file
// (reports are written through a temporary file renamed into place);
// "sheets:" needs a command that exports to Sheets and a user whose Drive
// gets the spreadsheet.
func checkOutputs(ctx context.Context, outs []string, opts outputOptions) error {
	opts, flags := opts.withFlags(ctx)
	if err := opts.PerOwner.check(); err != nil {
		return err
	}
	for _, path := range outs {
		if strings.HasPrefix(path, sheetsTarget) {
			if flags == nil {
				return fmt.Errorf("--out %s: Google Sheets export is not available for this command", path)
			}
			if opts.Settings != nil && strings.TrimSpace(opts.SheetsAs) == "" && strings.TrimSpace(opts.Settings.Admin) == "" && opts.Settings.OAuthClient == "" {
				return usererr.New(usererr.SheetsNeedsUser)
			}
			continue
		}
		if err := checkOutputFile(path); err != nil {
			return usererr.Wrap(err, usererr.FlagValue, "--out", path)
		}
	}
	return nil
}

func checkOutputFile(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if !slices.Contains(report.Formats(), ext) {
		if ext == "" {
			return usererr.New(usererr.OutNoExtension, strings.Join(report.Formats(), ", "))
		}
		return usererr.New(usererr.OutUnknownFormat, ext, strings.Join(report.Formats(), ", "))
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usererr.New(usererr.OutIsDir)
	}
	// The same directory string and open as the real write: a cleaned path
	// would hide "nodir/.." where nodir does not exist.
	return report.CheckWritable(path)
}

// onlyNew keeps the exposures with something new (--only-new: what a
// department has not been told about yet); see report.OnlyNew.
func onlyNew(doc *report.Document) *report.Document { return report.OnlyNew(doc) }

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

package cli

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/report"
)

// perOwnerOptions are --out-per-owner DIR, --group-by and
// --per-owner-format.
type perOwnerOptions struct {
	Dir     string
	GroupBy string
	Formats []string
}

// perOwnerFormats turns "csv", ".xlsx", "XLSX" into report's extensions.
func (o perOwnerOptions) formats() ([]string, error) {
	var out []string
	for _, f := range o.Formats {
		ext := "." + strings.TrimPrefix(strings.ToLower(strings.TrimSpace(f)), ".")
		if ext == "." {
			continue
		}
		ok := false
		for _, known := range report.PerOwnerFormats {
			ok = ok || ext == known
		}
		if !ok {
			return nil, usererr.New(usererr.BadPerOwnerFormat, f)
		}
		out = append(out, ext)
	}
	return out, nil
}

func (o perOwnerOptions) groupBy() (report.GroupBy, error) {
	switch g := strings.ToLower(strings.TrimSpace(o.GroupBy)); g {
	case "", "owner":
		return report.GroupByOwner, nil
	case "ou", "org-unit", "org_unit":
		return report.GroupByOrgUnit, nil
	default:
		return "", usererr.New(usererr.BadGroupBy, o.GroupBy)
	}
}

// check validates the options before any work is done, creating the
// directory if needed and making sure a file can be written in it.
func (o perOwnerOptions) check() error {
	if o.Dir == "" {
		if o.GroupBy != "" && o.GroupBy != "owner" {
			return usererr.New(usererr.GroupByNeedsDir)
		}
		return nil
	}
	if _, err := o.groupBy(); err != nil {
		return err
	}
	if _, err := o.formats(); err != nil {
		return err
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return usererr.Wrap(err, usererr.FlagValue, "--out-per-owner", o.Dir)
	}
	if err := report.CheckWritable(filepath.Join(o.Dir, "index.csv")); err != nil {
		return usererr.Wrap(err, usererr.FlagValue, "--out-per-owner", o.Dir)
	}
	return nil
}

// write writes doc's per-owner files.
func (o perOwnerOptions) write(doc *report.Document, opts report.Options, log zerolog.Logger) error {
	if o.Dir == "" {
		return nil
	}
	by, err := o.groupBy()
	if err != nil {
		return err
	}
	exts, err := o.formats()
	if err != nil {
		return err
	}
	idx, err := report.WritePerOwner(o.Dir, doc, by, exts, opts)
	if err != nil {
		return err
	}
	log.Info().Str("dir", o.Dir).Str("group_by", string(by)).Int("files", len(idx.Parts)*len(exts)).Msg("per-owner reports written (index.csv lists them)")
	return nil
}

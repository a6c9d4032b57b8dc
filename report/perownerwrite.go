package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// PerOwnerFormats are the file formats per-owner outputs may be written in.
var PerOwnerFormats = []string{".csv", ".xlsx"}

// perOwnerManifest is the machine-readable index of a per-owner
// directory; the next write reads it to remove the files of parts that
// are gone (an owner whose items were all fixed).
const perOwnerManifest = "index.json"

// perOwnerIndexCSV is the index people open.
const perOwnerIndexCSV = "index.csv"

// PerOwnerIndex is what WritePerOwner wrote: index.json in the directory.
type PerOwnerIndex struct {
	Schema  string          `json:"schema"` // "gwsaudit.per-owner/v1"
	RunID   string          `json:"run_id"`
	GroupBy GroupBy         `json:"group_by"`
	Parts   []PerOwnerEntry `json:"parts"`
}

// PerOwnerEntry is one part of the index.
type PerOwnerEntry struct {
	Kind     string   `json:"kind"`
	Key      string   `json:"key,omitempty"`
	Label    string   `json:"label"`
	Files    []string `json:"files"`
	Findings int      `json:"findings"`
	// Worst is the most severe finding's severity; absent when the part
	// has only resolved findings.
	Worst *model.Severity `json:"worst_severity,omitempty"`
}

// PerOwnerSchema is PerOwnerIndex.Schema.
const PerOwnerSchema = "gwsaudit.per-owner/v1"

// WritePerOwner splits d by owner or org unit (see SplitByOwner) and
// writes each part in every format of exts (".csv", ".xlsx") into dir,
// which is created if missing, with an index of what was written
// (index.csv, localized, and index.json). Files a previous write listed in
// index.json that this one did not write again are removed, so a
// directory never holds an owner's stale list. Files are written
// atomically with mode 0600.
func WritePerOwner(dir string, d *Document, by GroupBy, exts []string, opts Options) (*PerOwnerIndex, error) {
	if len(exts) == 0 {
		exts = PerOwnerFormats
	}
	for _, ext := range exts {
		if !slices.Contains(PerOwnerFormats, ext) {
			return nil, fmt.Errorf("report: per-owner format %q: want one of %s", ext, strings.Join(PerOwnerFormats, ", "))
		}
	}
	if by != GroupByOwner && by != GroupByOrgUnit {
		return nil, fmt.Errorf("report: group per-owner outputs by %q: want %s or %s", by, GroupByOwner, GroupByOrgUnit)
	}
	if opts.Lang != "" {
		var err error
		if d, err = d.Localized(opts.Lang); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("report: per-owner directory: %w", err)
	}
	parts, err := SplitByOwner(d, by, opts.Lang)
	if err != nil {
		return nil, err
	}
	idx := &PerOwnerIndex{Schema: PerOwnerSchema, RunID: d.Run.ID, GroupBy: by, Parts: []PerOwnerEntry{}}
	written := map[string]bool{perOwnerManifest: true, perOwnerIndexCSV: true}
	for _, p := range parts {
		e := PerOwnerEntry{Kind: p.Kind, Key: p.Key, Label: p.Label, Findings: len(p.Doc.Findings)}
		for _, f := range p.Doc.Findings {
			if e.Worst == nil || f.Severity > *e.Worst {
				sev := f.Severity
				e.Worst = &sev
			}
		}
		for _, ext := range exts {
			name := p.Name + ext
			if err := WriteFile(filepath.Join(dir, name), p.Doc, opts); err != nil {
				return nil, err
			}
			e.Files = append(e.Files, name)
			written[name] = true
		}
		idx.Parts = append(idx.Parts, e)
	}
	old := readManifest(filepath.Join(dir, perOwnerManifest))
	if err := writeAtomic(filepath.Join(dir, perOwnerIndexCSV), func(w io.Writer) error { return writeIndexCSV(w, idx, opts) }); err != nil {
		return nil, err
	}
	if err := writeAtomic(filepath.Join(dir, perOwnerManifest), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(idx)
	}); err != nil {
		return nil, err
	}
	if err := removeStale(dir, old, written); err != nil {
		return nil, err
	}
	return idx, nil
}

// readManifest reads a previous index.json; nil when there is none or it
// is not one (nothing is removed then).
func readManifest(path string) *PerOwnerIndex {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var idx PerOwnerIndex
	if json.Unmarshal(b, &idx) != nil || idx.Schema != PerOwnerSchema {
		return nil
	}
	return &idx
}

// removeStale removes the files old listed that were not written again:
// only plain names of a per-owner format inside dir, never a path.
func removeStale(dir string, old *PerOwnerIndex, written map[string]bool) error {
	if old == nil {
		return nil
	}
	for _, p := range old.Parts {
		for _, name := range p.Files {
			if written[name] || name != filepath.Base(name) || strings.ContainsAny(name, `/\`) || name == "." || name == ".." ||
				!slices.Contains(PerOwnerFormats, strings.ToLower(filepath.Ext(name))) {
				continue
			}
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("report: remove stale per-owner file: %w", err)
			}
		}
	}
	return nil
}

// writeIndexCSV writes the index people open: who each file is for, its
// files, how many findings and the worst severity.
func writeIndexCSV(w io.Writer, idx *PerOwnerIndex, opts Options) error {
	c, err := lookup(opts.Lang)
	if opts.Lang == "" {
		c, err = lookup("en")
	}
	if err != nil {
		return err
	}
	t := c.ownerTextOf()
	bw := bufio.NewWriter(w)
	if !opts.NoCSVBOM {
		bw.WriteString(utf8BOM)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	rec := make([]string, len(t.index))
	for i, h := range t.index {
		rec[i] = inert(h)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, p := range idx.Parts {
		worst := ""
		if p.Worst != nil {
			worst = c.sevName(*p.Worst)
		}
		rec = []string{inert(t.kinds[p.Kind]), inert(p.Label), inert(strings.Join(p.Files, " ")), strconv.Itoa(p.Findings), inert(worst)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

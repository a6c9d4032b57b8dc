package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// Options tune WriteFile.
type Options struct {
	// Lang, when set ("en", "ja"), localizes the findings' title, message
	// and remediation before writing; empty keeps the document's text.
	Lang string
	// NoCSVBOM drops the UTF-8 byte order mark CSV files get by default
	// (Excel in Japan needs it to read UTF-8).
	NoCSVBOM bool
}

// writers maps a file extension to its writer.
var writers = map[string]func(io.Writer, *Document, Options) error{
	".json": func(w io.Writer, d *Document, _ Options) error { return WriteJSON(w, d) },
	".csv":  func(w io.Writer, d *Document, o Options) error { return WriteCSV(w, d, o.Lang, !o.NoCSVBOM) },
	".xlsx": func(w io.Writer, d *Document, o Options) error { return WriteXLSX(w, d, o.Lang) },
	".html": func(w io.Writer, d *Document, o Options) error { return WriteHTML(w, d, o.Lang) },
	".htm":  func(w io.Writer, d *Document, o Options) error { return WriteHTML(w, d, o.Lang) },
	".md":   func(w io.Writer, d *Document, o Options) error { return WriteMarkdown(w, d, o.Lang) },
}

// Formats lists the supported file extensions, sorted.
func Formats() []string {
	exts := make([]string, 0, len(writers))
	for ext := range writers {
		exts = append(exts, ext)
	}
	slices.Sort(exts)
	return exts
}

// WriteFile writes d to path in the format its extension names. The file is
// written atomically (a temporary file renamed into place) with mode 0600:
// reports name people and files.
func WriteFile(path string, d *Document, opts Options) error {
	ext := strings.ToLower(filepath.Ext(path))
	write, ok := writers[ext]
	if !ok {
		return fmt.Errorf("report: unsupported report format %q (supported: %s)", ext, strings.Join(Formats(), ", "))
	}
	if opts.Lang != "" {
		var err error
		if d, err = d.Localized(opts.Lang); err != nil {
			return err
		}
	}
	return writeAtomic(path, func(w io.Writer) error { return write(w, d, opts) })
}

// tempDir is the directory writeAtomic creates its temporary file in: path's
// directory exactly as written, not cleaned, since the system resolves
// "nodir/.." only when nodir exists.
func tempDir(path string) (dir, base string) {
	dir, base = filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return dir, base
}

// CheckWritable tries what WriteFile will do to path: create a temporary
// file in its directory as written (then remove it). It does not touch path.
func CheckWritable(path string) error {
	dir, base := tempDir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return usererr.New(usererr.DirNotExist, dir)
	case errors.Is(err, syscall.ENOTDIR) || err == nil && !fi.IsDir():
		return usererr.New(usererr.NotDirectory, dir)
	case err != nil:
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+base+".check-*")
	if err != nil {
		return usererr.Wrap(err, usererr.CannotWrite, dir)
	}
	tmp.Close()
	if err := os.Remove(tmp.Name()); err != nil {
		return usererr.Wrap(err, usererr.CannotWrite, dir)
	}
	return nil
}

// writeAtomic writes through a temporary file in path's directory and
// renames it over path once complete.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := tempDir(path)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return usererr.Wrap(err, usererr.ReportWrite, path)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return usererr.Wrap(err, usererr.ReportWrite, path)
	}
	if err = write(&capWriter{w: tmp, n: maxOutputBytes}); err != nil {
		return usererr.Wrap(err, usererr.ReportWrite, path)
	}
	if err = tmp.Sync(); err != nil {
		return usererr.Wrap(err, usererr.ReportWrite, path)
	}
	if err = tmp.Close(); err != nil {
		return usererr.Wrap(err, usererr.ReportWrite, path)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return usererr.Wrap(err, usererr.ReportWrite, path)
	}
	return nil
}

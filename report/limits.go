package report

import (
	"errors"
	"fmt"
	"io"
)

// Bounds on reading and writing reports, so that a hostile or corrupt
// saved report cannot turn a small file into an enormous output.
const (
	// MaxEvidenceDepth is how deeply a finding's evidence may nest (the
	// evidence object itself is level 1); gwsaudit writes at most 3.
	MaxEvidenceDepth = 8
)

// Caps on the JSON report read and on one rendered report file (variables
// for tests).
var (
	maxReportBytes int64 = 128 << 20
	maxOutputBytes int64 = 512 << 20
)

// errTooLarge is a read or write past its cap.
var errTooLarge = errors.New("too large")

// capReader fails once more than n bytes have been read.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n < 0 {
		return 0, fmt.Errorf("%w: larger than %d MiB", errTooLarge, maxReportBytes>>20)
	}
	if int64(len(p)) > c.n+1 {
		p = p[:c.n+1]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	if c.n < 0 {
		return n, fmt.Errorf("%w: larger than %d MiB", errTooLarge, maxReportBytes>>20)
	}
	return n, err
}

// capWriter fails once more than n bytes would be written.
type capWriter struct {
	w io.Writer
	n int64
}

func (c *capWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > c.n {
		return 0, fmt.Errorf("%w: the rendered report would be larger than %d MiB", errTooLarge, maxOutputBytes>>20)
	}
	n, err := c.w.Write(p)
	c.n -= int64(n)
	return n, err
}

// checkEvidenceDepth refuses evidence nested deeper than MaxEvidenceDepth,
// naming the finding.
func (d *Document) checkEvidenceDepth() error {
	for i := range d.Findings {
		f := &d.Findings[i]
		if tooDeep(f.Evidence, 1) {
			return fmt.Errorf("finding %d (%s on %q): evidence nested deeper than %d levels; gwsaudit never writes such a report, so it was altered or corrupted",
				i+1, TermSafe(f.CheckID), TermSafe(f.Resource.ID), MaxEvidenceDepth)
		}
	}
	return nil
}

// tooDeep reports whether v, a container at level depth, nests deeper
// than MaxEvidenceDepth.
func tooDeep(v any, depth int) bool {
	switch c := v.(type) {
	case map[string]any:
		if depth > MaxEvidenceDepth {
			return true
		}
		for _, e := range c {
			if tooDeep(e, depth+1) {
				return true
			}
		}
	case []any:
		if depth > MaxEvidenceDepth {
			return true
		}
		for _, e := range c {
			if tooDeep(e, depth+1) {
				return true
			}
		}
	}
	return false
}

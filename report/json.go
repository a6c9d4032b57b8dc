package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// WriteJSON writes d as indented JSON, with the exposures its findings
// make (see Exposure) after them. HTML characters are not escaped
// (<, >, & stay as they are): renderers that embed the JSON in HTML must
// escape it themselves.
func WriteJSON(w io.Writer, d *Document) error {
	if d == nil {
		return errors.New("report: write JSON: nil document")
	}
	c := *d
	c.Findings = slices.Clone(d.Findings) // normalize fills in evidence: not the caller's
	c.normalize()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	// The exposures (the human formats' rows) follow the findings.
	out := struct {
		*Document
		Exposures []jsonExposure `json:"exposures"`
	}{&c, exposuresJSON(c.Findings)}
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("report: write JSON: %w", err)
	}
	return nil
}

// ReadJSON reads a document written by WriteJSON (or a compatible tool). It
// rejects any schema but Schema and trailing data after the document.
// Unknown keys are ignored: the contract allows adding keys. Reports larger
// than 128 MiB, or with evidence nested deeper than MaxEvidenceDepth, are
// refused.
func ReadJSON(r io.Reader) (*Document, error) {
	dec := json.NewDecoder(&capReader{r: r, n: maxReportBytes})
	var d Document
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("report: read JSON: %w", err)
	}
	if d.Schema != Schema {
		return nil, fmt.Errorf("report: read JSON: unsupported schema %q (want %q)", d.Schema, Schema)
	}
	if _, err := dec.Token(); err != io.EOF {
		if errors.Is(err, errTooLarge) {
			return nil, fmt.Errorf("report: read JSON: %w", err)
		}
		return nil, errors.New("report: read JSON: unexpected data after the document")
	}
	if err := d.checkEvidenceDepth(); err != nil {
		return nil, fmt.Errorf("report: read JSON: %w", err)
	}
	d.normalize()
	d.typeEvidence()
	return &d, nil
}

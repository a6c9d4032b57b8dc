package notify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// PlanSchema is the schema of the plan `gwsaudit fix plan` writes.
const PlanSchema = "gwsaudit.fix-plan/v1"

// maxInputBytes caps a run.json or plan.json read (as report.ReadJSON does).
var maxInputBytes int64 = 128 << 20

// Input is what notices are made from: the findings of a run report or of
// a fix plan, with the run's tenant and time.
type Input struct {
	// Doc holds the findings as a report document, so that the report
	// catalog localizes them; plan findings are read through the same
	// reader as run.json (limits, evidence typing).
	Doc *report.Document
	// HasStatus is true when some finding carries a run-history status
	// (the run had a --store), which --only-new needs.
	HasStatus bool
	// Source names the file for messages: "run" or "plan".
	Source string
	// Planned holds the fingerprints of a plan's actions: changes IT will
	// make (gwsaudit fix apply), which the message announces instead of
	// asking the owner to make them.
	Planned map[string]bool
}

// LoadFile reads a run report (schema gwsaudit.report/v1) or a fix plan
// (gwsaudit.fix-plan/v1) from path; the schema decides which.
func LoadFile(path string) (*Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usererr.Wrap(err, usererr.OpenPath, path)
	}
	defer f.Close()
	in, err := Read(f)
	if err != nil {
		return nil, usererr.Wrap(err, usererr.NotAReport, path)
	}
	return in, nil
}

// Read reads a run report or a fix plan, whichever its schema names.
func Read(r io.Reader) (*Input, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > maxInputBytes {
		return nil, fmt.Errorf("larger than %d MiB: not a gwsaudit report or plan", maxInputBytes>>20)
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a gwsaudit report or plan (invalid JSON): %w", err)
	}
	switch head.Schema {
	case report.Schema:
		doc, err := report.ReadJSON(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return newInput(doc, "run"), nil
	case PlanSchema:
		return readPlan(data)
	}
	return nil, fmt.Errorf("unsupported schema %q: want a report (%s, gwsaudit audit --out run.json) or a plan (%s, gwsaudit fix plan)", head.Schema, report.Schema, PlanSchema)
}

// plan is the part of a fix plan notices read: the findings of its actions
// and owner notices, and the tenant.
type plan struct {
	Schema  string        `json:"schema"`
	Tenant  report.Tenant `json:"tenant"`
	Actions []planEntry   `json:"actions"`
	Notices []planEntry   `json:"notices"`
}

type planEntry struct {
	Finding json.RawMessage `json:"finding"`
}

// readPlan reads a fix plan's findings (actions ∪ notices, each once) and
// passes them through report.ReadJSON as a report document, so that they
// get the same bounds and evidence typing as a run's.
func readPlan(data []byte) (*Input, error) {
	var p plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var raws []json.RawMessage
	actions := len(p.Actions)
	for _, e := range slices.Concat(p.Actions, p.Notices) {
		if len(bytes.TrimSpace(e.Finding)) == 0 || bytes.Equal(bytes.TrimSpace(e.Finding), []byte("null")) {
			return nil, errors.New("read plan: an action or notice has no finding")
		}
		raws = append(raws, e.Finding)
	}
	if raws == nil {
		raws = []json.RawMessage{}
	}
	wrapped, err := json.Marshal(map[string]any{
		"schema": report.Schema,
		"run":    map[string]any{"tenant": p.Tenant},
		// An empty coverage: a plan is not a walk, and says nothing of gaps.
		"findings": raws,
	})
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	doc, err := report.ReadJSON(bytes.NewReader(wrapped))
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	planned := map[string]bool{}
	for i, f := range doc.Findings {
		if i < actions && f.Fingerprint != "" {
			planned[f.Fingerprint] = true
		}
	}
	for _, f := range doc.Findings[actions:] { // an owner notice is the owner's to do
		delete(planned, f.Fingerprint)
	}
	doc.Findings = dedupe(doc.Findings)
	in := newInput(doc, "plan")
	in.Planned = planned
	return in, nil
}

// dedupe keeps the first finding of each fingerprint (a plan may hold
// several actions for one finding).
func dedupe(fs []model.Finding) []model.Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		key := f.Fingerprint
		if key == "" {
			key = f.CheckID + "\x00" + f.Resource.ID
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, f)
	}
	return out
}

func newInput(doc *report.Document, source string) *Input {
	in := &Input{Doc: doc, Source: source}
	for _, f := range doc.Findings {
		if f.Status != "" && f.Status != model.StatusSuppressed {
			in.HasStatus = true
			break
		}
	}
	return in
}

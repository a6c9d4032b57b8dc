package report

import (
	"slices"
	"testing"
	"text/template/parse"

	"github.com/gwsaudit/gwsaudit/checks"
)

// evidenceAccessors are the view methods that read one evidence key, named
// by their first argument.
var evidenceAccessors = []string{"Str", "Int", "List", "Bool", "Time"}

// Every evidence key a check's wording reads is one the check declares in
// its descriptor, in both languages: a key nobody emits would print nothing.
func TestTemplateKeysAreDeclaredEvidence(t *testing.T) {
	for _, lang := range Languages() {
		c := catalogs[lang]
		for _, d := range checks.Descriptors() {
			tx := c.checks[d.ID]
			declared := d.EvidenceKeys()
			for part, src := range map[string]string{"message": tx.Message, "remediation": tx.Remediation} {
				for _, key := range templateEvidenceKeys(t, src) {
					if !slices.Contains(declared, key) {
						t.Errorf("%s %s %s reads evidence %q, which the check does not declare (it declares %v)", lang, d.ID, part, key, declared)
					}
				}
			}
		}
	}
}

// templateEvidenceKeys returns the keys a template passes to the evidence
// accessors, e.g. "reason" in {{with .Str "reason"}}.
func templateEvidenceKeys(t *testing.T, src string) []string {
	t.Helper()
	tr := parse.New("t")
	tr.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(src, "", "", trees); err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	var keys []string
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.PipeNode:
			if n != nil {
				for _, cmd := range n.Cmds {
					walk(cmd)
				}
			}
		case *parse.CommandNode:
			for i, arg := range n.Args {
				if f, ok := arg.(*parse.FieldNode); ok && i+1 < len(n.Args) &&
					len(f.Ident) == 1 && slices.Contains(evidenceAccessors, f.Ident[0]) {
					if s, ok := n.Args[i+1].(*parse.StringNode); ok {
						keys = append(keys, s.Text)
					}
				}
				walk(arg)
			}
		}
	}
	for _, tree := range trees {
		walk(tree.Root)
	}
	return keys
}

// The key walker finds keys in nested pipelines, so the test above can fail.
func TestTemplateEvidenceKeys(t *testing.T) {
	got := templateEvidenceKeys(t, `a{{with or (.Str "x") (.Str "y")}}{{.}}{{end}}{{if .Bool "z"}}{{num (.Int "n")}}{{end}}`)
	if want := []string{"x", "y", "z", "n"}; !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
}

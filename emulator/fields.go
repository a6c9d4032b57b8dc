package emulator

import (
	"fmt"
	"strings"
)

// mask is a parsed partial-response selector (the `fields` parameter).
// A nil *mask selects everything below it.
type mask struct {
	all bool
	sub map[string]*mask
}

// parseMask parses Google's partial-response syntax: comma lists, nested
// parentheses "files(id,permissions(type,role))", slash paths
// "owners/emailAddress" and "*".
func parseMask(s string) (*mask, error) {
	s = strings.Join(strings.Fields(s), "")
	p := &maskParser{s: s}
	m, err := p.list()
	if err != nil {
		return nil, err
	}
	if p.i != len(s) {
		return nil, fmt.Errorf("unexpected %q at %d", s[p.i], p.i)
	}
	return m, nil
}

type maskParser struct {
	s string
	i int
}

// list parses "item,item,…" up to a closing parenthesis or the end.
func (p *maskParser) list() (*mask, error) {
	m := &mask{sub: map[string]*mask{}}
	for {
		if err := p.item(m); err != nil {
			return nil, err
		}
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		return m, nil
	}
}

// item parses one "a/b/c(…)" or "*" into m.
func (p *maskParser) item(m *mask) error {
	cur := m
	for {
		name := p.name()
		if name == "" {
			return fmt.Errorf("empty field name at %d", p.i)
		}
		if name == "*" {
			cur.all = true
			return nil
		}
		switch {
		case p.i < len(p.s) && p.s[p.i] == '/':
			p.i++
			cur = cur.child(name)
		case p.i < len(p.s) && p.s[p.i] == '(':
			p.i++
			inner, err := p.list()
			if err != nil {
				return err
			}
			if p.i >= len(p.s) || p.s[p.i] != ')' {
				return fmt.Errorf("missing ) at %d", p.i)
			}
			p.i++
			cur.merge(name, inner)
			return nil
		default:
			cur.merge(name, nil)
			return nil
		}
	}
}

func (p *maskParser) name() string {
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",/()", rune(p.s[p.i])) {
		p.i++
	}
	return p.s[start:p.i]
}

// child returns the sub-mask for name, creating a selective one.
func (m *mask) child(name string) *mask {
	c, ok := m.sub[name]
	if ok && c == nil {
		return &mask{sub: map[string]*mask{}} // already whole: extra selection is moot
	}
	if !ok {
		c = &mask{sub: map[string]*mask{}}
		m.sub[name] = c
	}
	return c
}

// merge adds name with sub-mask inner (nil = whole).
func (m *mask) merge(name string, inner *mask) {
	old, ok := m.sub[name]
	switch {
	case !ok:
		m.sub[name] = inner
	case old == nil || inner == nil:
		m.sub[name] = nil
	default:
		old.all = old.all || inner.all
		for k, v := range inner.sub {
			old.merge(k, v)
		}
	}
}

// has reports whether the mask selects path (or something under it).
func (m *mask) has(path ...string) bool {
	for _, p := range path {
		if m == nil || m.all {
			return true
		}
		c, ok := m.sub[p]
		if !ok {
			return false
		}
		m = c
	}
	return true
}

// apply keeps only the selected parts of a JSON-shaped value.
func (m *mask) apply(v any) any {
	if m == nil || m.all {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(m.sub))
		for k, sm := range m.sub {
			if val, ok := x[k]; ok {
				out[k] = sm.apply(val)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = m.apply(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = m.apply(e)
		}
		return out
	}
	return v
}

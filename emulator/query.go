package emulator

import (
	"fmt"
	"strings"
	"time"
)

// A Drive search query (`q`) compiled to a predicate. Supported: terms
// `'v' in owners|parents|writers|readers`, `field = 'v'`, `!=`, `contains`,
// `<`, `<=`, `>`, `>=` on time fields, `trashed = true`, joined with and, or,
// not and parentheses.

// fieldKind says which operators a query field takes.
type fieldKind int

const (
	kString fieldKind = iota + 1
	kBool
	kTime
	kCollection
)

// qSubject is what a compiled query is evaluated against.
type qSubject interface {
	qString(field string) string
	qBool(field string) bool
	qIn(collection, value string) bool
}

type predicate func(qSubject) bool

// compileQuery parses q against a schema of field kinds.
func compileQuery(q string, schema map[string]fieldKind) (predicate, error) {
	toks, err := lexQuery(q)
	if err != nil {
		return nil, err
	}
	p := &qParser{toks: toks, schema: schema}
	pred, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.i != len(toks) {
		return nil, fmt.Errorf("unexpected %q", toks[p.i].text)
	}
	return pred, nil
}

type qToken struct {
	text string
	str  bool // a quoted string literal (text is unquoted)
}

func lexQuery(q string) ([]qToken, error) {
	var out []qToken
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == '=':
			out = append(out, qToken{text: string(c)})
			i++
		case c == '!' || c == '<' || c == '>':
			if i+1 < len(q) && q[i+1] == '=' {
				out = append(out, qToken{text: q[i : i+2]})
				i += 2
			} else if c == '!' {
				return nil, fmt.Errorf("stray ! at %d", i)
			} else {
				out = append(out, qToken{text: string(c)})
				i++
			}
		case c == '\'':
			var b strings.Builder
			i++
			for ; i < len(q) && q[i] != '\''; i++ {
				if q[i] == '\\' && i+1 < len(q) {
					i++
				}
				b.WriteByte(q[i])
			}
			if i >= len(q) {
				return nil, fmt.Errorf("unterminated string")
			}
			i++
			out = append(out, qToken{text: b.String(), str: true})
		case isWordByte(c):
			j := i
			for j < len(q) && isWordByte(q[j]) {
				j++
			}
			out = append(out, qToken{text: q[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q at %d", c, i)
		}
	}
	return out, nil
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

type qParser struct {
	toks   []qToken
	i      int
	schema map[string]fieldKind
}

func (p *qParser) peekWord(w string) bool {
	return p.i < len(p.toks) && !p.toks[p.i].str && p.toks[p.i].text == w
}

func (p *qParser) next() (qToken, error) {
	if p.i >= len(p.toks) {
		return qToken{}, fmt.Errorf("unexpected end of query")
	}
	p.i++
	return p.toks[p.i-1], nil
}

func (p *qParser) or() (predicate, error) {
	left, err := p.and()
	for err == nil && p.peekWord("or") {
		p.i++
		var right predicate
		if right, err = p.and(); err == nil {
			l := left
			left = func(s qSubject) bool { return l(s) || right(s) }
		}
	}
	return left, err
}

func (p *qParser) and() (predicate, error) {
	left, err := p.unary()
	for err == nil && p.peekWord("and") {
		p.i++
		var right predicate
		if right, err = p.unary(); err == nil {
			l := left
			left = func(s qSubject) bool { return l(s) && right(s) }
		}
	}
	return left, err
}

func (p *qParser) unary() (predicate, error) {
	switch {
	case p.peekWord("not"):
		p.i++
		inner, err := p.unary()
		if err != nil {
			return nil, err
		}
		return func(s qSubject) bool { return !inner(s) }, nil
	case p.peekWord("("):
		p.i++
		inner, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.peekWord(")") {
			return nil, fmt.Errorf("missing )")
		}
		p.i++
		return inner, nil
	}
	return p.term()
}

// term parses `'v' in coll` or `field op value`.
func (p *qParser) term() (predicate, error) {
	first, err := p.next()
	if err != nil {
		return nil, err
	}
	if first.str {
		if !p.peekWord("in") {
			return nil, fmt.Errorf("expected in after %q", first.text)
		}
		p.i++
		coll, err := p.next()
		if err != nil || coll.str || p.schema[coll.text] != kCollection {
			return nil, fmt.Errorf("bad collection after in")
		}
		return func(s qSubject) bool { return s.qIn(coll.text, first.text) }, nil
	}
	field, kind := first.text, p.schema[first.text]
	if kind == 0 || kind == kCollection {
		return nil, fmt.Errorf("unknown field %q", field)
	}
	op, err := p.next()
	if err != nil || op.str {
		return nil, fmt.Errorf("expected operator after %s", field)
	}
	val, err := p.next()
	if err != nil {
		return nil, err
	}
	return comparison(field, kind, op.text, val)
}

// comparison builds the predicate for one `field op value`.
func comparison(field string, kind fieldKind, op string, val qToken) (predicate, error) {
	switch kind {
	case kBool:
		if val.str || (val.text != "true" && val.text != "false") || (op != "=" && op != "!=") {
			return nil, fmt.Errorf("bad boolean comparison on %s", field)
		}
		want := (val.text == "true") == (op == "=")
		return func(s qSubject) bool { return s.qBool(field) == want }, nil
	case kString:
		if !val.str {
			return nil, fmt.Errorf("%s needs a quoted value", field)
		}
		switch op {
		case "=":
			return func(s qSubject) bool { return s.qString(field) == val.text }, nil
		case "!=":
			return func(s qSubject) bool { return s.qString(field) != val.text }, nil
		case "contains":
			v := strings.ToLower(val.text)
			return func(s qSubject) bool { return strings.Contains(strings.ToLower(s.qString(field)), v) }, nil
		}
	case kTime:
		t, err := time.Parse(time.RFC3339, val.text)
		if !val.str || err != nil {
			return nil, fmt.Errorf("%s needs an RFC 3339 time", field)
		}
		cmp := map[string]func(int) bool{
			"=": func(c int) bool { return c == 0 }, "!=": func(c int) bool { return c != 0 },
			"<": func(c int) bool { return c < 0 }, "<=": func(c int) bool { return c <= 0 },
			">": func(c int) bool { return c > 0 }, ">=": func(c int) bool { return c >= 0 },
		}[op]
		if cmp != nil {
			return func(s qSubject) bool {
				got, err := time.Parse(time.RFC3339Nano, s.qString(field))
				return err == nil && cmp(got.Compare(t))
			}, nil
		}
	}
	return nil, fmt.Errorf("operator %s not supported on %s", op, field)
}

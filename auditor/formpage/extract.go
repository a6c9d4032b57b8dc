package formpage

import (
	"bytes"
	"encoding/json"
	"fmt"
)

type jsonNumber = json.Number

// marker is the variable the responder page assigns the form data to.
var marker = []byte("FB_PUBLIC_LOAD_DATA_")

// extract returns the bytes of the array literal assigned to
// FB_PUBLIC_LOAD_DATA_, found by bracket matching that skips JSON strings.
func extract(html []byte) ([]byte, error) {
	rest := html
	for {
		i := bytes.Index(rest, marker)
		if i < 0 {
			return nil, noData(html)
		}
		rest = rest[i+len(marker):]
		j := skipSpace(rest, 0)
		if j >= len(rest) || rest[j] != '=' {
			continue // a mention, not the assignment
		}
		j = skipSpace(rest, j+1)
		if j >= len(rest) || rest[j] != '[' {
			continue
		}
		end, err := matchArray(rest[j:])
		if err != nil {
			return nil, err
		}
		return rest[j : j+end], nil
	}
}

// matchArray returns the length of the array literal at the start of b.
// It rejects JavaScript array elisions ("[,", ",,", ",]"), which JSON
// lacks, and nesting deeper than MaxDepth.
func matchArray(b []byte) (int, error) {
	depth := 0
	var prev byte // last significant byte outside strings
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			end, err := skipString(b, i)
			if err != nil {
				return 0, err
			}
			i = end
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return 0, fmt.Errorf("%w: nesting deeper than %d", ErrNotJSON, MaxDepth)
			}
		case ']', '}':
			if c == ']' && prev == ',' {
				return 0, elision(i)
			}
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case ',':
			if prev == ',' || prev == '[' {
				return 0, elision(i)
			}
		}
		prev = c
	}
	return 0, fmt.Errorf("%w: array never closed", ErrNotJSON)
}

// skipString returns the index of the quote closing the string opened at i.
func skipString(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j, nil
		}
	}
	return 0, fmt.Errorf("%w: string never closed", ErrNotJSON)
}

func elision(at int) error {
	return fmt.Errorf("%w: JavaScript array elision at offset %d (pre-2017 page layout?)", ErrNotJSON, at)
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// decode parses the array literal into nested []any with json.Number leaves.
func decode(lit []byte) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(lit))
	dec.UseNumber()
	var top []any
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotJSON, err)
	}
	return top, nil
}

// noData explains why a page has no form data.
func noData(html []byte) error {
	for _, m := range signInMarkers {
		if bytes.Contains(html, m) {
			return ErrSignInPage
		}
	}
	return ErrNoFormData
}

// signInMarkers identify Google's sign-in page (what an anonymous client
// gets for a form restricted to the organisation).
var signInMarkers = [][]byte{
	[]byte(`id="identifierId"`),
	[]byte(`accounts.google.com/v3/signin`),
	[]byte(`accounts.google.com/ServiceLogin`),
}

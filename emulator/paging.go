package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// pager cuts a list of n items into pages with opaque, signed tokens.
type pager struct {
	start, end int    // the page is items[start:end]
	next       string // "" on the last page
}

// page reads pageToken and the method's size parameter (default def,
// lowered to the discovery document's maximum) and picks this page. With
// ShortPages, pages are shorter than asked and sometimes empty (never twice
// in a row, so a client always progresses).
func (c *call) page(n, def int) (pager, *apiError) {
	size, sizeParam, limit := def, c.method.sizeParam, c.method.maxSize
	if v := c.q.Get(sizeParam); v != "" {
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 {
			return pager{}, errInvalidValue(sizeParam)
		}
		if i > 0 {
			size = min(i, limit)
		}
	}
	off, wasEmpty := 0, false
	if tok := c.q.Get("pageToken"); tok != "" {
		var ok bool
		if off, wasEmpty, ok = c.s.decodePageToken(tok); !ok {
			return pager{}, errInvalidValue("pageToken")
		}
		off = min(off, n) // the list shrank under Update: end cleanly
	}
	if c.s.opts.ShortPages && off < n {
		switch {
		case !wasEmpty && c.s.intN(6) == 0:
			size = 0
		case size > 1 && c.s.intN(2) == 0:
			size = 1 + c.s.intN(size)
		}
	}
	p := pager{start: off, end: min(off+size, n)}
	if p.end < n {
		p.next = c.s.encodePageToken(p.end, size == 0)
	}
	return p, nil
}

// encodePageToken signs an offset so clients cannot forge or garble it.
func (s *Server) encodePageToken(off int, empty bool) string {
	payload := fmt.Sprintf("%d.%t", off, empty)
	return base64.RawURLEncoding.EncodeToString([]byte(payload + "." + s.sign(payload)))
}

func (s *Server) decodePageToken(tok string) (off int, empty, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false, false
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 3 || !hmac.Equal([]byte(parts[2]), []byte(s.sign(parts[0]+"."+parts[1]))) {
		return 0, false, false
	}
	off, err = strconv.Atoi(parts[0])
	if err != nil || off < 0 {
		return 0, false, false
	}
	return off, parts[1] == "true", true
}

func (s *Server) sign(payload string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(payload))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

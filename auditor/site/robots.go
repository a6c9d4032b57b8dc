package site

import (
	"bufio"
	"bytes"
	"errors"
	"strconv"
	"strings"
	"time"
)

// maxRobotsBytes is how much of robots.txt is read (RFC 9309 asks for at
// least 500 KiB).
const maxRobotsBytes = 512 << 10

// Robots is a parsed robots.txt (RFC 9309): the group that applies to one
// user agent, plus the file's sitemaps.
type Robots struct {
	rules      []rule
	CrawlDelay time.Duration
	Sitemaps   []string
}

type rule struct {
	allow   bool
	pattern string
}

// AllowAll is the policy when there is no robots.txt.
var AllowAll = &Robots{}

// DisallowAll is the policy when robots.txt could not be fetched because of
// a server error (RFC 9309 §2.3.1.4).
var DisallowAll = &Robots{rules: []rule{{pattern: "/"}}}

// ParseRobots reads robots.txt and keeps the rules of the group naming
// agent (case-insensitive product token), or else the "*" group.
func ParseRobots(body []byte, agent string) *Robots {
	if len(body) > maxRobotsBytes {
		body = body[:maxRobotsBytes]
	}
	agent = strings.ToLower(agent)
	r := &Robots{}
	var mine, star []rule
	var mineDelay, starDelay time.Duration
	foundMine := false
	// A group is one or more user-agent lines followed by rules.
	var forMe, forStar, inAgents bool
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), maxRobotsBytes)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !inAgents {
				forMe, forStar, inAgents = false, false, true
			}
			ua := strings.ToLower(val)
			if ua == "*" {
				forStar = true
			} else if ua != "" && strings.HasPrefix(agent, ua) {
				forMe, foundMine = true, true
			}
		case "allow", "disallow":
			inAgents = false
			if val == "" {
				continue // "Disallow:" with no path allows everything
			}
			ru := rule{allow: key == "allow", pattern: val}
			if forMe {
				mine = append(mine, ru)
			}
			if forStar {
				star = append(star, ru)
			}
		case "crawl-delay":
			inAgents = false
			// A delay too long to honour still asks for a slow crawl: it is
			// held at an hour here and capped again by the crawler.
			// 1e400 parses as +Inf with ErrRange: still "slowly".
			if secs, err := strconv.ParseFloat(val, 64); (err == nil || errors.Is(err, strconv.ErrRange)) && secs > 0 {
				d := time.Hour
				if secs < 3600 {
					d = time.Duration(secs * float64(time.Second))
				}
				if forMe {
					mineDelay = d
				}
				if forStar {
					starDelay = d
				}
			}
		case "sitemap":
			if val != "" && len(r.Sitemaps) < 50 {
				r.Sitemaps = append(r.Sitemaps, val)
			}
		default:
			inAgents = false
		}
	}
	r.rules, r.CrawlDelay = star, starDelay
	if foundMine {
		r.rules, r.CrawlDelay = mine, mineDelay
	}
	return r
}

// Allowed reports whether path (with its query) may be fetched: the
// longest matching rule wins, allow on a tie; no match allows.
func (r *Robots) Allowed(path string) bool {
	if path == "" {
		path = "/"
	}
	best, allow := -1, true
	for _, ru := range r.rules {
		if n := matchLen(ru.pattern, path); n > best || (n == best && ru.allow) {
			if n >= 0 {
				best, allow = n, ru.allow
			}
		}
	}
	return allow
}

// matchLen returns the pattern's length when it matches path ("*" any
// run of characters, a final "$" the end of the path), else -1.
func matchLen(pattern, path string) int {
	anchored := strings.HasSuffix(pattern, "$")
	p := strings.TrimSuffix(pattern, "$")
	if !globMatch(p, path, anchored) {
		return -1
	}
	return len(pattern)
}

// globMatch matches p as a prefix of s (the whole of s when anchored),
// with "*" matching any run. Iterative, linear in len(p)·len(s) at worst.
func globMatch(p, s string, anchored bool) bool {
	parts := strings.Split(p, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || s == ""
	}
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(s, part)
		}
		j := strings.Index(s, part)
		if j < 0 {
			return false
		}
		s = s[j+len(part):]
	}
	return true
}

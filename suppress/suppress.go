// Package suppress reads suppression files and applies them to findings.
// A suppression never drops a finding: it marks it suppressed (counted and
// listed as such), and once expired it says so on the finding.
package suppress

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/gwsaudit/gwsaudit/model"
)

// Evidence keys set on matched findings.
const (
	EvReason  = "suppressed_reason"   // string: why it is accepted
	EvUntil   = "suppressed_until"    // string: YYYY-MM-DD, last day it holds
	EvExpired = "suppression_expired" // string: YYYY-MM-DD of the expired suppression
)

// dateLayout is how expiry dates are written.
const dateLayout = "2006-01-02"

// maxFileSize bounds a suppression file.
const maxFileSize = 4 << 20

// Rule is one suppression. Every matcher given must match; at least one is
// required. Check, Principal, Owner and Path are globs (path.Match; in
// Path, ** also matches any number of folders); Item is a resource ID.
type Rule struct {
	Check     string `yaml:"check"`
	Item      string `yaml:"item"`
	Principal string `yaml:"principal"` // address, domain or "anyone"
	Owner     string `yaml:"owner"`
	Path      string `yaml:"path"`
	Reason    string `yaml:"reason"`
	Expires   string `yaml:"expires"` // YYYY-MM-DD: holds through that day

	expires time.Time
}

// GapRule accepts coverage gaps that are known and meant to stay, such as
// a suspended user kept for a legal hold. Code, Scope and ID are globs on
// the gap's code, scope and ID; at least one is required.
type GapRule struct {
	Code    string `yaml:"code"`  // user_suspended, shared_drive_*
	Scope   string `yaml:"scope"` // user, shared_drive, form …
	ID      string `yaml:"id"`    // the gap's ID: an address, a drive or form ID
	Reason  string `yaml:"reason"`
	Expires string `yaml:"expires"` // YYYY-MM-DD: holds through that day

	expires time.Time
}

// file is the suppression file's layout.
type file struct {
	Suppressions []Rule    `yaml:"suppressions"`
	Gaps         []GapRule `yaml:"gaps"`
}

// List is a parsed suppression file.
type List struct {
	Rules []Rule
	// GapRules accept coverage gaps (the file's gaps: list).
	GapRules []GapRule
	// Location is the time zone expiry dates are days of: a rule holds
	// through the end of its expiry day there. nil means time.Local, the
	// machine's zone, whatever zone the time given to Apply is in.
	Location *time.Location
}

// Load reads a suppression file.
func Load(name string) (*List, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("suppressions: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("suppressions %s: %w", name, err)
	}
	l, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("suppressions %s: %w", name, err)
	}
	return l, nil
}

// Parse reads a suppression file's content. Unknown keys, rules without a
// matcher, reason or expiry date, and malformed globs are errors.
func Parse(data []byte) (*List, error) {
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", maxFileSize)
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, unknownKeys(err)
	}
	for i := range f.Suppressions {
		if err := f.Suppressions[i].validate(); err != nil {
			return nil, fmt.Errorf("suppression %d: %w", i+1, err)
		}
	}
	for i := range f.Gaps {
		if err := f.Gaps[i].validate(); err != nil {
			return nil, fmt.Errorf("gaps entry %d: %w", i+1, err)
		}
	}
	return &List{Rules: f.Suppressions, GapRules: f.Gaps}, nil
}

func (r *Rule) validate() error {
	r.Check = strings.ToUpper(strings.TrimSpace(r.Check))
	r.Item = strings.TrimSpace(r.Item)
	r.Principal = strings.ToLower(strings.TrimSpace(r.Principal))
	r.Owner = strings.ToLower(strings.TrimSpace(r.Owner))
	r.Path = strings.TrimSpace(r.Path)
	r.Reason = strings.TrimSpace(r.Reason)
	if r.Check == "" && r.Item == "" && r.Principal == "" && r.Owner == "" && r.Path == "" {
		return errors.New("give at least one of check, item, principal, owner, path")
	}
	var err error
	if r.expires, err = acceptance(r.Reason, r.Expires, r.Check, r.Principal, r.Owner); err != nil {
		return err
	}
	for _, seg := range strings.Split(r.Path, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("path %q: %w", r.Path, err)
		}
	}
	return nil
}

// acceptance checks what every entry needs — a reason, an expiry date —
// and that its globs are well formed, and returns the expiry day.
func acceptance(reason, expires string, globs ...string) (time.Time, error) {
	if reason == "" {
		return time.Time{}, errors.New("reason is required")
	}
	t, err := time.Parse(dateLayout, strings.TrimSpace(expires))
	if err != nil {
		return time.Time{}, fmt.Errorf("expires %q: want a date YYYY-MM-DD", expires)
	}
	for _, g := range globs {
		if _, err := path.Match(g, ""); err != nil {
			return time.Time{}, fmt.Errorf("pattern %q: %w", g, err)
		}
	}
	return t, nil
}

// activeAt reports whether the rule still holds at now: through the whole
// expiry day in loc.
func (r *Rule) activeAt(now time.Time, loc *time.Location) bool { return holds(r.expires, now, loc) }

// holds reports whether an entry expiring on the day of expires still holds
// at now: through the whole day in loc.
func holds(expires, now time.Time, loc *time.Location) bool {
	y, m, d := expires.Date()
	return now.Before(time.Date(y, m, d+1, 0, 0, 0, 0, loc))
}

// Matches reports whether the rule's matchers all match f.
func (r *Rule) Matches(f *model.Finding) bool {
	if r.Check != "" && !glob(r.Check, strings.ToUpper(f.CheckID)) {
		return false
	}
	if r.Item != "" && r.Item != f.Resource.ID {
		return false
	}
	if r.Owner != "" && !glob(r.Owner, strings.ToLower(f.Resource.Owner)) {
		return false
	}
	if r.Path != "" && !matchPath(r.Path, f.Resource.Path) {
		return false
	}
	if r.Principal != "" {
		p := f.Principal
		if p == nil {
			return false
		}
		names := []string{strings.ToLower(p.Email), strings.ToLower(p.Domain)}
		if p.Type == model.TypeAnyone {
			names = append(names, model.TypeAnyone)
		}
		ok := false
		for _, n := range names {
			ok = ok || n != "" && glob(r.Principal, n)
		}
		if !ok {
			return false
		}
	}
	return true
}

func glob(pattern, s string) bool {
	ok, _ := path.Match(pattern, s)
	return ok
}

// matchPath matches a folder path against a glob where a ** segment
// matches any number of segments.
func matchPath(pattern, p string) bool {
	return matchSegs(strings.Split(pattern, "/"), strings.Split(p, "/"))
}

func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 || !glob(pat[0], segs[0]) {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// Expired is a finding that only an expired suppression matched.
type Expired struct {
	Fingerprint string
	CheckID     string
	ResourceID  string
	Expires     string
	Reason      string
}

// Outcome says what Apply did.
type Outcome struct {
	Suppressed int
	Expired    []Expired
}

// Apply marks each finding an unexpired rule matches as suppressed, with
// the rule's reason and last day in its evidence. A finding only expired
// rules match stays active and gets suppression_expired in its evidence.
// Expiry is judged in l.Location (default: the machine's local zone).
func (l *List) Apply(fs []model.Finding, now time.Time) Outcome {
	var out Outcome
	if l == nil {
		return out
	}
	loc := l.Location
	if loc == nil {
		loc = time.Local
	}
	for i := range fs {
		f := &fs[i]
		var active, expired *Rule
		for j := range l.Rules {
			r := &l.Rules[j]
			if !r.Matches(f) {
				continue
			}
			if r.activeAt(now, loc) {
				active = r
				break
			}
			if expired == nil || r.expires.After(expired.expires) {
				expired = r
			}
		}
		switch {
		case active != nil:
			f.Status = model.StatusSuppressed
			f.Evidence = withEvidence(f.Evidence, EvReason, active.Reason)
			f.Evidence[EvUntil] = active.expires.Format(dateLayout)
			out.Suppressed++
		case expired != nil:
			day := expired.expires.Format(dateLayout)
			f.Evidence = withEvidence(f.Evidence, EvExpired, day)
			out.Expired = append(out.Expired, Expired{Fingerprint: f.Fingerprint, CheckID: f.CheckID, ResourceID: f.Resource.ID, Expires: day, Reason: expired.Reason})
		}
	}
	return out
}

// withEvidence sets one key on a copy of ev (evidence maps may be shared).
func withEvidence(ev map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(ev)+2)
	for key, val := range ev {
		c[key] = val
	}
	c[k] = v
	return c
}

// unknownKeyRE matches yaml's message for a key with no field.
var unknownKeyRE = regexp.MustCompile(`field (\S+) not found in type suppress\.(\w+)`)

// unknownKeys rewrites yaml's unknown-field errors to name the key and the
// nearest valid one.
func unknownKeys(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	known := map[string][]string{"file": {"suppressions", "gaps"},
		"Rule":    {"check", "item", "principal", "owner", "path", "reason", "expires"},
		"GapRule": {"code", "scope", "id", "reason", "expires"}}
	msgs := make([]string, len(te.Errors))
	for i, m := range te.Errors {
		msgs[i] = unknownKeyRE.ReplaceAllStringFunc(m, func(s string) string {
			sub := unknownKeyRE.FindStringSubmatch(s)
			out := fmt.Sprintf("unknown key %q", sub[1])
			if near := Nearest(sub[1], known[sub[2]]); near != "" {
				out += fmt.Sprintf(" (did you mean %s?)", near)
			}
			return out
		})
	}
	return errors.New(strings.Join(msgs, "; "))
}

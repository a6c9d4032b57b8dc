package emulator

import (
	"regexp"
	"strings"
)

// ownersTerm finds an `'x' in owners` term in a query.
var ownersTerm = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'\s+in\s+owners`)

// candidates calls fn, in file order, with every file files.list might
// return. It narrows the scan with the index when the answer cannot lie
// outside it — one shared drive, or a query whose terms are all joined by
// `and` and one of which names the owner — so listing one user's items in a
// million-item tenant does not read every file. The query and corpus
// filters still decide.
func (c *call) candidates(fn func(*File)) {
	if c.q.Get("corpora") == "drive" {
		for _, f := range c.ix.byDrive[c.q.Get("driveId")] {
			fn(f)
		}
		return
	}
	if owner, ok := c.queryOwner(); ok {
		// Shared-drive items have no owner, so none can match.
		for _, f := range c.ix.byOwner[owner] {
			fn(f)
		}
		return
	}
	for i := range c.ix.t.Files {
		fn(&c.ix.t.Files[i])
	}
}

// queryOwner returns the owner an and-only query requires.
func (c *call) queryOwner() (string, bool) {
	q := c.q.Get("q")
	lower := " " + strings.ToLower(q) + " "
	for _, op := range []string{" or ", " not ", "(", "or(", ")or"} {
		if strings.Contains(lower, op) {
			return "", false
		}
	}
	m := ownersTerm.FindStringSubmatch(q)
	if m == nil {
		return "", false
	}
	owner := strings.ToLower(strings.ReplaceAll(m[1], `\'`, "'"))
	if owner == "me" {
		owner = c.user.Email
	}
	return owner, true
}

package emulator

import (
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
)

// index is a read-only view of a normalized tenant with lookups.
type index struct {
	t         *Tenant
	users     map[string]*User
	groups    map[string]*Group
	drives    map[string]*SharedDrive
	files     map[string]*File
	published map[string]*File           // published form ID → form file
	groupsOf  map[string]map[string]bool // address → groups containing it, transitively
	children  map[string][]*File         // folder ID → children, in file order
	byOwner   map[string][]*File         // owner → My Drive items, in file order
	byDrive   map[string][]*File         // shared drive ID → items, in file order

	// all and eff memoize effective per item, by its place in all (the
	// index is read-only, so an item's grants never change under it).
	all []File
	eff []atomic.Pointer[[]grant]
	// permIDs memoizes permissionID by principal (Role cleared).
	permMu  sync.RWMutex
	permIDs map[Permission]string
}

// newIndex indexes t; t must be normalized.
func newIndex(t *Tenant) *index {
	ix := &index{
		t: t, users: map[string]*User{}, groups: map[string]*Group{},
		drives: map[string]*SharedDrive{}, files: map[string]*File{},
		published: map[string]*File{}, groupsOf: map[string]map[string]bool{},
		children: map[string][]*File{}, byOwner: map[string][]*File{}, byDrive: map[string][]*File{},
		all: t.Files, eff: make([]atomic.Pointer[[]grant], len(t.Files)),
		permIDs: map[Permission]string{},
	}
	for i := range t.Users {
		ix.users[t.Users[i].Email] = &t.Users[i]
	}
	for i := range t.Groups {
		ix.groups[t.Groups[i].Email] = &t.Groups[i]
	}
	for i := range t.SharedDrives {
		ix.drives[t.SharedDrives[i].ID] = &t.SharedDrives[i]
	}
	for i := range t.Files {
		f := &t.Files[i]
		f.pos = i
		ix.files[f.ID] = f
		if f.Form != nil {
			ix.published[f.Form.PublishedID] = f
		}
		if f.Parent != "" {
			ix.children[f.Parent] = append(ix.children[f.Parent], f)
		}
		if f.Drive != "" {
			ix.byDrive[f.Drive] = append(ix.byDrive[f.Drive], f)
		} else {
			ix.byOwner[f.Owner] = append(ix.byOwner[f.Owner], f)
		}
	}
	for _, g := range t.Groups {
		for _, m := range g.Members {
			ix.addMembership(m, g.Email, map[string]bool{})
		}
	}
	return ix
}

// addMembership records that addr is in group g and in every group that
// contains g.
func (ix *index) addMembership(addr, g string, seen map[string]bool) {
	if seen[g] {
		return
	}
	seen[g] = true
	if ix.groupsOf[addr] == nil {
		ix.groupsOf[addr] = map[string]bool{}
	}
	ix.groupsOf[addr][g] = true
	for _, parent := range ix.t.Groups {
		for _, m := range parent.Members {
			if m == g {
				ix.addMembership(addr, parent.Email, seen)
			}
		}
	}
}

// parentID is the parent as Drive reports it: the folder, the shared drive
// for its top level, or the owner's My Drive root.
func (ix *index) parentID(f *File) string {
	switch {
	case f.Parent != "":
		return f.Parent
	case f.Drive != "":
		return f.Drive
	}
	return rootID(f.Owner)
}

// rootID is the My Drive root folder ID of a user.
func rootID(email string) string {
	local, _, _ := strings.Cut(email, "@")
	return "root-" + local
}

// matches reports whether a grant applies to user u (published grants
// never do: they let people answer a form, not open it).
func (ix *index) matches(p Permission, u string) bool {
	if p.View != "" {
		return false
	}
	switch p.Type {
	case "user":
		return p.Email == u
	case "group":
		return ix.groupsOf[u][p.Email]
	case "domain":
		return p.Domain == domainOf(u)
	case "anyone":
		return true
	}
	return false
}

// directlyGranted is true for user or group grants naming u: what makes an
// item show up in u's file list.
func (ix *index) directlyGranted(p Permission, u string) bool {
	return p.View == "" && ((p.Type == "user" && p.Email == u) || (p.Type == "group" && ix.groupsOf[u][p.Email]))
}

// grants is effective(f), computed once per item and index. Callers must
// not modify the result.
func (ix *index) grants(f *File) []grant {
	i, ok := ix.place(f)
	if !ok {
		return ix.effective(f)
	}
	if p := ix.eff[i].Load(); p != nil {
		return *p
	}
	g := ix.effective(f)
	ix.eff[i].Store(&g)
	return g
}

// place is f's position in ix.all (a map from a million items would cost a
// cache miss per look-up); false if f is not one of them.
func (ix *index) place(f *File) (int, bool) {
	if f == nil || f.pos < 0 || f.pos >= len(ix.all) || &ix.all[f.pos] != f {
		return 0, false
	}
	return f.pos, true
}

// permID is permissionID, memoized per principal.
func (ix *index) permID(p Permission) string {
	p.Role = ""
	ix.permMu.RLock()
	id, ok := ix.permIDs[p]
	ix.permMu.RUnlock()
	if !ok {
		id = permissionID(p)
		ix.permMu.Lock()
		ix.permIDs[p] = id
		ix.permMu.Unlock()
	}
	return id
}

// role is u's effective role on f (0 = no access).
func (ix *index) role(f *File, u string) int { return ix.roleIn(ix.grants(f), u) }

// roleIn is u's role given an item's effective grants.
func (ix *index) roleIn(eff []grant, u string) int {
	best := 0
	for i := range eff {
		if ix.matches(eff[i].Permission, u) {
			best = max(best, roleRank[eff[i].Role])
		}
	}
	return best
}

// listed reports whether f appears in u's own listing.
func (ix *index) listed(f *File, u string) bool {
	eff := ix.grants(f)
	for i := range eff {
		if ix.directlyGranted(eff[i].Permission, u) {
			return true
		}
	}
	return false
}

// driveRole is u's membership role in a shared drive (0 = not a member).
func (ix *index) driveRole(d *SharedDrive, u string) int {
	best := 0
	for _, m := range d.Members {
		if ix.directlyGranted(m, u) {
			best = max(best, roleRank[m.Role])
		}
	}
	return best
}

func domainOf(email string) string {
	_, d, _ := strings.Cut(email, "@")
	return d
}

// numericID is a stable 21-digit ID like Google's user and permission IDs.
func numericID(s string) string {
	n := new(big.Int)
	n.SetString(hashHex(s)[:16], 16)
	id := n.String()
	for len(id) < 20 {
		id = "0" + id
	}
	return "1" + id[:20]
}

package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// GroupBy says how per-owner outputs are split.
type GroupBy string

// Ways to split per-owner outputs.
const (
	// GroupByOwner gives each owner a file; a shared-drive item goes to
	// each of its drive's managers (a drive whose managers are unknown
	// gets a file of its own).
	GroupByOwner GroupBy = "owner"
	// GroupByOrgUnit gives each org unit (所属) a file with its owners'
	// items; a shared drive, which belongs to no org unit, gets a file of
	// its own.
	GroupByOrgUnit GroupBy = "ou"
)

// Kinds of a per-owner part.
const (
	PartOwner       = "owner"
	PartOrgUnit     = "org_unit"
	PartSharedDrive = "shared_drive"
	// PartUnassigned holds what names no owner, org unit or drive (a
	// Google Group, a web page, an owner outside the Directory): the admin's.
	PartUnassigned = "unassigned"
)

// OwnerPart is the part of a report that goes to one owner, org unit or
// shared drive.
type OwnerPart struct {
	Kind  string // PartOwner, PartOrgUnit, PartSharedDrive or PartUnassigned
	Key   string // the owner's address, the org unit path, the drive ID; "" for PartUnassigned
	Label string // who it is for, in the reader's language
	// Name is the part's file name without extension: safe, unique among
	// the parts (ignoring case) and never "index".
	Name string
	Doc  *Document
}

// partKey routes findings and resolved findings to parts.
type partKey struct{ kind, key string }

// SplitByOwner divides d's findings (suppressed ones left out: they are
// accepted, not to be acted on; admin notes dropped: the parts go to the
// owners) and resolved findings into one document
// per owner or org unit (by), each with only its own rows, the coverage
// gaps about its owner, drives and items, and its own summary. lang words
// the labels. Parts come in a stable order: owners (or org units) by key,
// then shared drives, then what is unassigned.
func SplitByOwner(d *Document, by GroupBy, lang string) ([]OwnerPart, error) {
	c, err := lookup(cmp.Or(lang, "en"))
	if err != nil {
		return nil, err
	}
	people := ownersOf(d)
	findings := map[partKey][]model.Finding{}
	resolved := map[partKey][]Resolved{}
	resources := map[partKey]map[string]model.Resource{} // a sample resource per key, for labels
	note := func(k partKey, r model.Resource) {
		if resources[k] == nil {
			resources[k] = map[string]model.Resource{}
		}
		resources[k][r.ID] = r
	}
	for _, f := range d.Findings {
		if f.Status == model.StatusSuppressed {
			continue
		}
		for _, k := range routes(f.Resource, by) {
			findings[k] = append(findings[k], f)
			note(k, f.Resource)
		}
	}
	for _, r := range d.Resolved {
		for _, k := range routes(r.Resource, by) {
			resolved[k] = append(resolved[k], r)
			note(k, r.Resource)
		}
	}
	keys := make([]partKey, 0, len(resources))
	for k := range resources {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b partKey) int {
		return cmp.Or(cmp.Compare(partRank[a.kind], partRank[b.kind]), cmp.Compare(a.key, b.key))
	})
	names := nameTaker{"index": true}
	parts := make([]OwnerPart, 0, len(keys))
	for _, k := range keys {
		p := OwnerPart{Kind: k.kind, Key: k.key}
		p.Label, p.Name = c.partLabel(k, resources[k], people)
		p.Name = names.take(p.Name)
		p.Doc = d.part(findings[k], resolved[k], resources[k], k)
		parts = append(parts, p)
	}
	return parts, nil
}

// partRank orders the kinds of parts.
var partRank = map[string]int{PartOwner: 0, PartOrgUnit: 0, PartSharedDrive: 1, PartUnassigned: 2}

// routes says which parts a resource's rows go to.
func routes(r model.Resource, by GroupBy) []partKey {
	switch {
	case r.Owner != "" && by == GroupByOrgUnit && r.OwnerOrgUnit != "":
		return []partKey{{PartOrgUnit, r.OwnerOrgUnit}}
	case r.Owner != "" && by == GroupByOrgUnit:
		return []partKey{{PartUnassigned, ""}}
	case r.Owner != "":
		return []partKey{{PartOwner, strings.ToLower(r.Owner)}}
	case r.DriveID != "" && by == GroupByOwner && len(r.DriveManagers) > 0:
		out := make([]partKey, 0, len(r.DriveManagers))
		for _, m := range r.DriveManagers {
			if k := (partKey{PartOwner, strings.ToLower(m)}); !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
		return out
	case r.DriveID != "":
		return []partKey{{PartSharedDrive, r.DriveID}}
	}
	return []partKey{{PartUnassigned, ""}}
}

// person is what the report says about an owner.
type person struct{ name, orgUnit string }

// ownersOf collects the owners' names and org units from d.
func ownersOf(d *Document) map[string]person {
	m := map[string]person{}
	add := func(r model.Resource) {
		if r.Owner != "" && (r.OwnerName != "" || r.OwnerOrgUnit != "") {
			m[strings.ToLower(r.Owner)] = person{r.OwnerName, r.OwnerOrgUnit}
		}
	}
	for _, f := range d.Findings {
		add(f.Resource)
	}
	for _, r := range d.Resolved {
		add(r.Resource)
	}
	return m
}

// partLabel words who a part is for and the file name it gets (before
// collisions are resolved).
func (c *catalog) partLabel(k partKey, rs map[string]model.Resource, people map[string]person) (label, name string) {
	t := c.ownerTextOf()
	switch k.kind {
	case PartOwner:
		p := people[k.key]
		return c.ownerLabel(model.Resource{Owner: k.key, OwnerName: p.name, OwnerOrgUnit: p.orgUnit}), safeFileName(k.key, "owner")
	case PartOrgUnit:
		return k.key, safeFileName(strings.TrimPrefix(k.key, "/"), "root")
	case PartSharedDrive:
		var r model.Resource
		for _, x := range rs { // every resource of the part names the same drive
			if r.ID == "" || x.ID < r.ID {
				r = x
			}
		}
		name := cmp.Or(r.DriveName, r.DriveID)
		if r.Kind == model.KindSharedDrive && r.DriveName == "" {
			name = cmp.Or(r.Name, r.DriveID)
		}
		return c.ownerCell(model.Resource{DriveID: k.key, DriveName: r.DriveName, DriveManagers: r.DriveManagers, Kind: r.Kind, Name: r.Name}),
			"shared-drive_" + safeFileName(name, "drive")
	}
	return t.unassigned, "unassigned"
}

// part is a copy of d with only the given findings (without their admin
// notes: the part goes to the owner) and resolved findings, and the gaps
// about the part's owner, drives and items.
func (d *Document) part(fs []model.Finding, rs []Resolved, resources map[string]model.Resource, k partKey) *Document {
	c := *d
	c.Findings = slices.Clone(fs)
	if c.Findings == nil {
		c.Findings = []model.Finding{}
	}
	for i := range c.Findings { // the file goes to the owner: the admin's notes stay with the admin
		c.Findings[i].AdminNote = ""
	}
	if d.Resolved != nil {
		c.Resolved = append([]Resolved{}, rs...)
	}
	c.Summary = Count(c.Findings)
	about := map[string]bool{}
	if k.kind == PartOwner {
		about[k.key] = true
	}
	for id, r := range resources {
		about[id] = true
		if r.DriveID != "" {
			about[r.DriveID] = true
		}
	}
	c.Coverage.Gaps = []model.Gap{}
	for _, g := range d.Coverage.Gaps {
		if about[strings.ToLower(g.ID)] || about[g.ID] {
			c.Coverage.Gaps = append(c.Coverage.Gaps, g)
		}
	}
	return &c
}

package report

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// ownerText phrases who answers for an item and where it is, in one
// language (registered next to each language's catalog).
type ownerText struct {
	// drive names a shared drive (%s: its name), as an owner and as the
	// start of a path; managers follows it with the drive's managers (%s:
	// their addresses).
	drive, managers string
	// nameOU follows an owner's address with their name and org unit
	// (%s: both, joined by sep).
	nameOU, sep string
	// unassigned labels the per-owner part of what has no owner.
	unassigned string
	// index is the per-owner index's header (kind, for, file, findings,
	// worst severity) and kinds names the kinds of parts.
	index [5]string
	kinds map[string]string
	// adminNote labels the admin's note in the console; adminNoteIn
	// puts it after a finding's message in the HTML details (%s: the note).
	adminNote, adminNoteIn string
}

var ownerTexts = map[string]ownerText{}

// ownerTextOf is c's owner wording (English when the language lacks one).
func (c *catalog) ownerTextOf() ownerText {
	if t, ok := ownerTexts[c.lang]; ok {
		return t
	}
	return ownerTexts["en"]
}

// driveLabel names the shared drive of r ("" when r is not on one).
func (c *catalog) driveLabel(r model.Resource) string {
	if r.DriveID == "" {
		return ""
	}
	name := r.DriveName
	if name == "" && r.Kind == model.KindSharedDrive {
		name = r.Name
	}
	if name == "" {
		name = r.DriveID
	}
	return fmt.Sprintf(c.ownerTextOf().drive, name)
}

// ownerCell is who answers for r, as the spreadsheets' owner column says
// it: the owner's address, or for a shared-drive item the drive and its
// managers (shared-drive items have no owner).
func (c *catalog) ownerCell(r model.Resource) string {
	if r.Owner != "" || r.DriveID == "" {
		return r.Owner
	}
	s := c.driveLabel(r)
	if len(r.DriveManagers) > 0 {
		s += fmt.Sprintf(c.ownerTextOf().managers, strings.Join(r.DriveManagers, c.listSep))
	}
	return s
}

// OwnerLabel is who answers for r as the reports name them in lang: the
// owner's address with their name and org unit, or for a shared-drive
// item the drive by name and its managers ("" when r has neither; r's
// address alone in an unknown language).
func OwnerLabel(lang string, r model.Resource) string {
	c, err := lookup(lang)
	if err != nil {
		return r.Owner
	}
	return c.ownerLabel(r)
}

// PrincipalName names who a grant is to in lang as the reports' "shared
// with" column does (an anyone grant that is discoverable is public on the
// web); p's address or type in an unknown language.
func PrincipalName(lang string, p *model.Principal, discoverable bool) string {
	c, err := lookup(lang)
	if err != nil {
		if p == nil {
			return ""
		}
		return cmp.Or(p.Email, p.Domain, p.Type)
	}
	return view{Finding: model.Finding{Principal: p, Evidence: map[string]any{"discoverable": discoverable}}, c: c}.Who()
}

// RoleName names p's role in lang as the reports' role column does for an
// item on r (a shared drive names its roles its own way); the API's role
// in an unknown language.
func RoleName(lang string, r model.Resource, p *model.Principal) string {
	c, err := lookup(lang)
	if err != nil {
		if p == nil {
			return ""
		}
		return p.Role
	}
	return view{Finding: model.Finding{Resource: r, Principal: p}, c: c}.Role()
}

// ownerLabel is ownerCell with the owner's name and org unit after the
// address, for the formats with one owner column (console, HTML,
// Markdown, the by-owner summaries).
func (c *catalog) ownerLabel(r model.Resource) string {
	s := c.ownerCell(r)
	if r.Owner == "" {
		return s
	}
	var parts []string
	for _, p := range []string{r.OwnerName, r.OwnerOrgUnit} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return s
	}
	t := c.ownerTextOf()
	return s + fmt.Sprintf(t.nameOU, strings.Join(parts, t.sep))
}

// location is r's path as people read it: a shared-drive item's path
// starts with the drive, named as such (共有ドライブ「教務課」/2026/…).
func (c *catalog) location(r model.Resource) string {
	p, name := r.Path, r.DriveName
	if name == "" && r.Kind == model.KindSharedDrive {
		name = r.Name
	}
	if r.DriveID == "" || name == "" {
		return p
	}
	drive := fmt.Sprintf(c.ownerTextOf().drive, name)
	switch {
	case p == "/"+name:
		return drive
	case strings.HasPrefix(p, "/"+name+"/"):
		return drive + p[len(name)+1:]
	case strings.HasPrefix(p, "…/"):
		return drive + "/" + p
	}
	return p
}

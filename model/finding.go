package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Resource names the thing a finding is about.
type Resource struct {
	Kind    Kind   `json:"kind"`
	ID      string `json:"id"`
	Name    string `json:"name,omitempty"`
	URL     string `json:"url,omitempty"`
	Owner   string `json:"owner,omitempty"`
	DriveID string `json:"drive_id,omitempty"`
	Path    string `json:"path,omitempty"` // folder path, "/" separated, filled in by the Engine
	// OwnerName and OwnerOrgUnit are the owner's full name and org unit
	// path as the Directory lists them (the auditor fills them; empty for
	// owners outside the tenant's Directory).
	OwnerName    string `json:"owner_name,omitempty"`
	OwnerOrgUnit string `json:"owner_org_unit,omitempty"`
	// DriveName and DriveManagers name the shared drive an item is on and
	// its managers (members with the organizer role, users and groups,
	// sorted), who answer for it in place of an owner; filled in by the
	// Engine.
	DriveName     string   `json:"drive_name,omitempty"`
	DriveManagers []string `json:"drive_managers,omitempty"`
}

// Principal is who a grant reaches.
type Principal struct {
	Type   string `json:"type"` // anyone, domain, user, group
	Email  string `json:"email,omitempty"`
	Domain string `json:"domain,omitempty"`
	Role   string `json:"role,omitempty"`
}

// Finding is one problem found by one check on one resource (and principal).
// Title, Message and Remediation are left empty by the checks: the report
// package fills them in the reader's language from CheckID, Resource,
// Principal and Evidence.
type Finding struct {
	Fingerprint string         `json:"fingerprint"`
	CheckID     string         `json:"check_id"`
	Severity    Severity       `json:"severity"`
	Title       string         `json:"title"`
	Resource    Resource       `json:"resource"`
	Principal   *Principal     `json:"principal,omitempty"`
	Evidence    map[string]any `json:"evidence"`
	Message     string         `json:"message"`
	Remediation string         `json:"remediation"`
	// AdminNote is advice for the admin running the audit (the config, the
	// Admin console), kept out of Remediation, which speaks to the owner;
	// filled by the report package like Remediation, empty when there is
	// none.
	AdminNote string `json:"admin_note,omitempty"`
	// Status and FirstSeen are set when the run is recorded in a history
	// store (or Status alone by a suppression file): new, open or
	// suppressed, and when the finding was first seen.
	Status    string     `json:"status,omitempty"`
	FirstSeen *time.Time `json:"first_seen,omitempty"`
}

// Finding statuses (run history and suppressions).
const (
	StatusNew        = "new"        // not in the previous run
	StatusOpen       = "open"       // seen before and still there
	StatusSuppressed = "suppressed" // matched by an unexpired suppression
)

// Fingerprint is stable across runs for the same check, resource and
// principal (role excluded, so a reader→writer change stays one finding).
func Fingerprint(checkID, resourceID string, p *Principal) string {
	var b strings.Builder
	b.WriteString(checkID)
	b.WriteByte(0)
	b.WriteString(resourceID)
	if p != nil {
		b.WriteByte(0)
		b.WriteString(p.Type)
		b.WriteByte(0)
		b.WriteString(strings.ToLower(p.Email))
		b.WriteByte(0)
		b.WriteString(strings.ToLower(p.Domain))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:12])
}

// ResourceOf builds the Resource of an item.
func ResourceOf(it *Item) Resource {
	return Resource{Kind: it.Kind, ID: it.ID, Name: it.Name, URL: it.URL, Owner: it.Owner, DriveID: it.DriveID}
}

// PrincipalOf builds the Principal of a grant.
func PrincipalOf(p Permission) *Principal {
	return &Principal{Type: p.Type, Email: p.Email, Domain: p.Domain, Role: p.Role}
}

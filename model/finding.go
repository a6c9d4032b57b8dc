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

// Package remediate closes what an audit found and takes it back: a plan
// of permission changes built from a saved report (fix plan), applied with
// an append-only journal (fix apply) and undone from that journal (fix
// undo). It talks to Google only through the Drive interface, which the
// auditor implements.
package remediate

import (
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// PlanSchema names the plan format; notify and fix apply read it.
const PlanSchema = "gwsaudit.fix-plan/v1"

// Action kinds.
const (
	// KindRestrictLink removes an anyone or domain grant: the item's
	// general access becomes "Restricted".
	KindRestrictLink = "restrict_link"
	// KindDeletePermission removes a user or group grant (an outside or
	// lookalike collaborator, a residue grant, a pupil-audience grant).
	KindDeletePermission = "delete_permission"
	// KindRemoveMember removes a member of a shared drive (acting as a
	// domain administrator).
	KindRemoveMember = "remove_member"
)

// Plan is the reviewed list of changes fix apply makes, and the findings
// only their owners can close. Its top-level names are a contract
// (gwsaudit notify reads it).
type Plan struct {
	Schema    string    `json:"schema"`
	CreatedAt time.Time `json:"created_at"`
	Tenant    Tenant    `json:"tenant"`
	SourceRun SourceRun `json:"source_run"`
	Actions   []Action  `json:"actions"`
	Notices   []Notice  `json:"notices"`
}

// Tenant names the tenant the plan was made for.
type Tenant struct {
	PrimaryDomain string `json:"primary_domain"`
}

// SourceRun is the audit run the plan was made from.
type SourceRun struct {
	ID         string    `json:"id"`
	FinishedAt time.Time `json:"finished_at"`
}

// Action closes one grant. Several findings can share the grant (SHARE-005,
// SHARE-006 and SHARE-009 on one address): Finding is the most severe,
// AlsoCloses the others' fingerprints.
type Action struct {
	ID       int    `json:"id"`
	Kind     string `json:"kind"`
	ItemID   string `json:"item_id"`
	ItemName string `json:"item_name"`
	ItemKind string `json:"item_kind,omitempty"`
	ItemURL  string `json:"item_url,omitempty"`
	Owner    string `json:"owner,omitempty"`
	DriveID  string `json:"drive_id,omitempty"`
	// Permission is the grant as the audit saw it; fix apply changes it
	// only if Drive still shows it so (principal, role and, when the audit
	// knew it, allowFileDiscovery).
	Permission model.Permission `json:"permission"`
	// DiscoveryKnown is true when the audit saw allowFileDiscovery.
	DiscoveryKnown bool          `json:"discovery_known,omitempty"`
	Finding        model.Finding `json:"finding"`
	AlsoCloses     []string      `json:"also_closes,omitempty"`
	CheckIDs       []string      `json:"check_ids"`
}

// Notice is a finding no permission change can close: its owner must act.
type Notice struct {
	Finding model.Finding `json:"finding"`
	// Code is a stable reason code (ReasonNoAPI…), Reason says it for people.
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// Notice codes.
const (
	// NoticeNoAPI: no Google API changes the setting (a form's summary).
	NoticeNoAPI = "no_api"
	// NoticeNotAGrant: the finding is not about one Drive grant (a group's
	// settings, a link on a web page, a setting that could not be read).
	NoticeNotAGrant = "not_a_grant"
	// NoticeOwnerGrant: the grant is the owner's; ownership is transferred,
	// not removed.
	NoticeOwnerGrant = "owner_grant"
	// NoticeSuppressedSibling: another finding on the same grant is an
	// accepted risk (suppressed), so removing the grant is left to a person.
	NoticeSuppressedSibling = "suppressed_sibling"
)

// principalKey identifies the grant an action closes within its item: a
// user or group by address (Drive and the checks fill a user's domain
// unevenly), a domain by name, anyone by type.
func principalKey(p model.Permission) string {
	switch p.Type {
	case model.TypeUser, model.TypeGroup:
		return p.Type + "\x00" + strings.ToLower(p.Email)
	case model.TypeDomain:
		return p.Type + "\x00" + strings.ToLower(p.Domain)
	}
	return p.Type
}

package checks

import (
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// Drive roles, lowest first.
const (
	RoleReader        = "reader"
	RoleCommenter     = "commenter"
	RoleWriter        = "writer"
	RoleFileOrganizer = "fileOrganizer"
	RoleOrganizer     = "organizer"
	RoleOwner         = "owner"
)

// RoleRank orders roles: reader 1 … owner 6; unknown roles rank 0.
func RoleRank(role string) int {
	switch role {
	case RoleReader:
		return 1
	case RoleCommenter:
		return 2
	case RoleWriter:
		return 3
	case RoleFileOrganizer:
		return 4
	case RoleOrganizer:
		return 5
	case RoleOwner:
		return 6
	}
	return 0
}

// isSharingGrant reports whether p shares the item: view permissions
// (a form's responders, the "metadata" view of a limited-access folder),
// owner grants and deleted grants do not.
func isSharingGrant(p model.Permission) bool {
	return p.View == "" && !p.Deleted && p.Role != RoleOwner
}

// sharingGrants returns the item's sharing grants.
func sharingGrants(it *model.Item) []model.Permission {
	var out []model.Permission
	for _, p := range it.Permissions {
		if isSharingGrant(p) {
			out = append(out, p)
		}
	}
	return out
}

// exposing reports whether p reaches beyond named colleagues: anyone, any
// domain, or an outside user or group. Such grants make the Engine keep an item.
func exposing(env *Env, p model.Permission) bool {
	return p.Type == model.TypeAnyone || p.Type == model.TypeDomain || env.IsOutside(p)
}

// sameGrantOrHigher reports whether parent grants p's principal a role at
// least as high as p's.
func sameGrantOrHigher(parent []model.Permission, p model.Permission) bool {
	return carries(parent, p, isSharingGrant)
}

// carries reports whether one of the grants of parent that counts (per
// counts) reaches p's principal with at least p's role.
func carries(parent []model.Permission, p model.Permission, counts func(model.Permission) bool) bool {
	key := principalKey(p.Type, p.Email, p.Domain)
	for _, q := range parent {
		if counts(q) && principalKey(q.Type, q.Email, q.Domain) == key && RoleRank(q.Role) >= RoleRank(p.Role) {
			return true
		}
	}
	return false
}

// isDeletedGrant reports whether p is a grant to a user or group account
// that has been deleted.
func isDeletedGrant(p model.Permission) bool {
	return p.Deleted && (p.Type == model.TypeUser || p.Type == model.TypeGroup) && !p.IsResponderGrant() && p.Role != RoleOwner
}

// covers reports whether sharing grant q reaches p's audience, whatever the
// roles: the same principal, an anyone grant for a domain grant, or a domain
// grant for a user or group of that domain.
func covers(q, p model.Permission) bool {
	if !isSharingGrant(q) {
		return false
	}
	if principalKey(q.Type, q.Email, q.Domain) == principalKey(p.Type, p.Email, p.Domain) {
		return true
	}
	switch q.Type {
	case model.TypeAnyone:
		return p.Type == model.TypeDomain
	case model.TypeDomain:
		return (p.Type == model.TypeUser || p.Type == model.TypeGroup) && strings.EqualFold(q.Domain, p.PrincipalDomain())
	}
	return false
}

// itemPersonalData matches the keywords against the item's name and, for
// forms, the title and questions.
func itemPersonalData(env *Env, it *model.Item) []string {
	return env.PersonalData(itemTexts(it)...)
}

// itemTexts returns what itemPersonalData reads: the item's name and, for
// forms, the title and questions.
func itemTexts(it *model.Item) []string {
	texts := []string{it.Name}
	if f := it.Form; f != nil {
		texts = append(texts, f.Title)
		texts = append(texts, f.Questions...)
		if f.Page != nil {
			texts = append(texts, f.Page.Title)
			texts = append(texts, f.Page.Questions...)
		}
	}
	return texts
}

// grantFinding builds a finding about grant p on it.
func grantFinding(id string, sev model.Severity, it *model.Item, p model.Permission, pd []string) model.Finding {
	pr := model.PrincipalOf(p)
	f := model.Finding{Fingerprint: model.Fingerprint(id, it.ID, pr), CheckID: id, Severity: sev,
		Resource: model.ResourceOf(it), Principal: pr, Evidence: map[string]any{}}
	if len(pd) > 0 {
		f.Evidence[EvPersonalData] = pd
	}
	return f
}

// itemFinding builds a finding about the item itself.
func itemFinding(id string, sev model.Severity, it *model.Item, pd []string) model.Finding {
	f := model.Finding{Fingerprint: model.Fingerprint(id, it.ID, nil), CheckID: id, Severity: sev,
		Resource: model.ResourceOf(it), Evidence: map[string]any{}}
	if len(pd) > 0 {
		f.Evidence[EvPersonalData] = pd
	}
	return f
}

// Evidence keys.
const (
	EvPersonalData      = "personal_data"       // []string: matched keywords
	EvItemsReached      = "items_reached"       // int: items below the folder a grant is set on
	EvPersonalDataItems = "personal_data_items" // []string: up to 5 names of absorbed items with personal data
	EvFreeMail          = "free_mail"           // bool
	EvDomain            = "domain"              // string: the principal's domain
	EvLookalikeOf       = "lookalike_of"        // string: intended address or domain
	EvReason            = "reason"              // string: lookalike reason, or why a form was not verified
	EvRevokedAt         = "revoked_at"          // string, RFC 3339
	EvRevokedBy         = "revoked_by"          // string: actor
	EvFolderID          = "folder_id"           // string: revoked folder
	EvFolderName        = "folder_name"         // string
	EvFolderKind        = "folder_kind"         // string: "shared_drive" when a drive's member was removed
	EvParentID          = "parent_id"           // string
	EvParentName        = "parent_name"         // string
	EvAudience          = "audience"            // string: anyone, domain
	EvSignInRequired    = "sign_in_required"    // bool
	EvFormID            = "form_id"             // string
	EvFormName          = "form_name"           // string
	EvDiscoverable      = "discoverable"        // bool
	EvAdminURL          = "admin_url"           // string: a form's edit URL found on a page
	EvLinkedFrom        = "linked_from"         // string: URL of the page that publishes it
	EvOpensAnonymously  = "opens_anonymously"   // "yes", "no" or "unknown"
	EvBroadEditors      = "broad_editors"       // "yes", "no" or "unknown": SHARE-003 on the tied item
	EvFormOwner         = "form_owner"          // string
	// Audience policy (SHARE-009).
	EvAudienceFrom    = "audience_from"    // string: the audience the item belongs to
	EvAudienceTo      = "audience_to"      // string: the audience it must not reach
	EvAudienceVia     = "audience_via"     // string: user, group, domain or shared_domain
	EvAudienceMembers = "audience_members" // int: the To audience's users a group grant reaches
	// Groups (GROUP-001, GROUP-002).
	EvConversationsPublic = "conversations_public" // bool: whoCanViewGroup ANYONE_CAN_VIEW
	EvMembersPublic       = "members_public"       // bool: whoCanViewMembership ANYONE_CAN_VIEW
	EvAnyoneCanJoin       = "anyone_can_join"      // bool: whoCanJoin ANYONE_CAN_JOIN
	EvDomainCanView       = "domain_can_view"      // bool: ALL_IN_DOMAIN_CAN_VIEW on a staff group whose domain pupils share
	EvExternalMembers     = "external_members"     // []string: up to 10 members outside the organisation
	EvAnyoneCanPost       = "anyone_can_post"      // bool: whoCanPostMessage ANYONE_CAN_POST
)

package model

import "time"

// Kind is what sort of resource an item is, as reports name it.
type Kind string

// Resource kinds.
const (
	KindFile        Kind = "file"
	KindFolder      Kind = "folder"
	KindForm        Kind = "form"
	KindSpreadsheet Kind = "spreadsheet"
	KindSharedDrive Kind = "shared_drive"
	KindPage        Kind = "page"
	KindGroup       Kind = "group"
)

// Drive MIME types that decide an item's Kind.
const (
	MimeFolder      = "application/vnd.google-apps.folder"
	MimeForm        = "application/vnd.google-apps.form"
	MimeSpreadsheet = "application/vnd.google-apps.spreadsheet"
)

// KindOf maps a Drive MIME type to a Kind.
func KindOf(mimeType string) Kind {
	switch mimeType {
	case MimeFolder:
		return KindFolder
	case MimeForm:
		return KindForm
	case MimeSpreadsheet:
		return KindSpreadsheet
	}
	return KindFile
}

// Principal types of a Drive permission.
const (
	TypeUser   = "user"
	TypeGroup  = "group"
	TypeDomain = "domain"
	TypeAnyone = "anyone"
)

// Permission is one Drive grant on an item, as the Drive API reports it.
type Permission struct {
	ID                 string `json:"id,omitempty"`
	Type               string `json:"type"`            // user, group, domain, anyone
	Role               string `json:"role"`            // owner, organizer, fileOrganizer, writer, commenter, reader
	Email              string `json:"email,omitempty"` // user and group grants, lower-cased
	Domain             string `json:"domain,omitempty"`
	AllowFileDiscovery bool   `json:"allow_file_discovery,omitempty"`
	// View is "published" for a form's responder grant (who may answer it)
	// and "metadata" on a limited-access folder for those who may see only
	// its name because they can open its parent. Neither shares the item.
	View string `json:"view,omitempty"`
	// Inherited is true when Drive says the grant comes from a parent
	// (permissionDetails, shared drives only). In My Drive it stays false and
	// inheritance is worked out from the folder tree.
	Inherited     bool   `json:"inherited,omitempty"`
	InheritedFrom string `json:"inherited_from,omitempty"`
	Deleted       bool   `json:"deleted,omitempty"`
	// ExpirationTime is when Drive will remove the grant (RFC 3339), if
	// it expires; read by fix apply to restore the grant exactly.
	ExpirationTime string `json:"expiration_time,omitempty"`
}

// IsResponderGrant reports whether p only lets its principal answer a form.
func (p Permission) IsResponderGrant() bool { return p.View == "published" }

// PrincipalDomain is the domain a grant reaches: the domain of a domain grant,
// or the part after @ of a user or group address. Empty for anyone.
func (p Permission) PrincipalDomain() string {
	if p.Domain != "" {
		return p.Domain
	}
	for i := len(p.Email) - 1; i >= 0; i-- {
		if p.Email[i] == '@' {
			return p.Email[i+1:]
		}
	}
	return ""
}

// Item is one Drive item (or shared drive) handed from the auditor to the
// checks. It carries only what the checks need.
type Item struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	MimeType string `json:"mime_type,omitempty"`
	Kind     Kind   `json:"kind"`
	URL      string `json:"url,omitempty"`
	Owner    string `json:"owner,omitempty"`    // owner's e-mail (My Drive items)
	DriveID  string `json:"drive_id,omitempty"` // shared drive ID, empty in My Drive
	// Parents holds the parent folder ID (Drive allows one). For a shared-drive
	// item at the drive's top level the parent is the drive ID.
	Parents []string `json:"parents,omitempty"`
	// Permissions are the item's grants, inherited ones included (Drive lists
	// both). Nil with PermissionsOmitted when the auditor skipped listing them
	// because Drive said the item has no grants of its own.
	Permissions        []Permission `json:"permissions,omitempty"`
	PermissionsOmitted bool         `json:"permissions_omitted,omitempty"`
	// InheritedPermissionsDisabled marks a limited-access folder.
	InheritedPermissionsDisabled bool      `json:"inherited_permissions_disabled,omitempty"`
	ModifiedTime                 time.Time `json:"modified_time,omitzero"`

	// Form is set for Google Forms.
	Form *Form `json:"form,omitempty"`
	// Page is set for public web pages (Kind "page").
	Page *WebPage `json:"page,omitempty"`
	// Group is set for Google Groups (Kind "group", the group's address
	// as the item's ID).
	Group *Group `json:"group,omitempty"`
}

// IsFolder reports whether the item can hold other items (folder or shared drive).
func (it *Item) IsFolder() bool { return it.Kind == KindFolder || it.Kind == KindSharedDrive }

// Parent returns the first parent ID, or "".
func (it *Item) Parent() string {
	if len(it.Parents) == 0 {
		return ""
	}
	return it.Parents[0]
}

// Group is what the auditor learnt about a Google Group from the Groups
// Settings API (groups.get, Google's values as they are) and the
// Directory (members.list).
type Group struct {
	Email string `json:"email"`
	// WhoCanJoin: ANYONE_CAN_JOIN, ALL_IN_DOMAIN_CAN_JOIN,
	// INVITED_CAN_JOIN, CAN_REQUEST_TO_JOIN.
	WhoCanJoin string `json:"who_can_join,omitempty"`
	// WhoCanViewGroup (who can see conversations) and
	// WhoCanViewMembership: ANYONE_CAN_VIEW, ALL_IN_DOMAIN_CAN_VIEW,
	// ALL_MEMBERS_CAN_VIEW, ALL_MANAGERS_CAN_VIEW, ALL_OWNERS_CAN_VIEW.
	WhoCanViewGroup      string `json:"who_can_view_group,omitempty"`
	WhoCanViewMembership string `json:"who_can_view_membership,omitempty"`
	// WhoCanPostMessage: ANYONE_CAN_POST, ALL_IN_DOMAIN_CAN_POST, …
	WhoCanPostMessage    string `json:"who_can_post_message,omitempty"`
	AllowExternalMembers bool   `json:"allow_external_members,omitempty"`
	// Members are the group's direct user and group members, lower-cased;
	// MembersRead is false when they could not be listed.
	Members     []string `json:"members,omitempty"`
	MembersRead bool     `json:"members_read,omitempty"`
}

// Groups Settings values the checks look for.
const (
	GroupAnyoneCanView      = "ANYONE_CAN_VIEW"
	GroupAllInDomainCanView = "ALL_IN_DOMAIN_CAN_VIEW"
	GroupAnyoneCanJoin      = "ANYONE_CAN_JOIN"
	GroupAnyoneCanPost      = "ANYONE_CAN_POST"
)

// Form is what the auditor learnt about a Google Form from the Forms API and
// from its public page.
type Form struct {
	FormID          string   `json:"form_id"`
	Title           string   `json:"title,omitempty"`
	ResponderURI    string   `json:"responder_uri,omitempty"`
	LinkedSheetID   string   `json:"linked_sheet_id,omitempty"`
	Questions       []string `json:"questions,omitempty"`
	EmailCollection string   `json:"email_collection,omitempty"` // DO_NOT_COLLECT, VERIFIED, RESPONDER_INPUT
	// Published and AcceptingResponses come from publishSettings; both are
	// true for legacy forms that lack it.
	Published          bool `json:"published"`
	AcceptingResponses bool `json:"accepting_responses"`

	// Page is the public responder page as an anonymous visitor saw it; nil
	// when it could not be read, with PageGap saying why.
	Page    *PageSettings `json:"page,omitempty"`
	PageGap string        `json:"page_gap,omitempty"`

	// LinkedSheet is the responses spreadsheet with its grants, when the
	// form has one and the auditor could read it.
	LinkedSheet *Item `json:"linked_sheet,omitempty"`
}

// PageSettings are the settings read from a form's public page
// (FB_PUBLIC_LOAD_DATA_). The Forms REST API exposes none of them.
type PageSettings struct {
	SummaryPublished   bool     `json:"summary_published"`
	SignInRequired     bool     `json:"sign_in_required"`
	OneResponsePerUser bool     `json:"one_response_per_user"`
	AllowResponseEdits bool     `json:"allow_response_edits"`
	EmailCollection    int      `json:"email_collection,omitempty"` // 1 none, 2 verified, 3 responder input
	Title              string   `json:"title,omitempty"`
	Questions          []string `json:"questions,omitempty"`
}

// Revocation is an audit-log event that took access away from a folder:
// a principal removed, or link sharing turned off; or a member removed from
// a shared drive (FolderID is then the drive's ID).
type Revocation struct {
	FolderID string    `json:"folder_id"`
	Type     string    `json:"type"`            // user, group, domain, anyone
	Email    string    `json:"email,omitempty"` // user/group
	Domain   string    `json:"domain,omitempty"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor,omitempty"`
}

// WebPage is a public web page (Item.Kind "page", the page URL as the
// item's ID and URL, its title as Name) and what it publishes.
type WebPage struct {
	// AdminLinks are the forms' admin (edit) URLs the page links to.
	AdminLinks []AdminLink `json:"admin_links,omitempty"`
}

// AdminLink is a form's admin (edit) URL found on a web page.
type AdminLink struct {
	URL    string `json:"url"`
	FormID string `json:"form_id"`
	// Probed is true when the URL was fetched anonymously;
	// OpensAnonymously then says whether it opened without sign-in.
	Probed           bool `json:"probed,omitempty"`
	OpensAnonymously bool `json:"opens_anonymously,omitempty"`
	// Tenant is the tenant's item the form ID names, when an audit of the
	// tenant (a saved report or a fresh run) was given and mentions it.
	Tenant *TenantRef `json:"tenant,omitempty"`
}

// TenantRef ties a URL found outside the tenant to the tenant's item.
type TenantRef struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Owner string `json:"owner,omitempty"`
	// BroadEditors is true when the item is editable by anyone with the
	// link or a whole domain (a SHARE-003 finding).
	BroadEditors bool `json:"broad_editors,omitempty"`
}

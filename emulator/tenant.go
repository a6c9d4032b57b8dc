// Package emulator serves a Google Workspace tenant, described in one YAML or
// JSON file, over Google's real wire format (Admin SDK Directory and Reports,
// Drive v3, Forms v1, Groups Settings, the OAuth token endpoint and public
// form pages) for tests, demos and benchmarks. It imports nothing of the
// auditor. docs/EMULATOR.md describes what it serves and how.
package emulator

import "time"

// Tenant is a whole Workspace tenant as a person writes it in a tenant file.
// Only direct grants are written: the emulator works out inherited ones.
type Tenant struct {
	CustomerID    string   `json:"customer_id" yaml:"customer_id"`
	PrimaryDomain string   `json:"primary_domain" yaml:"primary_domain"`
	Domains       []string `json:"domains" yaml:"domains"` // secondary domains; the primary is implied
	// DomainAliases are alias domains of the primary or a secondary domain:
	// every address there is also the tenant's.
	DomainAliases []DomainAlias `json:"domain_aliases,omitempty" yaml:"domain_aliases,omitempty"`

	Users        []User        `json:"users" yaml:"users"`
	Groups       []Group       `json:"groups,omitempty" yaml:"groups,omitempty"`
	SharedDrives []SharedDrive `json:"shared_drives,omitempty" yaml:"shared_drives,omitempty"`
	Files        []File        `json:"files,omitempty" yaml:"files,omitempty"`
	AuditEvents  []AuditEvent  `json:"audit_events,omitempty" yaml:"audit_events,omitempty"`
	// ServiceAccounts may use the JWT-bearer token endpoint (domain-wide
	// delegation). Tests usually register keys at run time instead.
	ServiceAccounts []ServiceAccount `json:"service_accounts,omitempty" yaml:"service_accounts,omitempty"`
	// Site holds public web pages served under /site/, keyed by path
	// ("/index.html").
	Site map[string]string `json:"site,omitempty" yaml:"site,omitempty"`
	// SiteRedirects are redirects of the web site, served at
	// /site/redirect/{name}: name → Location (relative or absolute).
	SiteRedirects map[string]string `json:"site_redirects,omitempty" yaml:"site_redirects,omitempty"`
	// ShortLinks are forms.gle codes, served at /forms.gle/{code}: code →
	// published form ID (or a full URL, sent as the Location as it is).
	ShortLinks map[string]string `json:"short_links,omitempty" yaml:"short_links,omitempty"`
	// DriveSDKDisabledOrgUnits are org units (and their sub-units) where the
	// Admin console's "Allow users to access Google Drive with the Drive SDK
	// API" is off: Drive calls made as their users get 403 domainPolicy.
	DriveSDKDisabledOrgUnits []string `json:"drive_sdk_disabled_org_units,omitempty" yaml:"drive_sdk_disabled_org_units,omitempty"`
	// DisabledAPIs are APIs not enabled in the caller's Cloud project
	// ("forms", "sheets", "drive", "directory", "reports"): every call gets
	// 403 SERVICE_DISABLED in the google.rpc.Status format.
	DisabledAPIs []string `json:"disabled_apis,omitempty" yaml:"disabled_apis,omitempty"`
}

// DomainAlias is an alias domain of one of the tenant's domains.
type DomainAlias struct {
	Alias  string `json:"alias" yaml:"alias"`
	Parent string `json:"parent" yaml:"parent"`
}

// User is a Directory user.
type User struct {
	Email     string `json:"email" yaml:"email"`
	Name      string `json:"name,omitempty" yaml:"name,omitempty"`
	Admin     bool   `json:"admin,omitempty" yaml:"admin,omitempty"`
	Suspended bool   `json:"suspended,omitempty" yaml:"suspended,omitempty"`
	OrgUnit   string `json:"org_unit,omitempty" yaml:"org_unit,omitempty"`
}

// Group is a Google Group.
type Group struct {
	Email   string   `json:"email" yaml:"email"`
	Name    string   `json:"name,omitempty" yaml:"name,omitempty"`
	Members []string `json:"members,omitempty" yaml:"members,omitempty"`
	// The rest feed the Groups Settings API (groups.get), with Google's
	// values; empty means Google's default for a group created in the
	// Admin console (shown in parentheses).
	AllowExternalMembers bool `json:"allow_external_members,omitempty" yaml:"allow_external_members,omitempty"`
	// WhoCanJoin: ANYONE_CAN_JOIN, ALL_IN_DOMAIN_CAN_JOIN,
	// INVITED_CAN_JOIN, (CAN_REQUEST_TO_JOIN).
	WhoCanJoin string `json:"who_can_join,omitempty" yaml:"who_can_join,omitempty"`
	// WhoCanViewGroup (conversations): ANYONE_CAN_VIEW,
	// ALL_IN_DOMAIN_CAN_VIEW, (ALL_MEMBERS_CAN_VIEW),
	// ALL_MANAGERS_CAN_VIEW, ALL_OWNERS_CAN_VIEW.
	WhoCanViewGroup string `json:"who_can_view_group,omitempty" yaml:"who_can_view_group,omitempty"`
	// WhoCanViewMembership: ANYONE_CAN_VIEW, (ALL_IN_DOMAIN_CAN_VIEW),
	// ALL_MEMBERS_CAN_VIEW, ALL_MANAGERS_CAN_VIEW, ALL_OWNERS_CAN_VIEW.
	WhoCanViewMembership string `json:"who_can_view_membership,omitempty" yaml:"who_can_view_membership,omitempty"`
	// WhoCanPostMessage: NONE_CAN_POST, ALL_MANAGERS_CAN_POST,
	// ALL_MEMBERS_CAN_POST, ALL_OWNERS_CAN_POST, (ALL_IN_DOMAIN_CAN_POST),
	// ANYONE_CAN_POST.
	WhoCanPostMessage string `json:"who_can_post_message,omitempty" yaml:"who_can_post_message,omitempty"`
}

// SharedDrive is a shared drive with its members.
type SharedDrive struct {
	ID      string       `json:"id" yaml:"id"`
	Name    string       `json:"name" yaml:"name"`
	Members []Permission `json:"members" yaml:"members"`
}

// Permission is a direct grant as written in a tenant file.
type Permission struct {
	Type string `json:"type" yaml:"type"` // user, group, domain, anyone
	// Role: owner, organizer, fileOrganizer, writer, commenter, reader.
	Role   string `json:"role" yaml:"role"`
	Email  string `json:"email,omitempty" yaml:"email,omitempty"`
	Domain string `json:"domain,omitempty" yaml:"domain,omitempty"`
	// Discoverable is Drive's allowFileDiscovery (anyone/domain only).
	Discoverable bool `json:"discoverable,omitempty" yaml:"discoverable,omitempty"`
	// View "published" marks a form responder grant, served only with
	// includePermissionsForView=published; "metadata" (a limited-access
	// folder only) lets its principal see the folder's name, and is
	// always served.
	View string `json:"view,omitempty" yaml:"view,omitempty"`
	// Deleted marks a user or group grant whose account has been deleted
	// since: Drive keeps it on the item and reports deleted: true.
	Deleted bool `json:"deleted,omitempty" yaml:"deleted,omitempty"`
	// Expiration is Drive's expirationTime (RFC 3339), user and group
	// grants only.
	Expiration string `json:"expiration,omitempty" yaml:"expiration,omitempty"`
}

// File is a Drive item: file, folder, form, spreadsheet…
type File struct {
	ID   string `json:"id" yaml:"id"`
	Name string `json:"name" yaml:"name"`
	// Kind is a shorthand for MimeType: folder, form, spreadsheet, document,
	// pdf, file. MimeType wins when both are set.
	Kind     string `json:"kind,omitempty" yaml:"kind,omitempty"`
	MimeType string `json:"mime_type,omitempty" yaml:"mime_type,omitempty"`
	// Owner is the owning user for My Drive items; empty in a shared drive.
	Owner string `json:"owner,omitempty" yaml:"owner,omitempty"`
	// Drive is the shared drive ID for shared-drive items.
	Drive string `json:"drive,omitempty" yaml:"drive,omitempty"`
	// Parent is the parent folder ID; empty means the My Drive root or the
	// shared drive's top level.
	Parent   string    `json:"parent,omitempty" yaml:"parent,omitempty"`
	Trashed  bool      `json:"trashed,omitempty" yaml:"trashed,omitempty"`
	Modified time.Time `json:"modified,omitzero" yaml:"modified,omitempty"`
	// InheritedPermissionsDisabled makes a limited-access folder.
	InheritedPermissionsDisabled bool         `json:"inherited_permissions_disabled,omitempty" yaml:"inherited_permissions_disabled,omitempty"`
	Permissions                  []Permission `json:"permissions,omitempty" yaml:"permissions,omitempty"`
	Form                         *Form        `json:"form,omitempty" yaml:"form,omitempty"`

	// pos is the item's place in Tenant.Files, set when the tenant is
	// indexed (under the server's write lock); not part of the tenant file.
	pos int
}

// Form holds what the Forms API and the public page show of a form file.
type Form struct {
	Title       string   `json:"title,omitempty" yaml:"title,omitempty"`
	Description string   `json:"description,omitempty" yaml:"description,omitempty"`
	PublishedID string   `json:"published_id,omitempty" yaml:"published_id,omitempty"` // "1FAIpQL…"; derived from the file ID when empty
	Questions   []string `json:"questions,omitempty" yaml:"questions,omitempty"`
	// EmailCollection: DO_NOT_COLLECT (default), VERIFIED, RESPONDER_INPUT.
	EmailCollection string `json:"email_collection,omitempty" yaml:"email_collection,omitempty"`
	LinkedSheet     string `json:"linked_sheet,omitempty" yaml:"linked_sheet,omitempty"`
	// SummaryPublished is 「結果の概要を表示」: FB_PUBLIC_LOAD_DATA_[1][2][2].
	SummaryPublished bool `json:"summary_published,omitempty" yaml:"summary_published,omitempty"`
	// SignIn: "" or "none"; "any" (any Google account: page still served,
	// [18]=1); "domain" (organisation only: anonymous GET redirects to
	// accounts.google.com). Responder grants (view: published) that name no
	// anyone restrict the form to those people as "domain" does: its
	// public pages send anonymous visitors to sign-in too.
	SignIn      string `json:"sign_in,omitempty" yaml:"sign_in,omitempty"`
	OneResponse bool   `json:"one_response,omitempty" yaml:"one_response,omitempty"`
	AllowEdit   bool   `json:"allow_edit,omitempty" yaml:"allow_edit,omitempty"`
	// Legacy forms have no publishSettings in the Forms API.
	Legacy bool `json:"legacy,omitempty" yaml:"legacy,omitempty"`
	// Unpublished and NotAccepting set publishSettings.publishState.
	Unpublished  bool `json:"unpublished,omitempty" yaml:"unpublished,omitempty"`
	NotAccepting bool `json:"not_accepting,omitempty" yaml:"not_accepting,omitempty"`
}

// AuditEvent is one Drive audit-log event (Reports API, application drive).
type AuditEvent struct {
	Time  time.Time `json:"time" yaml:"time"`
	Actor string    `json:"actor" yaml:"actor"`
	// Name is the event name: change_user_access, change_document_visibility,
	// change_document_access_scope, change_acl_editors, change_owner…
	Name string `json:"name" yaml:"name"`
	// Type defaults to acl_change.
	Type     string `json:"type,omitempty" yaml:"type,omitempty"`
	DocID    string `json:"doc_id" yaml:"doc_id"`
	DocTitle string `json:"doc_title,omitempty" yaml:"doc_title,omitempty"`
	DocType  string `json:"doc_type,omitempty" yaml:"doc_type,omitempty"` // folder, document, spreadsheet…
	// Parameters of the event; string values, or lists for multi-valued
	// ones (old_value, new_value).
	TargetUser    string   `json:"target_user,omitempty" yaml:"target_user,omitempty"`
	TargetDomain  string   `json:"target_domain,omitempty" yaml:"target_domain,omitempty"`
	OldValue      []string `json:"old_value,omitempty" yaml:"old_value,omitempty"`
	NewValue      []string `json:"new_value,omitempty" yaml:"new_value,omitempty"`
	Visibility    string   `json:"visibility,omitempty" yaml:"visibility,omitempty"`
	OldVisibility string   `json:"old_visibility,omitempty" yaml:"old_visibility,omitempty"`
	// shared_drive_membership_change (doc_id and doc_type shared_drive name
	// the drive): add_to_shared_drive, remove_from_shared_drive…, with the
	// member as TargetUser and its roles before and after.
	MembershipChangeType string `json:"membership_change_type,omitempty" yaml:"membership_change_type,omitempty"`
	SharedDriveID        string `json:"shared_drive_id,omitempty" yaml:"shared_drive_id,omitempty"`
	AddedRole            string `json:"added_role,omitempty" yaml:"added_role,omitempty"`
	RemovedRole          string `json:"removed_role,omitempty" yaml:"removed_role,omitempty"`
}

// ServiceAccount is allowed to mint delegated tokens at the emulator's token
// endpoint, for the scopes granted to its client ID (the Admin console's
// "Domain-wide delegation" page).
type ServiceAccount struct {
	ClientEmail  string   `json:"client_email" yaml:"client_email"`
	ClientID     string   `json:"client_id" yaml:"client_id"`
	PublicKeyPEM string   `json:"public_key_pem" yaml:"public_key_pem"`
	Scopes       []string `json:"scopes" yaml:"scopes"`
}

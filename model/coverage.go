package model

// Gap scopes: what kind of thing could not be audited.
const (
	ScopeUser        = "user"
	ScopeSharedDrive = "shared_drive"
	ScopeItem        = "item"
	ScopeForm        = "form"
	ScopeAuditLog    = "audit_log"
	ScopeDirectory   = "directory"
	ScopePage        = "page" // a public web page (scan-site) or probed URL
	ScopeGroup       = "group"
)

// Gap codes say why something could not be audited, so that reports can
// explain it in the reader's language. Reason keeps the details in English
// (error text from Google included).
const (
	GapUserSuspended         = "user_suspended"
	GapUserWalkFailed        = "user_walk_failed"
	GapDrivesUnlisted        = "shared_drives_unlisted"
	GapDriveMembersUnlisted  = "shared_drive_members_unlisted"
	GapDriveNoMember         = "shared_drive_no_member"
	GapDriveReadersOnly      = "shared_drive_readers_only" // only readers/commenters to act as: item permissions unreadable
	GapDriveWalkFailed       = "shared_drive_walk_failed"
	GapItemPermissions       = "item_permissions_unreadable"
	GapLinkedSheetUnreadable = "linked_sheet_unreadable"
	GapFormAPIRefused        = "form_api_refused"
	GapFormNoResponderURI    = "form_no_responder_uri"
	GapFormSignInRequired    = "form_sign_in_required"
	GapFormPageUnreadable    = "form_page_unreadable"
	GapFormPageNoSettings    = "form_page_no_settings"
	GapAuditLogUnreadable    = "audit_log_unreadable"
	// GapGroupSettingsUnreadable: a group (or, with ID "*", every group)
	// whose settings could not be read: GROUP-001/002 did not check it.
	GapGroupSettingsUnreadable = "group_settings_unreadable"
	// GapDriveSDKDisabled: Drive refused API access as the user (403
	// domainPolicy): the Admin console's Drive SDK setting is off for the
	// user's organisational unit.
	GapDriveSDKDisabled = "drive_sdk_disabled"
	// GapDailyQuota: a daily API quota of the Cloud project is used up.
	GapDailyQuota = "daily_quota_exceeded"
	// Without admin rights (probe, scan-site, self-audit).
	GapPageSkipped   = "page_skipped"    // a site page not fetched: robots.txt, limits, errors
	GapProbeFailed   = "probe_failed"    // a URL given to probe could not be read
	GapSelfAuditOnly = "self_audit_only" // what a self-audit (--oauth-client) cannot see
)

// Gap is something the auditor could not see or verify. A report lists every
// gap so that nobody reads "no findings" about what was never looked at.
type Gap struct {
	Scope  string `json:"scope"`
	ID     string `json:"id"`
	Code   string `json:"code,omitempty"` // one of the Gap* codes
	Name   string `json:"name,omitempty"`
	Reason string `json:"reason"`
	// Action says what to do so the next run can see it.
	Action string `json:"action,omitempty"`
	// AcceptedReason and AcceptedUntil (YYYY-MM-DD, the last day) are set
	// when a suppression file accepts the gap, e.g. a suspended user kept
	// for a legal hold: it is still listed, but no longer makes a run exit
	// with "coverage has gaps".
	AcceptedReason string `json:"accepted_reason,omitempty"`
	AcceptedUntil  string `json:"accepted_until,omitempty"`
	// Task names the walk that met the gap ("user:EMAIL", "drive:ID"), so
	// that a resumed run keeps only the gaps of walks it will not redo. Not
	// part of the report.
	Task string `json:"-"`
}

// Accepted reports whether a suppression file accepts the gap.
func (g Gap) Accepted() bool { return g.AcceptedUntil != "" }

// Count is an audited-out-of-total pair.
type Count struct {
	Total   int `json:"total"`
	Audited int `json:"audited"`
}

// FormCount counts forms and those whose settings were verified.
type FormCount struct {
	Total    int `json:"total"`
	Verified int `json:"verified"`
}

// Coverage says what a run saw.
type Coverage struct {
	Users        Count     `json:"users"`
	SharedDrives Count     `json:"shared_drives"`
	Items        int       `json:"items"`
	Forms        FormCount `json:"forms"`
	Gaps         []Gap     `json:"gaps"`
}

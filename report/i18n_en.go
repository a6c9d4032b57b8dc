package report

import (
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// English: every text of the language is in this file.
func init() {
	register(&catalog{
		lang:    "en",
		listSep: ", ",
		common: `{{define "reach"}}{{with .Int "items_reached"}} The grant is set here and reaches {{num .}} items below.{{end}}{{end}}` +
			`{{define "pd"}}{{with .List "personal_data"}} It may hold personal data (keywords: {{.}}).{{end}}` +
			`{{with .List "personal_data_items"}} Items below with personal data in their names include {{.}}.{{end}}{{end}}`,
		severity: [...]string{model.Info: "info", model.Low: "low", model.Medium: "medium", model.High: "high", model.Critical: "critical"},
		kinds: map[model.Kind]string{
			model.KindFile: "file", model.KindFolder: "folder", model.KindForm: "form",
			model.KindSpreadsheet: "spreadsheet", model.KindSharedDrive: "shared drive",
			model.KindPage: "page", model.KindGroup: "group",
		},
		driveRoles: map[string]string{"writer": "contributor"},
		roles: map[string]string{
			"owner": "owner", "organizer": "manager", "fileOrganizer": "content manager",
			"writer": "editor", "commenter": "commenter", "reader": "viewer",
		},
		scopes: map[string]string{
			model.ScopeUser: "user", model.ScopeSharedDrive: "shared drive", model.ScopeItem: "item",
			model.ScopeForm: "form", model.ScopeAuditLog: "audit log", model.ScopeDirectory: "directory", model.ScopePage: "web page",
			model.ScopeGroup: "group",
		},
		modes: map[string]string{ModeFull: "full", ModeIncremental: "incremental"},
		lookalikes: map[string]string{
			checks.ReasonConfusable: `"%s" where "%s" was meant`, checks.ReasonConfusable + "?": "characters that look alike",
			checks.ReasonEditDistance: "one character off", checks.ReasonTransposition: "two letters swapped",
			checks.ReasonDroppedDot: "a dot or hyphen dropped or swapped", checks.ReasonTLDSwap: "another domain ending",
		},
		audiences: map[string]string{
			"anyone": "anyone with the link", "domain": "anyone in the organisation",
			"users": "the people allowed to answer", "": "respondents",
		},
		who: whoText{anyoneWeb: "anyone on the web (findable by search)", anyone: "anyone with the link", domain: "everyone at %s", group: "group %s", unknown: "someone"},
		labels: labels{
			heading: "gwsaudit report", tenant: "tenant", run: "Run", runID: "ID",
			findings: "Findings", coverage: "Coverage", users: "users", sharedDrives: "shared drives",
			items: "items", formsVerified: "forms verified",
			gapsHeading: "COVERAGE GAPS (%d): not audited, so no finding covers them",
			checksRan:   "Checks run: %s (the others were not run)",
			sinceLast:   "%d new, %d resolved since the last run",
			gapAccepted: "[accepted until %s: %s] ",
			gapAction:   "Action", gapDetails: "Details", top: "Top findings (%d of %d)",
			item: "Item", owner: "Owner", location: "Location", url: "URL", grantee: "Shared with", fix: "Fix",
			none: "No findings.", noneWithGaps: "No findings in what was audited: see the coverage gaps above.",
			more: "… %d more in the full report.", moreGaps: "… %d more gaps in the full report.",
			durationFmt: "%s to %s (%s, %s)",
			hm:          "%dh %02dm", ms: "%dm %02ds", s: "%ds", paren: " (%s)",
		},
		sheet: sheetText{
			columns: [numSheetColumns]string{
				colSeverity: "Severity", colCheck: "Check ID", colTitle: "Title", colItem: "Item",
				colURL: "URL", colOwner: "Owner", colPrincipal: "Shared with", colRole: "Role",
				colLocation: "Location", colPersonalData: "Personal data", colStatus: "Status",
				colRemediation: "How to fix",
				colKind:        "Type", colItemID: "Item ID", colDescription: "Description",
				colSharedDrive: "Shared drive", colFirstSeen: "First seen", colAuditDate: "Audit date",
				colSevRank: "Severity rank", colOwnerName: "Owner's name", colOrgUnit: "Org unit", colAdminNote: "Note for the admin",
				colFingerprints: "Fingerprints",
			},
			describe: struct{ lookalike, revokedBy, revoked, revokedByOnly, reached string }{
				lookalike: "looks like %s", revokedBy: "folder access removed %s by %s",
				revoked: "folder access removed %s", revokedByOnly: "folder access removed by %s",
				reached: "reaches %s items below",
			},
			findingsSheet: "Findings", summarySheet: "Summary", coverageSheet: "Coverage",
			bySeverity: "Exposures by severity", byCheck: "Findings by check", byOwner: "Exposures by owner",
			count: "Count", total: "Total", noOwner: "(no owner)",
			what: "Audited", audited: "Audited", ofTotal: "Total",
			gapsHeading: "Coverage gaps", noGaps: "No coverage gaps: everything listed was audited.",
			scope: "Scope", id: "ID", name: "Name", explanation: "Why it was not audited", details: "Details", action: "What to do",
			formsVerifiedCol: "Forms whose settings were verified",
			filter:           "Filter findings…", allSeverities: "All severities", allChecks: "All checks",
			groupByOwner: "Group by owner", shown: "Showing %d of %d exposures",
			message: "Details", open: "Open", generated: "Generated by gwsaudit %s",
			noScript: "Sorting and filtering need JavaScript; the table below lists every finding.",
		},
		statuses: map[string]string{"new": "new", "open": "open", "suppressed": "suppressed"},
		statusNotes: struct{ suppressed, expired string }{
			suppressed: "suppressed until %s: %s", expired: "%s (suppression expired %s)"},
		gaps: map[string]gapText{
			model.GapUserSuspended: {Explain: "The user is suspended: Google does not let a suspended user be impersonated, so the files they own (and may still share) were not listed.",
				Action: "Reactivate the user for the audit (Admin console → Users → the user → Reactivate), or transfer their files (Admin console → Users → Transfer ownership) before deleting the account."},
			model.GapUserWalkFailed:          {Explain: "The user's My Drive could not be read."},
			model.GapDrivesUnlisted:          {Explain: "Shared drives could not be listed, so none was audited."},
			model.GapDriveMembersUnlisted:    {Explain: "The shared drive's members could not be listed."},
			model.GapDriveNoMember:           {Explain: "No active user of the organisation is a member of this shared drive, so its items could not be read."},
			model.GapDriveWalkFailed:         {Explain: "The shared drive's items could not be read."},
			model.GapDriveReadersOnly:        {Explain: "The organisation's only members of this shared drive are viewers or commenters, who may not read its items' sharing, so its items were not audited."},
			model.GapItemPermissions:         {Explain: "The item's sharing settings could not be read."},
			model.GapLinkedSheetUnreadable:   {Explain: "The form's responses spreadsheet could not be read, so its sharing (FORM-002) was not checked."},
			model.GapFormAPIRefused:          {Explain: "The Forms API refused to return the form, so its settings were not checked."},
			model.GapFormNoResponderURI:      {Explain: "The form has no respondent link, so its public page could not be checked."},
			model.GapFormSignInRequired:      {Explain: "The form requires sign-in to answer, so whether it shows respondents everyone's responses (FORM-001) could not be checked."},
			model.GapFormPageUnreadable:      {Explain: "The form's public page could not be read."},
			model.GapFormPageNoSettings:      {Explain: "The form's public page did not show its settings."},
			model.GapPageSkipped:             {Explain: "The web page was not read (robots.txt, the page limit or an error), so edit links on it were not looked for."},
			model.GapProbeFailed:             {Explain: "The URL could not be read, so it was not checked."},
			model.GapSelfAuditOnly:           {Explain: "A self-audit runs with your own account and no admin rights, so this part was not audited."},
			model.GapAuditLogUnreadable:      {Explain: "The Drive audit log could not be read, so access left behind after a folder was unshared (SHARE-007) was not checked."},
			model.GapGroupSettingsUnreadable: {Explain: "The group's settings could not be read, so whether it is open to the internet or to outsiders (GROUP-001, GROUP-002) was not checked."},
			model.GapDriveSDKDisabled:        {Explain: "Drive refused API access as this user: the Admin console setting \"Allow users to access Google Drive with the Drive SDK API\" is off for the user's organisational unit, so their files were not listed."},
			model.GapDailyQuota:              {Explain: "A daily API quota of the Cloud project was used up, so this part was not audited."},
		},
		unknown: Text{
			Message:     `{{cap .Kind}} "{{.Name}}": finding {{.CheckID}}.`,
			Remediation: `See the gwsaudit check catalog (gwsaudit checks) for {{.CheckID}}.`,
		},
		checks: map[string]Text{
			"SHARE-001": {
				Title:       "Public on the web",
				Message:     `{{cap .Kind}} "{{.Name}}" is public on the web: anyone can find it with a search engine and open it without signing in.{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `In Drive: Share → General access → Restricted. If it really must be public, remove the personal data first.`,
			},
			"SHARE-002": {
				Title:       "Anyone with the link can open it",
				Message:     `Anyone who has the link can open {{.Kind}} "{{.Name}}" as {{.Role}} without signing in.{{template "reach" .}}{{template "pd" .}} A forwarded, posted or misaddressed link reaches people it was never meant for.`,
				Remediation: `Share → General access → Restricted, then add only the people who need it. For outsiders, share a copy without personal data.`,
			},
			"SHARE-003": {
				Title:       "Editable by anyone with the link or a whole domain",
				Message:     `{{.WhoCap}} can edit {{.Kind}} "{{.Name}}" ({{.Role}}).{{if .IsForm}} Editing a form gives access to every response it has received.{{end}}{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `Share → General access → Restricted, or set the role to Viewer.{{if .IsForm}} Share a form with respondents only through Send → link (the …/viewform URL).{{end}} Check the version history for unexpected changes.`,
			},
			"SHARE-004": {
				Title:       "Shared with the whole organisation",
				Message:     `{{.WhoCap}} can open {{.Kind}} "{{.Name}}" ({{.Role}}).{{if .Bool "discoverable"}} They can also find it by searching Drive.{{end}}{{template "reach" .}}{{template "pd" .}} Staff who have no need for it can read it.`,
				Remediation: `Share → General access → change the organisation setting to Restricted, then add only the users or groups that need it.`,
			},
			"SHARE-005": {
				Title:       "Shared outside the organisation",
				Message:     `{{cap .Kind}} "{{.Name}}" is shared with {{.Who}} ({{.Role}}), who is outside the organisation{{if .Bool "free_mail"}}: a personal free-mail account{{end}}.{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `Make sure this person needs it. If not: Share → the address → Remove access.`,
				AdminNote:   `{{if not (.Bool "free_mail")}}{{with .GranteeDomain}}If {{.}} is a partner the organisation shares with on purpose, add it to partner_domains in the config (or pass --partner-domain {{.}}): its grants are then no longer reported as outside, while lookalikes of it still are.{{end}}{{end}}`,
			},
			"SHARE-006": {
				Title:       "Shared with a lookalike of an internal address",
				Message:     `{{cap .Kind}} "{{.Name}}" is shared with {{.Who}}, a near miss of {{with .Str "lookalike_of"}}{{.}}{{else}}an internal address or domain{{end}}{{with .LookalikeReason}} ({{.}}){{end}}. Mistyped addresses like this send data to strangers.{{template "pd" .}}`,
				Remediation: `Confirm the address with the intended person by phone. If it is a typo: Share → the address → Remove access, share with the right address, and check the item's Activity for views by the wrong one.`,
			},
			"SHARE-007": {
				Title:       "Access left behind after a folder revocation",
				Message:     `{{if .IsAnyone}}Link sharing was turned off on folder{{else}}{{.WhoCap}} was removed from {{if eq (.Str "folder_kind") "shared_drive"}}shared drive{{else}}folder{{end}}{{end}} {{with .Str "folder_name"}}"{{.}}"{{else}}{{.Str "folder_id"}}{{end}}{{with .Time "revoked_at"}} on {{.}}{{end}}{{with .Str "revoked_by"}} by {{.}}{{end}}, but {{.Kind}} "{{.Name}}" inside it still has its own grant{{if not .IsAnyone}} to {{.Who}}{{end}}.{{template "pd" .}}`,
				Remediation: `Share → remove the same {{if .IsAnyone}}link sharing (General access → Restricted){{else}}person{{end}} on this item too. Removing access from a folder does not remove grants set on the files inside it; check the folder's other files as well.`,
			},
			"SHARE-008": {
				Title:       "More open than its folder",
				Message:     `{{cap .Kind}} "{{.Name}}" is shared with {{.Who}} ({{.Role}}), but its folder {{with .Str "parent_name"}}"{{.}}"{{else}}{{.Str "parent_id"}}{{end}} is not. The folder looks private while this item's link keeps working.{{template "pd" .}}`,
				Remediation: `On this item: Share → General access → Restricted, or remove the grant. Keep items meant for a wider audience in a folder shared that way on purpose.`,
			},
			"SHARE-009": {
				Title:       "Reachable by an audience it must never reach",
				Message:     `{{cap .Kind}} "{{.Name}}" belongs to {{.Str "audience_from"}}, and {{.Who}} can open it ({{.Role}}), which reaches {{.Str "audience_to"}}{{$v := .Str "audience_via"}}{{if eq $v "user"}}: this account is one of them{{else if eq $v "group"}}{{with .Int "audience_members"}}: {{num .}} of them are among the group's members (nested groups included){{else}}: the group is theirs{{end}}{{else if eq $v "domain"}}: the domain is theirs{{else if eq $v "shared_domain"}}, who share this domain with {{.Str "audience_from"}} and are told apart only by organisational unit{{end}}. The configured audience policy says {{.Str "audience_from"}}'s items must never reach {{.Str "audience_to"}}.{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `{{if .IsDomain}}Share → General access → Restricted, then add only the staff or staff groups who need it{{else}}Share → remove {{.Who}}{{end}}{{if .IsSharedDrive}} (on a shared drive: Manage members){{end}}. If {{.Str "audience_to"}} should see part of it, share a copy without the personal data.`,
			},
			"SHARE-010": {
				Title:       "Still shared with a deleted account",
				Message:     `{{cap .Kind}} "{{.Name}}" is still shared with {{.Who}} ({{.Role}}), an account that has been deleted. The grant opens nothing today, but if the address is created again (a new colleague given the same address, a re-registered domain), the newcomer gets this access.{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `Share → remove {{.Who}} from this {{.Kind}}. If someone now holds the address, share with them again on purpose.`,
			},
			"FORM-001": {
				Title:       "Form shows everyone's responses to respondents",
				Message:     `Form "{{.Name}}" publishes a summary of all responses: after answering, {{.Audience}} can open "See previous responses" and read what others wrote, text answers included.{{if .Bool "sign_in_required"}} Requiring sign-in does not prevent this.{{end}}{{template "pd" .}}`,
				Remediation: `In the form: Settings → Presentation → View results summary: off (older forms: Settings → General → See summary charts and text responses). Then treat the responses as possibly disclosed and follow your incident procedure.`,
			},
			"FORM-002": {
				Title:       "Responses spreadsheet shared too widely",
				Message:     `Spreadsheet "{{.Name}}" holds the responses of form {{with .Str "form_name"}}"{{.}}"{{else}}{{.Str "form_id"}}{{end}} and is shared with {{.Who}} ({{.Role}}), more widely than the form's editors.{{template "pd" .}}`,
				Remediation: `Open the spreadsheet: Share → General access → Restricted, and remove people outside the organisation. Only the form's editors need the responses.`,
			},
			"FORM-003": {
				Title:       "Form edit link published on a web page",
				Message:     `The edit link of form {{with .Str "form_name"}}"{{.}}"{{else}}{{.Str "form_id"}}{{end}} is published on {{with .Resource.URL}}{{.}}{{else}}{{$.Name}}{{end}}. Anyone who can edit the form can read every response.`,
				Remediation: `Replace the edit link (…/edit) on the page with the respondent link (…/viewform). Then in the form: Share → General access → Restricted, and remove editors who should not be there.`,
			},
			"FORM-004": {
				Title:       "Form settings could not be verified",
				Message:     `The public page of form "{{.Name}}" could not be read{{with .Str "reason"}} ({{.}}){{end}}, so whether it shows respondents everyone's responses is unknown. This is a coverage gap, not a clean result.`,
				Remediation: `Open the form: Settings → Presentation → make sure "View results summary" is off.`,
				AdminNote:   `gwsaudit reads this setting from the form's public page, which it could not read for this form: the coverage gap of the form says why. Until the owner confirms the setting, treat the form as unchecked.`,
			},
			"GROUP-001": {
				Title:       "Group open to anyone on the internet",
				Message:     `{{if or (.Bool "conversations_public") (.Bool "members_public") (.Bool "anyone_can_join")}}Group "{{.Name}}" ({{.Resource.ID}}){{if .Bool "conversations_public"}} lets anyone on the internet read its conversations{{end}}{{if and (.Bool "conversations_public") (.Bool "members_public")}} and{{end}}{{if .Bool "members_public"}} shows its member list to anyone on the internet{{end}}{{if and (or (.Bool "conversations_public") (.Bool "members_public")) (.Bool "anyone_can_join")}}, and{{end}}{{if .Bool "anyone_can_join"}} lets anyone with a Google account join it, and read its archive{{end}}. Mail sent to the group, attachments included, and its members' addresses are then public.{{if .Bool "domain_can_view"}} Everyone in the organisation can read it too, {{.Str "audience_to"}} included: they share its domain with {{.Str "audience_from"}}.{{end}}{{else}}Group "{{.Name}}" ({{.Resource.ID}}) belongs to {{.Str "audience_from"}}, and everyone in the organisation can read it, {{.Str "audience_to"}} included: they share its domain with {{.Str "audience_from"}}.{{end}}{{with .Int "audience_members"}} {{num .}} of its members are {{$.Str "audience_to"}}.{{end}}{{template "pd" .}}`,
				Remediation: `In Google Groups: the group → Group settings → "Who can see conversations" and "Who can view members": Group members (or Organisation members), and "Who can join group": Only invited users. Then treat what the group's archive held as possibly disclosed.`,
				AdminNote:   `The same settings are in the Admin console → Directory → Groups → the group → Access settings, if the group's owners cannot be reached.`,
			},
			"GROUP-002": {
				Title:       "Group open to outsiders",
				Message:     `Group "{{.Name}}" ({{.Resource.ID}}){{with .List "external_members"}} has members outside the organisation ({{.}}), who receive everything sent to it{{end}}{{if and (.List "external_members") (.Bool "anyone_can_post")}}, and{{end}}{{if .Bool "anyone_can_post"}} accepts posts from anyone, so mail from outside reaches every member under the group's name{{end}}.`,
				Remediation: `In Google Groups: the group → Group settings → "Who can post": Group members (or Organisation members){{if .List "external_members"}}; and under Members, remove the outside addresses that should not be there, then turn off "Allow members outside your organisation"{{end}}.`,
				AdminNote:   `The same settings are in the Admin console → Directory → Groups → the group → Access settings, if the group's owners cannot be reached.`,
			},
		},
	})
}

// Probe and scan-site wording (gwsaudit probe / scan-site), kept apart
// from the check catalog above.
func init() {
	verdictCatalogs["en"] = &verdictText{
		outcomes: map[string]string{
			"summary_published": "DANGER: the response summary is published, so anyone who answers can read everyone's answers",
			"summary_off":       "OK: the response summary is not published",
			"sign_in_wall":      "UNKNOWN: only signed-in users of the organisation can open this form, so its settings could not be read; check Settings by hand",
			"unreadable":        "UNKNOWN: the form's page could not be read",
			"edit_sign_in":      "CAUTION: this is the form's edit (admin) link; it asks visitors to sign in, but anyone allowed to edit who opens it sees every response; publish the …/viewform link instead",
			"edit_open":         "DANGER: the form's edit (admin) link opens without signing in; anyone with it can read every response",
			"not_form":          "SKIPPED: not a Google Forms link",
		},
		signIn: "sign-in required", noSignIn: "no sign-in needed", summaryOn: "response summary published",
		email:    map[int]string{1: "does not collect e-mail addresses", 2: "collects verified e-mail addresses", 3: "asks respondents to type their e-mail address"},
		personal: "asks for personal data: %s", linkedFrom: "linked from %s", reason: "%s", paren: " (%s)",
		link: "%s", item: "tenant item %q", owner: "owner %s", checks: "findings: %s",
		notTied: "not in the given audit", title: "“%s”", linksHeading: "Links to Drive and Docs (%d):", sep: "; ",
	}
}

// Owner, shared-drive and admin-note wording.
func init() {
	ownerTexts["en"] = ownerText{drive: `Shared drive "%s"`, managers: " (managers: %s)", nameOU: " (%s)", sep: ", ", adminNote: "Note for the admin", adminNoteIn: "Note for the admin: %s",
		unassigned: "(no owner or org unit: for the admin)",
		index:      [5]string{"Kind", "For", "File", "Findings", "Worst severity"},
		kinds:      map[string]string{PartOwner: "owner", PartOrgUnit: "org unit", PartSharedDrive: "shared drive", PartUnassigned: "unassigned"}}
}

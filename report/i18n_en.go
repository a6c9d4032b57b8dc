package report

import "github.com/gwsaudit/gwsaudit/checks"

// English: every text of the language is in this file.
func init() {
	register(&catalog{
		lang:    "en",
		listSep: ", ",
		common: `{{define "reach"}}{{with .Int "items_reached"}} The grant is set here and reaches {{num .}} items below.{{end}}{{end}}` +
			`{{define "pd"}}{{with .List "personal_data"}} It may hold personal data (keywords: {{.}}).{{end}}` +
			`{{with .List "personal_data_items"}} Items below with personal data in their names include {{.}}.{{end}}{{end}}`,
		severity: [...]string{checks.Info: "info", checks.Low: "low", checks.Medium: "medium", checks.High: "high", checks.Critical: "critical"},
		kinds: map[checks.Kind]string{
			checks.KindFile: "file", checks.KindFolder: "folder", checks.KindForm: "form",
			checks.KindSpreadsheet: "spreadsheet", checks.KindSharedDrive: "shared drive",
			checks.KindPage: "page", checks.KindGroup: "group",
		},
		roles: map[string]string{
			"owner": "owner", "organizer": "manager", "fileOrganizer": "content manager",
			"writer": "editor", "commenter": "commenter", "reader": "viewer",
		},
		scopes: map[string]string{
			checks.ScopeUser: "user", checks.ScopeSharedDrive: "shared drive", checks.ScopeItem: "item",
			checks.ScopeForm: "form", checks.ScopeAuditLog: "audit log", checks.ScopeDirectory: "directory",
		},
		modes: map[string]string{ModeFull: "full", ModeIncremental: "incremental"},
		audiences: map[string]string{
			"anyone": "anyone with the link", "domain": "anyone in the organisation",
			"users": "the people allowed to answer", "": "respondents",
		},
		who: whoText{anyone: "anyone with the link", domain: "everyone at %s", group: "group %s", unknown: "someone"},
		labels: labels{
			heading: "gwsaudit report", tenant: "tenant", run: "Run", runID: "ID",
			findings: "Findings", coverage: "Coverage", users: "users", sharedDrives: "shared drives",
			items: "items", formsVerified: "forms verified",
			gapsHeading: "COVERAGE GAPS (%d): not audited, so no finding covers them",
			gapAction:   "Action", top: "Top findings (%d of %d)",
			item: "Item", owner: "Owner", location: "Location", url: "URL", grantee: "Shared with", fix: "Fix",
			none: "No findings.", noneWithGaps: "No findings in what was audited: see the coverage gaps above.",
			more: "… %d more findings in the full report.", moreGaps: "… %d more gaps in the full report.",
			durationFmt: "%s to %s (%s, %s)",
			hm:          "%dh %02dm", ms: "%dm %02ds", s: "%ds", paren: " (%s)",
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
				Remediation: `Confirm with the owner that this person needs it. If not: Share → the address → Remove access. Add partners you share with on purpose to the partner domains in the config.`,
			},
			"SHARE-006": {
				Title:       "Shared with a lookalike of an internal address",
				Message:     `{{cap .Kind}} "{{.Name}}" is shared with {{.Who}}, a near miss of {{with .Str "lookalike_of"}}{{.}}{{else}}an internal address or domain{{end}}{{with or (.Str "lookalike_reason") (.Str "reason")}} ({{.}}){{end}}. Mistyped addresses like this send data to strangers.{{template "pd" .}}`,
				Remediation: `Confirm the address with the intended person by phone. If it is a typo: Share → the address → Remove access, share with the right address, and check the item's Activity for views by the wrong one.`,
			},
			"SHARE-007": {
				Title:       "Access left behind after a folder revocation",
				Message:     `{{if .IsAnyone}}Link sharing was turned off on folder{{else}}{{.WhoCap}} was removed from folder{{end}} {{with .Str "folder_name"}}"{{.}}"{{else}}{{.Str "folder_id"}}{{end}}{{with .Time "revoked_at"}} on {{.}}{{end}}{{with .Str "revoked_by"}} by {{.}}{{end}}, but {{.Kind}} "{{.Name}}" inside it still has its own grant{{if not .IsAnyone}} to {{.Who}}{{end}}.{{template "pd" .}}`,
				Remediation: `Share → remove the same {{if .IsAnyone}}link sharing (General access → Restricted){{else}}person{{end}} on this item too. Removing access from a folder does not remove grants set on the files inside it; check the folder's other files as well.`,
			},
			"SHARE-008": {
				Title:       "More open than its folder",
				Message:     `{{cap .Kind}} "{{.Name}}" is shared with {{.Who}} ({{.Role}}), but its folder {{with .Str "parent_name"}}"{{.}}"{{else}}{{.Str "parent_id"}}{{end}} is not. The folder looks private while this item's link keeps working.{{template "pd" .}}`,
				Remediation: `On this item: Share → General access → Restricted, or remove the grant. Keep items meant for a wider audience in a folder shared that way on purpose.`,
			},
			"SHARE-009": {
				Title:       "Shared with a forbidden audience",
				Message:     `{{cap .Kind}} "{{.Name}}"{{with .Str "folder_name"}} in "{{.}}"{{end}} is shared with {{.Who}}, an audience the policy forbids here{{with .Str "reason"}} ({{.}}){{end}}.{{template "pd" .}}`,
				Remediation: `Share → remove {{.Who}}. If they really need it, move the item out of the restricted location or change the policy in the config.`,
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
				Remediation: `Check Settings → Presentation → View results summary in the form by hand, or set up the Apps Script bridge so gwsaudit can read it.`,
			},
		},
	})
}

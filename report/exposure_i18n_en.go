package report

// English wording of exposure rows (one row per grant).
func init() {
	registerExposureText("en", &exposureText{
		reasons: map[string]string{
			"SHARE-001": "public on the web", "SHARE-002": "open to anyone with the link",
			"SHARE-003": "editable via link or domain", "SHARE-004": "whole organisation",
			"SHARE-005": "outside the organisation", "SHARE-006": "lookalike address",
			"SHARE-007": "left after folder unshared", "SHARE-008": "more open than its folder",
			"SHARE-009": "reaches a forbidden audience", "SHARE-010": "deleted account",
			"FORM-001": "responses shown to respondents", "FORM-002": "responses sheet shared widely",
			"FORM-003": "edit link on a web page", "FORM-004": "settings not verified",
			"GROUP-001": "group public on the internet", "GROUP-002": "group open to outsiders",
		},
		reasonSep: " / ",
		fix: map[string]string{
			"anyone": `On this {{.Kind}}: Share → General access → Restricted, then add only the people who need it.`,
			"domain": `On this {{.Kind}}: Share → remove {{.Who}} (for your own organisation: General access → Restricted), then add only the people or groups who need it.`,
			"user":   `On this {{.Kind}}: Share → {{.Who}} → Remove access{{if .IsSharedDrive}} (on a shared drive: Manage members){{end}}.`,
		},
		closes: "This one change closes these %d findings.",
		followUps: map[string]string{
			"SHARE-001": `If it really must be public, remove the personal data before publishing it again.`,
			"SHARE-003": `{{if .IsForm}}Give respondents only the Send → link (…/viewform). {{end}}Check the version history for unexpected changes.`,
			"SHARE-005": `If this person does need it, ask the administrator to record the exception (a suppression with a reason and an end date) instead of leaving it unexplained.`,
			"SHARE-006": `Before removing it, confirm the intended address by phone; then share with the right address and check the item's Activity for views by the wrong one.`,
			"SHARE-007": `Removing access from a folder does not remove grants on the files inside it: check the folder's other files too.`,
			"SHARE-009": `If {{.Str "audience_to"}} should see part of it, share a copy without the personal data.`,
			"SHARE-010": `If someone now holds the address and needs it, share with them again on purpose.`,
			"FORM-002":  `Only the form's editors need the responses.`,
		},
		since:           "%s since %s",
		newReason:       "%s; new reason: %s",
		resolved:        "resolved",
		resolvedPartly:  "resolved in part (the grant is still reported for another reason)",
		exposures:       "Exposures",
		exposuresTotal:  "%s exposures",
		findingsBehind:  "%d findings by check",
		resolvedHeading: "Resolved since the last run (%d)",
		onlyNew:         "Only new",
		resolvedSheet:   "Resolved",
		moreResolved:    "… %d more resolved in the full report.",
		onlyNewNote:     "Only the exposures with something new since the last run are shown (--only-new).",
		noneNew:         "Nothing new since the last run; the exposures still open are in the full report.",
	})
}

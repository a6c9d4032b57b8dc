package notify

// English: the words of owner messages and the admin's webhook summary. The
// per-check text is the report catalog's (report/i18n_en.go).
func init() {
	textsByLang["en"] = &texts{
		lang:        "en",
		subject:     "Action needed: sharing and form settings to fix (%d)",
		greeting:    "Dear %s,",
		intro:       "An audit of the %s Google Workspace on %s found settings on files or forms %s that may expose personal data (%d in all). Please change each one as its \"Fix\" says.",
		introNoDate: "An audit of the %s Google Workspace found settings on files or forms %s that may expose personal data (%d in all). Please change each one as its \"Fix\" says.",
		dateFormat:  "2 January 2006",
		item:        "■ %d. [%s] %s",
		target:      "Item: ",
		drive:       "Shared drive: ",
		asManager:   "Items on a shared drive are sent to you as a manager of that drive.",
		yours:       "you own",
		yoursShared: "you own or manage (shared drives)",
		link:        "Link: ",
		state:       "Finding: ",
		fix:         "Fix: ",
		firstSeen:   "First seen: ",
		newMark:     ", new",
		planned:     "Fix: IT plans to remove this share. If your work needs it, tell the contact below before it is removed.",
		more:        "There are %d more. Ask the contact below for the full list.",
		ask:         "If you are unsure whether a share is needed for your work, or you do not recognise one, ask %s before changing it.",
		askDefault:  "your IT department",
		copyNote:    "A copy of this message went to your department's contact (%s).",
		footer:      "This message was sent automatically by gwsaudit (the scheduled Google Workspace audit). Once you change a setting, the next audit records it as resolved.",

		hookHead:     "gwsaudit: the audit of %s has new findings: %d (resolved: %d).",
		hookNew:      "New",
		hookResolved: "Resolved",
		colon:        ": ",
		hookTop:      "Top new findings:",
		hookMore:     "%d more in the report.",

		sumOwner:   "%s: %d item(s) (%s)%s",
		sumCopy:    ", copy to %s",
		sumSent:    "%d of %d message(s) sent.",
		sumWritten: "%d of %d message(s) written to %s (nothing sent).",
		sumUnowned: "%d finding(s) with no one to send them to (groups, shared drives without a known manager) were not notified; tell whoever manages them:",
		langNames:  map[string]string{"ja": "Japanese", "en": "English"},
		hookItem:   "• [%s] %s %s (ID %s)",
	}
}

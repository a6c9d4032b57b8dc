package site

import (
	"net/url"
	"strings"
)

// LinkKind is what a link to Google points at.
type LinkKind string

// Kinds of Google links.
const (
	// FormView is a respondent page: …/forms/d/e/{publishedId}/viewform, or
	// …/forms/d/{formId}/viewform (older forms).
	FormView LinkKind = "form"
	// FormEdit is a form's admin (edit) URL: …/forms/d/{formId}/edit.
	FormEdit LinkKind = "form_edit"
	// FormShort is a forms.gle short link to a form.
	FormShort LinkKind = "form_short"
	// Drive is a Drive file or folder: drive.google.com/file/d/{id}, …/folders/{id}, …/open?id=.
	Drive LinkKind = "drive"
	// Docs is a Docs, Sheets, Slides or Drawings file: docs.google.com/{type}/d/{id}.
	Docs LinkKind = "docs"
)

// GoogleLink is a link to a Google Form, Drive item or Docs file.
type GoogleLink struct {
	Kind LinkKind `json:"kind"`
	// URL is the link as found; Canonical is the same address on
	// https://docs.google.com/forms/d/… (forms only), which probes fetch.
	URL       string `json:"url"`
	Canonical string `json:"canonical,omitempty"`
	// ID is the Drive file ID (form ID for FormEdit), or the published ID
	// when Published is set; the short code for FormShort.
	ID        string `json:"id"`
	Published bool   `json:"published,omitempty"`
}

// FileID is the Drive file ID the link names, or "" (published and short
// links do not name one).
func (l GoogleLink) FileID() string {
	if l.Published || l.Kind == FormShort {
		return ""
	}
	return l.ID
}

var docsTypes = map[string]bool{"document": true, "spreadsheets": true, "presentation": true, "drawings": true, "file": true}

// respondentPages end a form URL that respondents (not editors) open.
var respondentPages = map[string]bool{"viewform": true, "formResponse": true, "closedform": true, "alreadyresponded": true}

// ClassifyGoogle recognises a link to Google Forms, Drive or Docs.
func ClassifyGoogle(raw string) (GoogleLink, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil {
		return GoogleLink{}, false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	segs := splitPath(u.Path)
	switch host {
	case "forms.gle":
		if len(segs) == 1 && validID(segs[0]) {
			return GoogleLink{Kind: FormShort, URL: raw, Canonical: "https://forms.gle/" + segs[0], ID: segs[0]}, true
		}
	case "docs.google.com":
		return classifyDocs(raw, segs)
	case "drive.google.com":
		return classifyDrive(raw, u, segs)
	}
	return GoogleLink{}, false
}

// classifyDocs reads docs.google.com paths, with the optional /a/{domain}
// and /u/{n} segments stripped.
func classifyDocs(raw string, segs []string) (GoogleLink, bool) {
	if len(segs) >= 2 && segs[0] == "a" {
		segs = segs[2:]
	}
	if len(segs) < 3 {
		return GoogleLink{}, false
	}
	typ := segs[0]
	segs = segs[1:]
	if len(segs) >= 2 && segs[0] == "u" {
		segs = segs[2:]
	}
	if len(segs) < 2 || segs[0] != "d" {
		return GoogleLink{}, false
	}
	if typ == "forms" {
		return classifyForm(raw, segs[1:])
	}
	if !docsTypes[typ] {
		return GoogleLink{}, false
	}
	l := GoogleLink{Kind: Docs, URL: raw, ID: segs[1]}
	if segs[1] == "e" && len(segs) >= 3 {
		l.ID, l.Published = segs[2], true
	}
	return l, validID(l.ID)
}

// classifyForm reads what follows /forms/d/.
func classifyForm(raw string, segs []string) (GoogleLink, bool) {
	const base = "https://docs.google.com/forms/d/"
	if segs[0] == "e" {
		if len(segs) < 2 || !validID(segs[1]) {
			return GoogleLink{}, false
		}
		return GoogleLink{Kind: FormView, URL: raw, ID: segs[1], Published: true, Canonical: base + "e/" + segs[1] + "/viewform"}, true
	}
	id := segs[0]
	if !validID(id) {
		return GoogleLink{}, false
	}
	if len(segs) >= 2 && respondentPages[segs[1]] {
		return GoogleLink{Kind: FormView, URL: raw, ID: id, Canonical: base + id + "/viewform"}, true
	}
	// edit, edit#responses, viewanalytics, a bare ID: all editor pages.
	return GoogleLink{Kind: FormEdit, URL: raw, ID: id, Canonical: base + id + "/edit"}, true
}

// classifyDrive reads drive.google.com paths.
func classifyDrive(raw string, u *url.URL, segs []string) (GoogleLink, bool) {
	if len(segs) >= 2 && segs[0] == "a" {
		segs = segs[2:]
	}
	var id string
	switch {
	case len(segs) >= 3 && segs[0] == "file" && segs[1] == "d":
		id = segs[2]
	case len(segs) >= 1 && (segs[0] == "open" || segs[0] == "uc"):
		id = u.Query().Get("id")
	case len(segs) >= 3 && segs[0] == "drive":
		rest := segs[1:]
		if len(rest) >= 2 && rest[0] == "u" {
			rest = rest[2:]
		}
		if len(rest) >= 2 && rest[0] == "folders" {
			id = rest[1]
		}
	}
	if !validID(id) {
		return GoogleLink{}, false
	}
	return GoogleLink{Kind: Drive, URL: raw, ID: id}, true
}

func splitPath(p string) []string {
	var out []string
	for s := range strings.SplitSeq(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// validID accepts Drive-style IDs: letters, digits, - and _, 1–200 long.
func validID(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

package emulator

import (
	"strings"
	"time"
)

// defaultModified stands in for files written without a modified time.
var defaultModified = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

// googleTimeLayout is how Google APIs write times.
const googleTimeLayout = "2006-01-02T15:04:05.000Z"

// googleTime formats a time the way Google APIs do.
func googleTime(t time.Time) string { return t.UTC().Format(googleTimeLayout) }

func modified(f *File) time.Time {
	if f.Modified.IsZero() {
		return defaultModified
	}
	return f.Modified
}

// fileQuery is the schema of files.list `q`.
var fileQuery = map[string]fieldKind{
	"name": kString, "mimeType": kString, "fullText": kString,
	"trashed": kBool, "starred": kBool, "sharedWithMe": kBool,
	"modifiedTime": kTime, "createdTime": kTime, "viewedByMeTime": kTime,
	"owners": kCollection, "parents": kCollection, "writers": kCollection, "readers": kCollection,
}

// fileSubject evaluates a query on one item for a caller.
type fileSubject struct {
	ix     *index
	f      *File
	caller string
}

func (s fileSubject) qString(field string) string {
	switch field {
	case "name", "fullText":
		return s.f.Name
	case "mimeType":
		return s.f.MimeType
	case "modifiedTime", "createdTime":
		return googleTime(modified(s.f))
	}
	return ""
}

func (s fileSubject) qBool(field string) bool {
	switch field {
	case "trashed":
		return s.f.Trashed
	case "sharedWithMe":
		return s.f.Drive == "" && s.f.Owner != s.caller && s.ix.listed(s.f, s.caller)
	}
	return false
}

func (s fileSubject) qIn(coll, v string) bool {
	if v == "me" {
		v = s.caller
	}
	switch coll {
	case "owners":
		return s.f.Drive == "" && s.f.Owner == strings.ToLower(v)
	case "parents":
		if v == "root" {
			v = rootID(s.caller)
		}
		return s.ix.parentID(s.f) == v
	case "writers", "readers":
		need := roleRank["writer"]
		if coll == "readers" {
			need = roleRank["reader"]
		}
		for _, g := range s.ix.grants(s.f) {
			if g.View == "" && (g.Type == "user" || g.Type == "group") && g.Email == strings.ToLower(v) && roleRank[g.Role] >= need {
				return true
			}
		}
	}
	return false
}

// renderOpts say what costly parts of a file resource to compute.
type renderOpts struct {
	permissions bool // inline permissions (My Drive items the caller can share)
	published   bool // include view=published grants
}

// fileJSON renders an item as a Drive v3 file resource, as seen by caller.
func (ix *index) fileJSON(f *File, caller string, o renderOpts) map[string]any {
	eff := ix.grants(f)
	m := map[string]any{
		"kind": "drive#file", "id": f.ID, "name": f.Name, "mimeType": f.MimeType,
		"parents": []any{ix.parentID(f)}, "trashed": f.Trashed, "starred": false,
		"modifiedTime": googleTime(modified(f)), "createdTime": googleTime(modified(f)),
		"webViewLink": webViewLink(f), "shared": len(eff) > 1 || f.Drive != "",
		"spaces": []any{"drive"}, "writersCanShare": true, "viewersCanCopyContent": true,
	}
	if f.MimeType == mimeFolder {
		m["inheritedPermissionsDisabled"] = f.InheritedPermissionsDisabled
	}
	if f.Drive != "" {
		m["driveId"] = f.Drive
		m["teamDriveId"] = f.Drive
		m["hasAugmentedPermissions"] = len(f.Permissions) > 0
		return m
	}
	owner := map[string]any{"kind": "drive#user", "emailAddress": f.Owner, "me": f.Owner == caller,
		"permissionId": permissionID(Permission{Type: "user", Email: f.Owner})}
	if u := ix.users[f.Owner]; u != nil && u.Name != "" {
		owner["displayName"] = u.Name
	}
	m["owners"] = []any{owner}
	m["ownedByMe"] = f.Owner == caller
	if o.permissions && ix.role(f, caller) >= roleRank["writer"] {
		perms := []any{}
		for _, g := range eff {
			if g.View != "published" || o.published {
				perms = append(perms, ix.permissionJSON(g))
			}
		}
		m["permissions"] = perms
	}
	return m
}

// webViewLink is the item's link in Google's style.
func webViewLink(f *File) string {
	pre, post := webViewLinkParts(f)
	return pre + f.ID + post
}

// webViewLinkParts is what goes before and after the ID in webViewLink.
func webViewLinkParts(f *File) (pre, post string) {
	switch f.MimeType {
	case mimeFolder:
		return "https://drive.google.com/drive/folders/", ""
	case mimeForm:
		return "https://docs.google.com/forms/d/", "/edit?usp=drivesdk"
	case "application/vnd.google-apps.spreadsheet":
		return "https://docs.google.com/spreadsheets/d/", "/edit?usp=drivesdk"
	case "application/vnd.google-apps.document":
		return "https://docs.google.com/document/d/", "/edit?usp=drivesdk"
	}
	return "https://drive.google.com/file/d/", "/view?usp=drivesdk"
}

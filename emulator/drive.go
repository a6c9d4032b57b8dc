package emulator

import (
	"cmp"
	"slices"
	"strings"
)

// driveAPIs are the Drive v3 methods, keyed by mux pattern.
func (s *Server) driveAPIs() map[string]api {
	const p = "/drive/v3/"
	return map[string]api{
		"GET " + p + "files": {name: "drive.files.list", defFields: "kind,nextPageToken,incompleteSearch,files(kind,id,name,mimeType)", h: s.filesList},
		"GET " + p + "files/{fileId}": {name: "drive.files.get",
			defFields: "kind,id,name,mimeType", h: s.filesGet},
		"GET " + p + "files/{fileId}/permissions": {name: "drive.permissions.list",
			defFields: "kind,nextPageToken,permissions(kind,id,type,role)", h: s.permissionsList},
		"GET " + p + "drives": {name: "drive.drives.list",
			defFields: "kind,nextPageToken,drives(kind,id,name)", h: s.drivesList},
		"GET " + p + "drives/{driveId}": {name: "drive.drives.get",
			defFields: "kind,id,name", h: s.drivesGet},
		"POST " + p + "files/{fileId}/permissions": {name: "drive.permissions.create", write: true,
			defFields: "kind,id,type,role", h: s.permissionsCreate},
		"PATCH " + p + "files/{fileId}/permissions/{permissionId}": {name: "drive.permissions.update", write: true,
			defFields: "kind,id,type,role", h: s.permissionsUpdate},
		"DELETE " + p + "files/{fileId}/permissions/{permissionId}": {name: "drive.permissions.delete", write: true, h: s.permissionsDelete},
		"GET " + p + "about":                  {name: "drive.about.get", h: s.aboutGet},
		"GET " + p + "changes/startPageToken": {name: "drive.changes.getStartPageToken", h: s.changesStart},
		"GET " + p + "changes": {name: "drive.changes.list",
			defFields: "kind,nextPageToken,newStartPageToken,changes(kind,changeType,time,removed,fileId,driveId,file(kind,id,name,mimeType))", h: s.changesList},
	}
}

// filesList is files.list.
func (s *Server) filesList(c *call) (map[string]any, *apiError) {
	allDrives, e := c.flag("includeItemsFromAllDrives")
	if e != nil {
		return nil, e
	}
	published, e := c.viewParam()
	if e != nil {
		return nil, e
	}
	keep, e := c.corpus(allDrives)
	if e != nil {
		return nil, e
	}
	if sp := c.q.Get("spaces"); sp != "" && sp != "drive" {
		if !slices.Contains([]string{"appDataFolder", "photos"}, sp) {
			return nil, errInvalidValue("spaces")
		}
		keep = func(*File) bool { return false }
	}
	pred := predicate(func(qSubject) bool { return true })
	if q := c.q.Get("q"); q != "" {
		var err error
		if pred, err = compileQuery(q, fileQuery); err != nil {
			return nil, errInvalidValue("q")
		}
	}
	var items []*File
	subject := &fileSubject{ix: c.ix, caller: c.user.Email}
	c.candidates(func(f *File) {
		if subject.f = f; keep(f) && pred(subject) {
			items = append(items, f)
		}
	})
	if e := sortFiles(items, c.q.Get("orderBy")); e != nil {
		return nil, e
	}
	pg, e := c.page(len(items), 100)
	if e != nil {
		return nil, e
	}
	o := renderOpts{permissions: c.wants("files", "permissions"), published: published}
	// {"files":[…],"incompleteSearch":false,"kind":"drive#fileList","nextPageToken":…}
	top := c.selection()
	b := append(getBuf(), '{')
	if ok, sub := pick(top, "files"); ok {
		sel := compileFileSel(sub)
		b = appendKey(b, "files")
		b = append(b, '[')
		for i, f := range items[pg.start:pg.end] {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.ix.appendFile(b, f, c.user.Email, o, &sel)
		}
		b = append(b, ']')
	}
	if ok, _ := pick(top, "incompleteSearch"); ok {
		b = appendKey(b, "incompleteSearch")
		b = append(b, "false"...)
	}
	if ok, _ := pick(top, "kind"); ok {
		b = appendKey(b, "kind")
		b = append(b, `"drive#fileList"`...)
	}
	if ok, _ := pick(top, "nextPageToken"); ok && pg.next != "" {
		b = appendKey(b, "nextPageToken")
		b = appendString(b, pg.next)
	}
	c.raw = append(b, '}')
	return nil, nil
}

// viewParam reads includePermissionsForView (only "published" exists).
func (c *call) viewParam() (bool, *apiError) {
	switch c.q.Get("includePermissionsForView") {
	case "":
		return false, nil
	case "published":
		return true, nil
	}
	return false, errInvalidValue("includePermissionsForView")
}

// corpus turns corpora/driveId into a filter of the items the caller lists.
func (c *call) corpus(allDrives bool) (func(*File) bool, *apiError) {
	me := c.user.Email
	corpora, driveID := c.q.Get("corpora"), c.q.Get("driveId")
	if corpora == "" {
		corpora = "user"
	}
	if (corpora == "drive") != (driveID != "") {
		return nil, errBadRequest("invalid", "The driveId parameter must be specified if and only if corpora is set to drive.", "driveId")
	}
	mine := func(f *File) bool { return f.Drive == "" && c.ix.listed(f, me) }
	shared := func(f *File) bool {
		if f.Drive == "" {
			return false
		}
		d := c.ix.drives[f.Drive]
		return c.ix.driveRole(d, me) > 0 || c.ix.listed(f, me)
	}
	switch corpora {
	case "user", "domain":
		if allDrives {
			return func(f *File) bool { return mine(f) || shared(f) }, nil
		}
		return mine, nil
	case "allDrives":
		if !allDrives {
			return nil, errBadRequest("invalid", "The includeItemsFromAllDrives parameter must be set to true when corpora is allDrives.", "includeItemsFromAllDrives")
		}
		return func(f *File) bool { return mine(f) || shared(f) }, nil
	case "drive":
		if !allDrives {
			return nil, errBadRequest("invalid", "The includeItemsFromAllDrives parameter must be set to true when corpora is drive.", "includeItemsFromAllDrives")
		}
		d := c.ix.drives[driveID]
		if d == nil || c.ix.driveRole(d, me) == 0 {
			return nil, errNotFound("Shared drive not found: "+driveID, "driveId")
		}
		return func(f *File) bool { return f.Drive == driveID }, nil
	}
	return nil, errInvalidValue("corpora")
}

// sortFiles applies orderBy ("folder,name desc,modifiedTime"…); unknown
// but documented keys keep the tenant order.
func sortFiles(items []*File, orderBy string) *apiError {
	if orderBy == "" {
		return nil
	}
	type key struct {
		name string
		desc bool
	}
	var keys []key
	for _, part := range strings.Split(orderBy, ",") {
		fs := strings.Fields(part)
		if len(fs) == 0 || len(fs) > 2 || (len(fs) == 2 && fs[1] != "desc" && fs[1] != "asc") {
			return errInvalidValue("orderBy")
		}
		if !slices.Contains([]string{"createdTime", "folder", "modifiedByMeTime", "modifiedTime", "name", "name_natural",
			"quotaBytesUsed", "recency", "sharedWithMeTime", "starred", "viewedByMeTime"}, fs[0]) {
			return errInvalidValue("orderBy")
		}
		keys = append(keys, key{fs[0], len(fs) == 2 && fs[1] == "desc"})
	}
	slices.SortStableFunc(items, func(a, b *File) int {
		for _, k := range keys {
			r := 0
			switch k.name {
			case "folder":
				r = cmp.Compare(b2i(b.MimeType == mimeFolder), b2i(a.MimeType == mimeFolder))
			case "name", "name_natural":
				r = cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
			case "modifiedTime", "createdTime", "recency", "modifiedByMeTime":
				r = modified(a).Compare(modified(b))
			}
			if k.desc {
				r = -r
			}
			if r != 0 {
				return r
			}
		}
		return 0
	})
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// filesGet is files.get.
func (s *Server) filesGet(c *call) (map[string]any, *apiError) {
	id := c.r.PathValue("fileId")
	allDrives, e := c.flag("supportsAllDrives")
	if e != nil {
		return nil, e
	}
	published, e := c.viewParam()
	if e != nil {
		return nil, e
	}
	if id == "root" || id == rootID(c.user.Email) {
		return map[string]any{"kind": "drive#file", "id": rootID(c.user.Email), "name": "My Drive", "mimeType": mimeFolder,
			"trashed": false, "ownedByMe": true}, nil
	}
	f := c.ix.files[id]
	if f == nil || (f.Drive != "" && !allDrives) || c.ix.role(f, c.user.Email) == 0 {
		return nil, errFileNotFound(id)
	}
	return c.ix.fileJSON(f, c.user.Email, renderOpts{permissions: c.wants("permissions"), published: published}), nil
}

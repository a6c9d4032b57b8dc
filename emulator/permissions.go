package emulator

// permissionsList is permissions.list, on an item or on a shared drive.
func (s *Server) permissionsList(c *call) (map[string]any, *apiError) {
	id := c.r.PathValue("fileId")
	allDrives, e := c.flag("supportsAllDrives")
	if e != nil {
		return nil, e
	}
	adminAccess, e := c.flag("useDomainAdminAccess")
	if e != nil {
		return nil, e
	}
	published, e := c.viewParam()
	if e != nil {
		return nil, e
	}
	if adminAccess && !c.user.Admin {
		return nil, errNotAdmin()
	}
	me := c.user.Email
	var grants []grant
	if d := c.ix.drives[id]; d != nil {
		if !allDrives || (!adminAccess && c.ix.driveRole(d, me) == 0) {
			return nil, errFileNotFound(id)
		}
		for _, m := range d.Members {
			grants = append(grants, grant{Permission: m, details: []detail{{permissionType: "member", role: m.Role}}})
		}
	} else {
		f := c.ix.files[id]
		if f == nil || (f.Drive != "" && !allDrives) || (!adminAccess && c.ix.role(f, me) == 0) {
			return nil, errFileNotFound(id)
		}
		// A shared drive's reader or commenter may not list an item's
		// permissions: Drive answers 403 (useDomainAdminAccess does not
		// help, it only reaches the drive itself).
		if f.Drive != "" && c.ix.role(f, me) < roleRank["writer"] {
			return nil, errForbidden("insufficientFilePermissions", "The user does not have sufficient permissions for this file.")
		}
		for _, g := range c.ix.grants(f) {
			if g.View != "published" || published {
				grants = append(grants, g)
			}
		}
	}
	pg, e := c.page(len(grants), 100)
	if e != nil {
		return nil, e
	}
	// {"kind":"drive#permissionList","nextPageToken":…,"permissions":[…]}
	top := c.selection()
	b := append(getBuf(), '{')
	if ok, _ := pick(top, "kind"); ok {
		b = appendKey(b, "kind")
		b = append(b, `"drive#permissionList"`...)
	}
	if ok, _ := pick(top, "nextPageToken"); ok && pg.next != "" {
		b = appendKey(b, "nextPageToken")
		b = appendString(b, pg.next)
	}
	if ok, sub := pick(top, "permissions"); ok {
		sel := compilePermSel(sub)
		b = appendKey(b, "permissions")
		b = append(b, '[')
		for i := range grants[pg.start:pg.end] {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.ix.appendPermission(b, &grants[pg.start+i], sel)
		}
		b = append(b, ']')
	}
	c.raw = append(b, '}')
	return nil, nil
}

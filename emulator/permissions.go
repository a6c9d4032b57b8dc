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
		for _, g := range c.ix.effective(f) {
			if g.View == "" || published {
				grants = append(grants, g)
			}
		}
	}
	pg, e := c.page(len(grants), "pageSize", 100, 100)
	if e != nil {
		return nil, e
	}
	perms := make([]any, 0, pg.end-pg.start)
	for _, g := range grants[pg.start:pg.end] {
		perms = append(perms, c.ix.permissionJSON(g))
	}
	out := map[string]any{"kind": "drive#permissionList", "permissions": perms}
	if pg.next != "" {
		out["nextPageToken"] = pg.next
	}
	return out, nil
}

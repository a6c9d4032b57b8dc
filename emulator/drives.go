package emulator

// driveQuery is the schema of drives.list `q`.
var driveQuery = map[string]fieldKind{"name": kString, "hidden": kBool, "createdTime": kTime}

type driveSubject struct{ d *SharedDrive }

func (s driveSubject) qString(field string) string {
	if field == "name" {
		return s.d.Name
	}
	if field == "createdTime" {
		return googleTime(defaultModified)
	}
	return ""
}
func (driveSubject) qBool(string) bool       { return false }
func (driveSubject) qIn(string, string) bool { return false }

func driveJSON(d *SharedDrive) map[string]any {
	return map[string]any{"kind": "drive#drive", "id": d.ID, "name": d.Name, "hidden": false,
		"createdTime": googleTime(defaultModified)}
}

// drivesList is drives.list: the caller's drives, or every drive for an
// admin with useDomainAdminAccess=true.
func (s *Server) drivesList(c *call) (map[string]any, *apiError) {
	adminAccess, e := c.flag("useDomainAdminAccess")
	if e != nil {
		return nil, e
	}
	if adminAccess && !c.user.Admin {
		return nil, errNotAdmin()
	}
	pred := predicate(func(qSubject) bool { return true })
	if q := c.q.Get("q"); q != "" {
		var err error
		if pred, err = compileQuery(q, driveQuery); err != nil {
			return nil, errInvalidValue("q")
		}
	}
	var ds []*SharedDrive
	for i := range c.ix.t.SharedDrives {
		d := &c.ix.t.SharedDrives[i]
		if (adminAccess || c.ix.driveRole(d, c.user.Email) > 0) && pred(driveSubject{d}) {
			ds = append(ds, d)
		}
	}
	pg, e := c.page(len(ds), 10)
	if e != nil {
		return nil, e
	}
	items := make([]any, 0, pg.end-pg.start)
	for _, d := range ds[pg.start:pg.end] {
		items = append(items, driveJSON(d))
	}
	out := map[string]any{"kind": "drive#driveList", "drives": items}
	if pg.next != "" {
		out["nextPageToken"] = pg.next
	}
	return out, nil
}

// drivesGet is drives.get.
func (s *Server) drivesGet(c *call) (map[string]any, *apiError) {
	id := c.r.PathValue("driveId")
	adminAccess, e := c.flag("useDomainAdminAccess")
	if e != nil {
		return nil, e
	}
	d := c.ix.drives[id]
	if d == nil || !((adminAccess && c.user.Admin) || c.ix.driveRole(d, c.user.Email) > 0) {
		return nil, errNotFound("Shared drive not found: "+id, "driveId")
	}
	return driveJSON(d), nil
}

// aboutGet is about.get; like Drive, it requires `fields`.
func (s *Server) aboutGet(c *call) (map[string]any, *apiError) {
	if c.fields == nil {
		return nil, errBadRequest("required", "The 'fields' parameter is required for this method.", "fields")
	}
	u := c.user
	return map[string]any{"kind": "drive#about", "user": map[string]any{
		"kind": "drive#user", "displayName": u.Name, "emailAddress": u.Email, "me": true,
		"permissionId": permissionID(Permission{Type: "user", Email: u.Email}),
	}}, nil
}

package emulator

import (
	"slices"
	"strconv"
	"time"
)

// Write is one permission change the emulator applied (permissions.create,
// update or delete on a tenant item or shared drive), in order. Tests use
// Writes to assert that nothing but the planned grants changed.
type Write struct {
	Method string // "drive.permissions.delete", ".create", ".update"
	FileID string // item or shared drive
	Actor  string // the caller
	// Before is the grant before the change (delete, update); After the
	// grant after it (create, update).
	Before *Permission
	After  *Permission
	// Notified is true when a create would have e-mailed its user or
	// group (sendNotificationEmail not false).
	Notified bool
}

// Writes returns the permission changes applied so far.
func (s *Server) Writes() []Write {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.writes)
}

// commitWrite re-indexes the tenant after a write handler changed it (the
// whole index: writes are for tests, not a million-item benchmark) and
// records the change for changes.list and Writes. A shared drive's
// membership is no file change (Drive reports it as a change of type
// "drive", which the emulator does not serve). The caller holds s.mu.
func (s *Server) commitWrite(w Write, driveID string) {
	s.ix = newIndex(s.ix.t)
	s.writes = append(s.writes, w)
	if w.FileID == driveID && s.ix.drives[driveID] != nil {
		return
	}
	s.changes = append(s.changes, change{seq: s.nextSeq, fileID: w.FileID, drive: driveID, time: time.Now()})
	s.nextSeq++
}

// writeTarget is the item or shared drive a permission write addresses,
// after Drive's access rules for changing its sharing.
type writeTarget struct {
	file  *File
	drive *SharedDrive
}

// shareTarget finds what c may change the sharing of. Like Drive: an item
// the caller cannot see is 404; in My Drive its owner and writers may
// share (writersCanShare is Drive's default); in a shared drive a file
// needs a contributor (writer) and a folder a content manager
// (fileOrganizer); a shared drive's members are changed by its managers
// or, with useDomainAdminAccess, by an admin.
func (c *call) shareTarget() (writeTarget, *apiError) {
	id := c.r.PathValue("fileId")
	allDrives, e := c.flag("supportsAllDrives")
	if e != nil {
		return writeTarget{}, e
	}
	adminAccess, e := c.flag("useDomainAdminAccess")
	if e != nil {
		return writeTarget{}, e
	}
	if adminAccess && !c.user.Admin {
		return writeTarget{}, errNotAdmin()
	}
	me := c.user.Email
	if d := c.ix.drives[id]; d != nil {
		role := c.ix.driveRole(d, me)
		if !allDrives || (!adminAccess && role == 0) {
			return writeTarget{}, errFileNotFound(id)
		}
		if !adminAccess && role < roleRank["organizer"] {
			return writeTarget{}, errInsufficientFilePermissions()
		}
		return writeTarget{drive: d}, nil
	}
	f := c.ix.files[id]
	if f == nil || (f.Drive != "" && !allDrives) {
		return writeTarget{}, errFileNotFound(id)
	}
	role := c.ix.role(f, me)
	need := roleRank["writer"]
	if f.Drive != "" && f.Kind == "folder" {
		need = roleRank["fileOrganizer"]
	}
	switch {
	case role == 0:
		return writeTarget{}, errFileNotFound(id)
	case role < need:
		return writeTarget{}, errInsufficientFilePermissions()
	}
	return writeTarget{file: f}, nil
}

func errInsufficientFilePermissions() *apiError {
	return errForbidden("insufficientFilePermissions", "The user does not have sufficient permissions for this file.")
}

// errCannotDelete is Drive's refusal to remove a grant the item only
// inherits (from a folder or the shared drive) or its owner's. The
// reason and message are those Drive is reported to answer with
// (inferred: Google's reference does not list them).
func errCannotDelete() *apiError {
	return errForbidden("cannotDeletePermission", "The authenticated user cannot delete the permission.")
}

func errPermissionNotFound(id string) *apiError {
	return errNotFound("Permission not found: "+id+".", "permissionId")
}

// permissionsDelete is permissions.delete.
func (s *Server) permissionsDelete(c *call) (map[string]any, *apiError) {
	t, e := c.shareTarget()
	if e != nil {
		return nil, e
	}
	pid := c.r.PathValue("permissionId")
	if t.drive != nil {
		i := slices.IndexFunc(t.drive.Members, func(m Permission) bool { return c.ix.permID(m) == pid })
		if i < 0 {
			return nil, errPermissionNotFound(pid)
		}
		before := t.drive.Members[i]
		t.drive.Members = slices.Delete(t.drive.Members, i, i+1)
		s.commitWrite(Write{Method: c.name, FileID: t.drive.ID, Actor: c.user.Email, Before: &before}, t.drive.ID)
		c.noContent = true
		return nil, nil
	}
	f := t.file
	eff := c.ix.grants(f)
	gi := slices.IndexFunc(eff, func(g grant) bool { return c.ix.permID(g.Permission) == pid })
	if gi < 0 {
		return nil, errPermissionNotFound(pid)
	}
	key := principalKey(eff[gi].Permission)
	i := slices.IndexFunc(f.Permissions, func(p Permission) bool { return principalKey(p) == key })
	if i < 0 || eff[gi].Role == "owner" {
		// Only inherited here, or the owner: Drive changes it where it
		// comes from, never on the child.
		return nil, errCannotDelete()
	}
	before := f.Permissions[i]
	f.Permissions = slices.Delete(f.Permissions, i, i+1)
	s.commitWrite(Write{Method: c.name, FileID: f.ID, Actor: c.user.Email, Before: &before}, f.Drive)
	c.noContent = true
	return nil, nil
}

// permissionFromBody reads a permission resource from a create or update
// request, refusing what Drive refuses.
func permissionFromBody(req map[string]any, onDrive bool) (Permission, *apiError) {
	p := Permission{Type: jsonStr(req["type"]), Role: jsonStr(req["role"]), Email: jsonStr(req["emailAddress"]),
		Domain: jsonStr(req["domain"]), Expiration: jsonStr(req["expirationTime"])}
	if v, ok := req["allowFileDiscovery"].(bool); ok {
		p.Discoverable = v
	}
	roles := []string{"reader", "commenter", "writer", "fileOrganizer"}
	if onDrive {
		roles = append(roles, "organizer")
	}
	switch {
	case p.Type == "":
		return p, errBadRequest("required", "Permission type field required", "permission.type")
	case p.Role == "":
		return p, errBadRequest("required", "Permission role field required", "permission.role")
	case p.Role == "owner":
		return p, errForbidden("forbidden", "The transferOwnership parameter must be enabled when the permission role is 'owner'.")
	case !slices.Contains(roles, p.Role):
		return p, errBadRequest("invalid", "Invalid permission role "+strconv.Quote(p.Role)+".", "permission.role")
	case p.Expiration != "" && p.Type != "user" && p.Type != "group":
		return p, errBadRequest("invalid", "Expiration dates can only be set on user and group permissions.", "permission.expirationTime")
	}
	if p.Expiration != "" {
		if _, err := time.Parse(time.RFC3339, p.Expiration); err != nil {
			return p, errBadRequest("invalid", "Invalid value for expirationTime.", "permission.expirationTime")
		}
	}
	if err := p.normalize(); err != nil {
		return p, errBadRequest("invalid", "Invalid permission value.", "permission.value")
	}
	if p.Type != "anyone" && p.Type != "domain" {
		p.Discoverable = false
	}
	return p, nil
}

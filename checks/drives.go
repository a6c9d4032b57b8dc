package checks

import (
	"slices"

	"github.com/gwsaudit/gwsaudit/model"
)

// Drive returns the name of the shared drive with the given ID and its
// managers: the addresses of its members (users and groups) with the
// organizer role, sorted. Both are empty when the drive was not seen.
func (t *Tree) Drive(id string) (name string, managers []string) {
	d := t.Folder(id)
	if id == "" || d == nil || d.Kind != model.KindSharedDrive {
		return "", nil
	}
	for _, p := range d.Permissions {
		if p.Role == RoleOrganizer && !p.Deleted && p.View == "" && p.Email != "" &&
			(p.Type == model.TypeUser || p.Type == model.TypeGroup) && !slices.Contains(managers, p.Email) {
			managers = append(managers, p.Email)
		}
	}
	slices.Sort(managers)
	return d.Name, managers
}

// fillDrive names the shared drive a finding's resource is on, and its
// managers, who answer for its items in place of an owner.
func fillDrive(t *Tree, r *model.Resource) {
	if r.DriveID == "" {
		return
	}
	name, managers := t.Drive(r.DriveID)
	if name != "" {
		r.DriveName = name
	}
	if len(managers) > 0 {
		r.DriveManagers = managers
	}
}

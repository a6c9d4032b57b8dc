package auditor

import (
	"strings"
	"time"

	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/model"
)

// Fields asked of Drive: exactly what the checks need, nothing more.
const (
	permissionFields = "id,type,role,emailAddress,domain,allowFileDiscovery,view,deleted"
	itemFields       = "id,name,mimeType,parents,owners(emailAddress),webViewLink,modifiedTime,inheritedPermissionsDisabled"
	// My Drive items carry their permissions inline.
	myDriveListFields = "nextPageToken,files(" + itemFields + ",permissions(" + permissionFields + "))"
	// Shared-drive items never carry inline permissions; hasAugmentedPermissions
	// says which ones have grants of their own.
	sharedDriveListFields = "nextPageToken,files(" + itemFields + ",driveId,hasAugmentedPermissions)"
	permissionListFields  = "nextPageToken,permissions(" + permissionFields + ",permissionDetails(inherited,inheritedFrom))"
)

// DriveFields are the field masks an audit sends with its Drive listings,
// for benchmarks of a Workspace emulator to measure exactly the audit's
// requests.
var DriveFields = struct{ MyDriveList, SharedDriveList, PermissionList string }{
	myDriveListFields, sharedDriveListFields, permissionListFields}

// toItem converts a Drive file to the checks' inventory item.
func toItem(f *drive.File) *model.Item {
	it := &model.Item{
		ID:                           f.Id,
		Name:                         f.Name,
		MimeType:                     f.MimeType,
		Kind:                         model.KindOf(f.MimeType),
		URL:                          f.WebViewLink,
		DriveID:                      f.DriveId,
		Parents:                      f.Parents,
		InheritedPermissionsDisabled: f.InheritedPermissionsDisabled,
	}
	if len(f.Owners) > 0 {
		it.Owner = strings.ToLower(f.Owners[0].EmailAddress)
	}
	if t, err := time.Parse(time.RFC3339, f.ModifiedTime); err == nil {
		it.ModifiedTime = t
	}
	if f.Permissions != nil {
		it.Permissions = toPermissions(f.Permissions)
	}
	return it
}

// toPermissions converts Drive permissions. A grant counts as inherited only
// when every detail Drive gives says so.
func toPermissions(ps []*drive.Permission) []model.Permission {
	out := make([]model.Permission, 0, len(ps))
	for _, p := range ps {
		cp := model.Permission{
			ID:                 p.Id,
			Type:               p.Type,
			Role:               p.Role,
			Email:              strings.ToLower(p.EmailAddress),
			Domain:             strings.ToLower(p.Domain),
			AllowFileDiscovery: p.AllowFileDiscovery,
			View:               p.View,
			Deleted:            p.Deleted,
		}
		if len(p.PermissionDetails) > 0 {
			cp.Inherited = true
			for _, d := range p.PermissionDetails {
				if !d.Inherited {
					cp.Inherited = false
				} else if cp.InheritedFrom == "" {
					cp.InheritedFrom = d.InheritedFrom
				}
			}
			if !cp.Inherited {
				cp.InheritedFrom = ""
			}
		}
		out = append(out, cp)
	}
	return out
}

package auditor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	directory "google.golang.org/api/admin/directory/v1"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/remediate"
)

// PrimaryDomain implements remediate.Drive (Directory domains.list as the
// admin, with the audit's read-only domain scope in a token of its own).
func (f *Fixer) PrimaryDomain(ctx context.Context) (string, error) {
	hc, err := f.a.scopedClient(ctx, f.a.opts.Admin, []string{scopeDomainsRead})
	if err != nil {
		return "", err
	}
	dir, err := directory.NewService(ctx, append(f.a.endpoint("/"), option.WithHTTPClient(hc))...)
	if err != nil {
		return "", fmt.Errorf("directory client: %w", err)
	}
	var doms *directory.Domains2
	err = f.a.call(ctx, apiDirectory, "directory.domains.list", func() error {
		var err error
		doms, err = dir.Domains.List("my_customer").Context(ctx).Do()
		return err
	})
	if err != nil {
		return "", f.explain(err, "list the tenant's domains", f.a.opts.Admin)
	}
	for _, d := range doms.Domains {
		if d.IsPrimary {
			return strings.ToLower(d.DomainName), nil
		}
	}
	return "", errors.New("the Directory names no primary domain")
}

// Manager implements remediate.Drive: the shared drive's active user
// member with the highest role, organizer or fileOrganizer.
func (f *Fixer) Manager(ctx context.Context, driveID string) (string, error) {
	members, err := f.Grants(ctx, remediate.Target{ItemID: driveID, Actor: f.a.opts.Admin, AdminAccess: true})
	if err != nil {
		return "", err
	}
	best, bestRank := "", roleRank["fileOrganizer"]-1
	for _, m := range members {
		if m.Type != model.TypeUser || m.Deleted {
			continue
		}
		if r := roleRank[m.Role]; r > bestRank || r == bestRank && m.Email < best {
			best, bestRank = m.Email, r
		}
	}
	if best == "" {
		return "", fmt.Errorf("shared drive %s has no user member who is a Manager or Content manager: add one (Admin console → Apps → Google Workspace → Drive and Docs → Manage shared drives) and rerun", driveID)
	}
	return best, nil
}

// fixPermissionFields are the fields of a grant apply compares and the
// journal records.
const fixPermissionFields = "id,type,role,emailAddress,domain,allowFileDiscovery,expirationTime,view,deleted,permissionDetails(inherited,inheritedFrom)"

// Grants implements remediate.Drive.
func (f *Fixer) Grants(ctx context.Context, t remediate.Target) ([]model.Permission, error) {
	svc, err := f.driveAs(ctx, t.Actor)
	if err != nil {
		return nil, err
	}
	var out []model.Permission
	token := ""
	for {
		var page *drive.PermissionList
		err := f.call(ctx, "drive.permissions.list", t.Actor, func() error {
			call := svc.Permissions.List(t.ItemID).SupportsAllDrives(true).PageSize(100).PageToken(token).
				Fields(googleapi.Field("nextPageToken,permissions(" + fixPermissionFields + ")")).Context(ctx)
			if t.AdminAccess {
				call = call.UseDomainAdminAccess(true)
			}
			var err error
			page, err = call.Do()
			return err
		})
		if err != nil {
			return nil, err
		}
		for i, p := range toPermissions(page.Permissions) {
			p.ExpirationTime = page.Permissions[i].ExpirationTime
			out = append(out, p)
		}
		if token = page.NextPageToken; token == "" {
			return out, nil
		}
	}
}

// Delete implements remediate.Drive. A retry that finds the permission
// already gone (its first try removed it, but the answer was lost) counts
// as done.
func (f *Fixer) Delete(ctx context.Context, t remediate.Target, permissionID string) error {
	svc, err := f.driveAs(ctx, t.Actor)
	if err != nil {
		return err
	}
	tries := 0
	err = f.call(ctx, "drive.permissions.delete", t.Actor, func() error {
		tries++
		call := svc.Permissions.Delete(t.ItemID, permissionID).SupportsAllDrives(true).Context(ctx)
		if t.AdminAccess {
			call = call.UseDomainAdminAccess(true)
		}
		err := call.Do()
		if tries > 1 && isNotFound(err) {
			return nil
		}
		return err
	})
	if hasReason(err, http.StatusForbidden, "cannotDeletePermission") {
		return fmt.Errorf("%w: %w", remediate.ErrInheritedGrant, err)
	}
	return err
}

// Create implements remediate.Drive: no notification e-mail for a user or
// group (Drive refuses sendNotificationEmail for other types).
func (f *Fixer) Create(ctx context.Context, t remediate.Target, p model.Permission) (model.Permission, error) {
	svc, err := f.driveAs(ctx, t.Actor)
	if err != nil {
		return model.Permission{}, err
	}
	body := &drive.Permission{Type: p.Type, Role: p.Role, EmailAddress: p.Email, Domain: p.Domain,
		AllowFileDiscovery: p.AllowFileDiscovery, ExpirationTime: p.ExpirationTime}
	var made *drive.Permission
	err = f.call(ctx, "drive.permissions.create", t.Actor, func() error {
		call := svc.Permissions.Create(t.ItemID, body).SupportsAllDrives(true).
			Fields(googleapi.Field(fixPermissionFields)).Context(ctx)
		if p.Type == model.TypeUser || p.Type == model.TypeGroup {
			call = call.SendNotificationEmail(false)
		}
		if t.AdminAccess {
			call = call.UseDomainAdminAccess(true)
		}
		var err error
		made, err = call.Do()
		return err
	})
	if err != nil {
		return model.Permission{}, err
	}
	out := toPermissions([]*drive.Permission{made})[0]
	out.ExpirationTime = made.ExpirationTime
	return out, nil
}

// isNotFound reports a 404 from Google.
func isNotFound(err error) bool {
	var gerr *googleapi.Error
	return errors.As(err, &gerr) && gerr.Code == http.StatusNotFound
}

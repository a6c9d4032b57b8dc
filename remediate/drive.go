package remediate

import (
	"context"

	"github.com/gwsaudit/gwsaudit/model"
)

// Target says where and as whom a grant is changed.
type Target struct {
	ItemID string
	// Actor is the user the change is made as: the item's owner in My
	// Drive, a manager of the shared drive, or the admin for a drive's
	// members.
	Actor string
	// AdminAccess sends useDomainAdminAccess (a shared drive's members,
	// changed by a domain administrator).
	AdminAccess bool
}

// Drive is what fix apply and undo need of Google Drive. auditor.Fixer
// implements it with the Drive API, rate limits and retries.
type Drive interface {
	// PrimaryDomain is the tenant's primary domain.
	PrimaryDomain(ctx context.Context) (string, error)
	// Manager returns a user who may change permissions in a shared drive.
	Manager(ctx context.Context, driveID string) (string, error)
	// Grants lists the item's permissions as Drive reports them now.
	Grants(ctx context.Context, t Target) ([]model.Permission, error)
	// Delete removes one permission by ID.
	Delete(ctx context.Context, t Target, permissionID string) error
	// Create adds a permission without notifying anyone (where Drive
	// allows it) and returns it as Drive made it.
	Create(ctx context.Context, t Target, p model.Permission) (model.Permission, error)
}

package remediate

import (
	"context"
	"errors"

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

// ErrInheritedGrant is Delete's answer when Drive refuses to remove a grant
// the item only inherits from a folder above it (or the owner's).
var ErrInheritedGrant = errors.New("drive removes this grant only on the folder it comes from")

// ErrNotDelegated marks a refusal every other action would meet too (the
// credentials lack the fix's scopes): apply and undo stop at it.
var ErrNotDelegated = errors.New("the credentials lack the scopes fix apply and undo need")

// Drive is what fix apply and undo need of Google Drive. auditor.Fixer
// implements it with the Drive API, rate limits and retries.
type Drive interface {
	// PrimaryDomain is the tenant's primary domain.
	PrimaryDomain(ctx context.Context) (string, error)
	// Manager returns a user who may change permissions in a shared drive.
	Manager(ctx context.Context, driveID string) (string, error)
	// Grants lists the item's permissions as Drive reports them now.
	Grants(ctx context.Context, t Target) ([]model.Permission, error)
	// Delete removes one permission by ID (ErrInheritedGrant when Drive
	// says it can only be removed where it comes from).
	Delete(ctx context.Context, t Target, permissionID string) error
	// Create adds a permission without notifying anyone (where Drive
	// allows it) and returns it as Drive made it.
	Create(ctx context.Context, t Target, p model.Permission) (model.Permission, error)
}

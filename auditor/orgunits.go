package auditor

import (
	"context"
	"fmt"
	"strings"
	"sync"

	directory "google.golang.org/api/admin/directory/v1"
	"google.golang.org/api/option"
)

// scopeUsersRead reads users (Directory users.get): the audit's own scope.
const scopeUsersRead = "https://www.googleapis.com/auth/admin.directory.user.readonly"

// OrgUnits looks up users' Directory org units as the admin (users.get),
// once per user, for the copies of owner notices.
type OrgUnits struct {
	dir   *directory.Service
	a     *auditor
	mu    sync.Mutex
	cache map[string]string
}

// NewOrgUnits builds a Directory client acting as admin with the audit's
// user-read scope only.
func NewOrgUnits(ctx context.Context, opts ExportOptions, admin string) (*OrgUnits, error) {
	admin = strings.ToLower(strings.TrimSpace(admin))
	a, err := newAuditor(Options{Admin: admin, Endpoint: opts.Endpoint, Credentials: opts.Credentials, Transport: opts.Transport,
		Retry: opts.Retry, AttemptTimeout: opts.AttemptTimeout, RateLimits: opts.RateLimits, Log: opts.Log})
	if err != nil {
		return nil, err
	}
	hc, err := a.scopedClient(ctx, admin, []string{scopeUsersRead})
	if err != nil {
		return nil, fmt.Errorf("credentials for the Directory API as %s: %w", admin, err)
	}
	dir, err := directory.NewService(ctx, append(a.endpoint("/"), option.WithHTTPClient(hc))...)
	if err != nil {
		return nil, fmt.Errorf("build the Directory API client: %w", err)
	}
	return &OrgUnits{dir: dir, a: a, cache: map[string]string{}}, nil
}

// Of returns the org unit path of user ("/" for the top).
func (o *OrgUnits) Of(ctx context.Context, user string) (string, error) {
	user = strings.ToLower(user)
	o.mu.Lock()
	ou, ok := o.cache[user]
	o.mu.Unlock()
	if ok {
		return ou, nil
	}
	var u *directory.User
	err := o.a.call(ctx, apiDirectory, "directory.users.get", func() error {
		var err error
		u, err = o.dir.Users.Get(user).Fields("orgUnitPath").Context(ctx).Do()
		return err
	})
	if err != nil {
		return "", explain(err, "read the org unit of "+user, o.a.opts.Admin, o.a.opts.Credentials)
	}
	ou = u.OrgUnitPath
	if ou == "" {
		ou = "/"
	}
	o.mu.Lock()
	o.cache[user] = ou
	o.mu.Unlock()
	return ou, nil
}

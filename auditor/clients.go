package auditor

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
	directory "google.golang.org/api/admin/directory/v1"
	reports "google.golang.org/api/admin/reports/v1"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/forms/v1"
	"google.golang.org/api/option"
)

// adminClients act as the admin subject.
type adminClients struct {
	directory *directory.Service
	reports   *reports.Service
	drive     *drive.Service
	// drives lists shared drives, with a token of its own carrying only
	// ScopeSharedDrivesRead (see tokenScopes).
	drives *drive.Service
	// groups lists group members (its own token, see tokenScopes) for
	// shared drives without a direct user member.
	groups *groupResolver
}

// userClients act as one impersonated user.
type userClients struct {
	subject string
	drive   *drive.Service
	forms   *forms.Service
}

// httpClient returns an HTTP client that authenticates as subject.
func (a *auditor) httpClient(ctx context.Context, subject string) (*http.Client, error) {
	return a.scopedClient(ctx, subject, tokenScopes())
}

// scopedClient returns an HTTP client that authenticates as subject with
// the given scopes. Its token requests go through the audit's transport,
// bounded by the per-attempt timeout (tokenContext); a refused one is
// remembered, not asked again (refusals).
func (a *auditor) scopedClient(ctx context.Context, subject string, scopes []string) (*http.Client, error) {
	ts, err := a.opts.Credentials.TokenSource(tokenContext(ctx, a.transport), subject, scopes)
	if err != nil {
		return nil, err
	}
	ts = a.refusals.wrap(ts, subject, scopes)
	return &http.Client{Transport: &oauth2.Transport{Source: ts, Base: a.transport}}, nil
}

// endpoint returns the client option for an API's root, pointing at the
// emulator when one is configured (docs/EMULATOR.md's endpoint table).
func (a *auditor) endpoint(servicePath string) []option.ClientOption {
	if a.opts.Endpoint == "" {
		return nil
	}
	return []option.ClientOption{option.WithEndpoint(strings.TrimRight(a.opts.Endpoint, "/") + servicePath)}
}

func (a *auditor) newAdminClients(ctx context.Context) (*adminClients, error) {
	hc, err := a.httpClient(ctx, a.opts.Admin)
	if err != nil {
		return nil, err
	}
	base := option.WithHTTPClient(hc)
	dir, err := directory.NewService(ctx, append(a.endpoint("/"), base)...)
	if err != nil {
		return nil, fmt.Errorf("directory client: %w", err)
	}
	rep, err := reports.NewService(ctx, append(a.endpoint("/"), base)...)
	if err != nil {
		return nil, fmt.Errorf("reports client: %w", err)
	}
	drv, err := drive.NewService(ctx, append(a.endpoint("/drive/v3/"), base)...)
	if err != nil {
		return nil, fmt.Errorf("drive client: %w", err)
	}
	sdc, err := a.scopedClient(ctx, a.opts.Admin, []string{ScopeSharedDrivesRead})
	if err != nil {
		return nil, err
	}
	drs, err := drive.NewService(ctx, append(a.endpoint("/drive/v3/"), option.WithHTTPClient(sdc))...)
	if err != nil {
		return nil, fmt.Errorf("drive client for shared drives: %w", err)
	}
	return &adminClients{directory: dir, reports: rep, drive: drv, drives: drs, groups: &groupResolver{}}, nil
}

func (a *auditor) newUserClients(ctx context.Context, subject string) (*userClients, error) {
	hc, err := a.httpClient(ctx, subject)
	if err != nil {
		return nil, err
	}
	base := option.WithHTTPClient(hc)
	drv, err := drive.NewService(ctx, append(a.endpoint("/drive/v3/"), base)...)
	if err != nil {
		return nil, fmt.Errorf("drive client for %s: %w", subject, err)
	}
	frm, err := forms.NewService(ctx, append(a.endpoint("/"), base)...)
	if err != nil {
		return nil, fmt.Errorf("forms client for %s: %w", subject, err)
	}
	return &userClients{subject: subject, drive: drv, forms: frm}, nil
}

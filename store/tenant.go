package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// A store keeps the history of one tenant: new, open and resolved are
// judged against its earlier runs, its incremental inventory is one
// tenant's, and its lock lets one run at a time in. A run of another
// tenant is refused rather than mixed in (it would resolve every finding
// of the first tenant and make them all new again on its next run).

// ErrOtherTenant is matched (errors.Is) by an *OtherTenantError.
var ErrOtherTenant = errors.New("the store holds another tenant's run history")

// OtherTenantError refuses a run of another tenant than the store's.
type OtherTenantError struct {
	Path   string // the store
	Stored string // the store's tenant (primary domain)
	Got    string // the tenant (or the admin's domain) of the refused run
}

func (e *OtherTenantError) Error() string {
	msg := fmt.Sprintf("store %s holds the run history of tenant %s, not of %s: a store keeps one tenant's history "+
		"(new, open and resolved are judged against it); pass --store with a separate file for %s", e.Path, e.Stored, e.Got, e.Got)
	if safeName(e.Got) {
		msg += fmt.Sprintf(", e.g. --store %s", filepath.Join(filepath.Dir(e.Path), e.Got+".db"))
	}
	return msg
}

// Is makes errors.Is(err, ErrOtherTenant) true.
func (e *OtherTenantError) Is(target error) bool { return target == ErrOtherTenant }

// safeName reports whether a domain can be put in a file name as is.
func safeName(s string) bool {
	if s == "" || strings.HasPrefix(s, ".") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// TenantOf is the tenant whose history a store holds: that of its latest
// run (primary domain, and all its domains when recorded). Both are empty
// when no run with a tenant is recorded.
func (s *Store) TenantOf(ctx context.Context) (primary string, domains []string, err error) {
	primary, domains, _, err = s.tenantOf(ctx)
	return primary, domains, err
}

// tenantOf is TenantOf, and whether the run recorded its domains (runs of
// stores older than schema 3 recorded only the primary domain).
func (s *Store) tenantOf(ctx context.Context) (primary string, domains []string, recorded bool, err error) {
	var doms string
	err = s.db.QueryRowContext(ctx, `SELECT tenant, domains FROM runs WHERE tenant <> '' ORDER BY started_at DESC, id DESC LIMIT 1`).Scan(&primary, &doms)
	if err == sql.ErrNoRows {
		return "", nil, false, nil
	}
	if err != nil {
		return "", nil, false, fmt.Errorf("read the store's tenant: %w", err)
	}
	var list []string
	recorded = json.Unmarshal([]byte(doms), &list) == nil && len(list) > 0
	return primary, tenantDomains(primary, doms), recorded, nil
}

// tenantDomains is a run's domains, its primary domain included; runs of
// older stores only recorded the primary domain.
func tenantDomains(primary, doms string) []string {
	var out []string
	_ = json.Unmarshal([]byte(doms), &out) // unreadable: the primary domain alone
	if primary != "" && !slices.Contains(out, primary) {
		out = append(out, primary)
	}
	return out
}

// CheckTenant refuses, with an *OtherTenantError, a run of the tenant
// whose primary domain and further domains are given when the store holds
// another tenant's history: none of the given domains is one of the
// store's tenant. A tenant that gained or renamed a domain still shares
// the others and is accepted. Before an audit, pass the admin's domain
// alone. Nothing is refused when either side is unknown (empty).
func (s *Store) CheckTenant(ctx context.Context, primary string, domains ...string) error {
	given := make([]string, 0, len(domains)+1)
	for _, d := range append([]string{primary}, domains...) {
		if d = strings.ToLower(strings.TrimSpace(d)); d != "" {
			given = append(given, d)
		}
	}
	if len(given) == 0 {
		return nil
	}
	stored, storedDomains, err := s.TenantOf(ctx)
	if err != nil || stored == "" {
		return err
	}
	for _, d := range given {
		if slices.ContainsFunc(storedDomains, func(sd string) bool { return strings.EqualFold(sd, d) }) {
			return nil
		}
	}
	return &OtherTenantError{Path: s.path, Stored: stored, Got: given[0]}
}

// CheckAdmin is CheckTenant before an audit, from the admin's domain alone.
// When the store's latest run did not record its domains (a store written
// before they were kept), only the primary domain is known: an admin of
// one of the tenant's other domains is let through, and the run's own
// domains are checked (CheckTenant) before anything is recorded.
func (s *Store) CheckAdmin(ctx context.Context, domain string) error {
	_, _, recorded, err := s.tenantOf(ctx)
	if err != nil || !recorded {
		return err
	}
	return s.CheckTenant(ctx, domain)
}

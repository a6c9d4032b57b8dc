package auditor

import (
	"context"
	"strings"

	directory "google.golang.org/api/admin/directory/v1"
)

// tenantInfo is what the Directory says about the tenant.
type tenantInfo struct {
	primary   string
	domains   []string
	aliases   []string // domain aliases: addresses there are the tenant's too
	active    []string // users that can be impersonated
	suspended []string
	orgUnits  map[string]string // user → org unit path (the audience policy, the report's 所属)
	names     map[string]string // user → full name (the report's owner name)
}

func (t *tenantInfo) userEmails() []string {
	out := make([]string, 0, len(t.active)+len(t.suspended))
	out = append(out, t.active...)
	return append(out, t.suspended...)
}

// internalDomains are the tenant's domains and their aliases.
func (t *tenantInfo) internalDomains() []string { return unionLower(t.domains, t.aliases) }

func (t *tenantInfo) isActive(email string) bool {
	for _, u := range t.active {
		if u == email {
			return true
		}
	}
	return false
}

// readDirectory lists the tenant's domains and users. Without them nothing
// else can be audited, so its errors end the run.
func (a *auditor) readDirectory(ctx context.Context, admin *adminClients) (*tenantInfo, error) {
	t := &tenantInfo{}
	var doms *directory.Domains2
	err := a.call(ctx, apiDirectory, "directory.domains.list", func() error {
		var err error
		doms, err = admin.directory.Domains.List("my_customer").Context(ctx).Do()
		return err
	})
	if err != nil {
		return nil, explain(err, "list the tenant's domains", a.opts.Admin, a.opts.Credentials)
	}
	for _, d := range doms.Domains {
		name := strings.ToLower(d.DomainName)
		t.domains = append(t.domains, name)
		if d.IsPrimary {
			t.primary = name
		}
		for _, al := range d.DomainAliases {
			t.aliases = append(t.aliases, strings.ToLower(al.DomainAliasName))
		}
	}
	t.aliases = unionLower(t.aliases, a.readDomainAliases(ctx, admin))

	token := ""
	for {
		var page *directory.Users
		err := a.call(ctx, apiDirectory, "directory.users.list", func() error {
			var err error
			page, err = admin.directory.Users.List().Customer("my_customer").MaxResults(500).
				Fields("nextPageToken", "users(primaryEmail,suspended,archived,orgUnitPath,name/fullName)").PageToken(token).Context(ctx).Do()
			return err
		})
		if err != nil {
			return nil, explain(err, "list users", a.opts.Admin, a.opts.Credentials)
		}
		for _, u := range page.Users {
			email := strings.ToLower(u.PrimaryEmail)
			if t.orgUnits == nil {
				t.orgUnits, t.names = map[string]string{}, map[string]string{}
			}
			t.orgUnits[email] = u.OrgUnitPath
			if u.Name != nil && u.Name.FullName != "" {
				t.names[email] = u.Name.FullName
			}
			if u.Suspended || u.Archived {
				t.suspended = append(t.suspended, email)
			} else {
				t.active = append(t.active, email)
			}
		}
		if token = page.NextPageToken; token == "" {
			return t, nil
		}
	}
}

// readDomainAliases lists the tenant's domain aliases (domainAliases.list).
// domains.list carries them too, inside each domain, so a failure here only
// loses what that did not say: it is logged, not a gap.
func (a *auditor) readDomainAliases(ctx context.Context, admin *adminClients) []string {
	var res *directory.DomainAliases
	err := a.call(ctx, apiDirectory, "directory.domainAliases.list", func() error {
		var err error
		res, err = admin.directory.DomainAliases.List("my_customer").Context(ctx).Do()
		return err
	})
	if err != nil {
		a.log.Warn().Err(explain(err, "list the tenant's domain aliases", a.opts.Admin, a.opts.Credentials)).
			Msg("domain aliases not listed: those domains.list names are used")
		return nil
	}
	var out []string
	for _, al := range res.DomainAliases {
		out = append(out, strings.ToLower(al.DomainAliasName))
	}
	return out
}

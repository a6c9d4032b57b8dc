package checks

// outsideCollaborator (SHARE-005) finds user, group and domain grants to a
// domain that is neither internal nor an allowed partner. Medium; high for a
// free-mail domain. A lookalike principal is reported here too, and by SHARE-006.
// Evidence: personal_data, domain, free_mail.
type outsideCollaborator struct{}

func (outsideCollaborator) ID() string                { return "SHARE-005" }
func (outsideCollaborator) DefaultSeverity() Severity { return Medium }

func (c outsideCollaborator) CheckItem(env *Env, it *Item) []Finding {
	var out []Finding
	for _, p := range sharingGrants(it) {
		if !env.IsOutside(p) {
			continue
		}
		d := p.PrincipalDomain()
		sev, free := Medium, env.IsFreeMail(d)
		if free {
			sev = High
		}
		f := grantFinding(c.ID(), sev, it, p, itemPersonalData(env, it))
		f.Evidence[EvDomain] = d
		f.Evidence[EvFreeMail] = free
		out = append(out, f)
	}
	return out
}

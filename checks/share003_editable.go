package checks

// broadEditor (SHARE-003) finds anyone or domain grants with role writer or
// above. On a form this is the admin view with every response. Critical for
// anyone and for any form; high for a domain on other items.
// Evidence: personal_data.
type broadEditor struct{}

func (broadEditor) ID() string                { return "SHARE-003" }
func (broadEditor) DefaultSeverity() Severity { return Critical }

func (c broadEditor) CheckItem(env *Env, it *Item) []Finding {
	var out []Finding
	for _, p := range sharingGrants(it) {
		if (p.Type != TypeAnyone && p.Type != TypeDomain) || RoleRank(p.Role) < RoleRank(RoleWriter) {
			continue
		}
		sev := High
		if p.Type == TypeAnyone || it.Kind == KindForm {
			sev = Critical
		}
		out = append(out, grantFinding(c.ID(), sev, it, p, itemPersonalData(env, it)))
	}
	return out
}

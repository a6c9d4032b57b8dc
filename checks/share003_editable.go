package checks

// broadEditor (SHARE-003) finds anyone or domain grants with role writer or
// above. On a form this is the admin view with every response. Critical for
// anyone and for any form; high for a domain on other items. On a form the
// finding stays its own even when the form inherits the grant
// (RollupGrantExceptForms).
type broadEditor struct{}

var share003 = Descriptor{
	ID: "SHARE-003", Severity: Critical,
	Evidence: []string{EvPersonalData},
	Needs:    NeedsItems, Rollup: RollupGrantExceptForms, EditGrant: true,
}

// Describe implements Check.
func (broadEditor) Describe() Descriptor { return share003 }

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
		out = append(out, grantFinding(share003.ID, sev, it, p, itemPersonalData(env, it)))
	}
	return out
}

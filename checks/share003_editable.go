package checks

// broadEditor (SHARE-003) finds anyone or domain grants with role writer or
// above. On a form this is the admin view with every response. Critical for
// anyone and for any form; high for a domain on other items. On a form the
// finding stays its own even when the form inherits the grant (see
// foldInherited).
// Evidence: personal_data.
type broadEditor struct{}

// broadEditorID is SHARE-003's ID; foldInherited treats it apart on forms.
const broadEditorID = "SHARE-003"

func (broadEditor) ID() string                { return broadEditorID }
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

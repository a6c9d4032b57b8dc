package checks

// publicOnWeb (SHARE-001) finds anyone grants with allowFileDiscovery: the
// item is on the public web and search engines may list it.
// Evidence: personal_data.
type publicOnWeb struct{}

func (publicOnWeb) ID() string                { return "SHARE-001" }
func (publicOnWeb) DefaultSeverity() Severity { return Critical }

func (c publicOnWeb) CheckItem(env *Env, it *Item) []Finding {
	var out []Finding
	for _, p := range sharingGrants(it) {
		if p.Type == TypeAnyone && p.AllowFileDiscovery {
			out = append(out, grantFinding(c.ID(), Critical, it, p, itemPersonalData(env, it)))
		}
	}
	return out
}

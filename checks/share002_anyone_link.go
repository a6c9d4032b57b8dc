package checks

// anyoneWithLink (SHARE-002) finds anyone grants that are not discoverable:
// whoever holds the URL can open the item. High; critical when the name (or a
// form's questions) carries a personal-data signal.
// Evidence: personal_data.
type anyoneWithLink struct{}

func (anyoneWithLink) ID() string                { return "SHARE-002" }
func (anyoneWithLink) DefaultSeverity() Severity { return High }

func (c anyoneWithLink) CheckItem(env *Env, it *Item) []Finding {
	var out []Finding
	for _, p := range sharingGrants(it) {
		if p.Type == TypeAnyone && !p.AllowFileDiscovery {
			pd := itemPersonalData(env, it)
			out = append(out, grantFinding(c.ID(), withPersonalData(High, Critical, pd), it, p, pd))
		}
	}
	return out
}

// withPersonalData returns raised when pd is not empty, else base.
func withPersonalData(base, raised Severity, pd []string) Severity {
	if len(pd) > 0 {
		return raised
	}
	return base
}

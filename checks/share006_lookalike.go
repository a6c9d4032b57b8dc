package checks

// lookalikeCollaborator (SHARE-006) finds outside users, groups and domains
// that nearly match an internal user or an internal or partner domain (see
// FindLookalike). High; critical with a personal-data signal.
// Evidence: personal_data, lookalike_of, reason.
type lookalikeCollaborator struct{}

func (lookalikeCollaborator) ID() string                { return "SHARE-006" }
func (lookalikeCollaborator) DefaultSeverity() Severity { return High }

func (c lookalikeCollaborator) CheckItem(env *Env, it *Item) []Finding {
	var out []Finding
	for _, p := range sharingGrants(it) {
		l, ok := env.Lookalike(p)
		if !ok {
			continue
		}
		pd := itemPersonalData(env, it)
		f := grantFinding(c.ID(), withPersonalData(High, Critical, pd), it, p, pd)
		f.Evidence[EvLookalikeOf] = l.Target
		f.Evidence[EvReason] = l.Reason
		out = append(out, f)
	}
	return out
}

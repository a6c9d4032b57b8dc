package checks

import (
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// audiencePolicy (SHARE-009) finds items of one audience reachable by an
// audience a rule keeps them from (the config's audience_rules, e.g. never
// staff → pupils): an item owned by a user of the From audience, or on a
// shared drive one of whose managers is, with a grant to a user of the To
// audience, a group whose members (nested ones too) include one, a domain
// of the To audience, or a domain its users share with staff (pupils and
// staff in one domain, told apart by org unit). A migration at 宝塚市 left
// staff-only files — guidance records, rosters — readable by pupils.
// High; critical with a personal-data signal. SHARE-004 may report the
// same domain grant; this finding's evidence says which audience it
// reaches, and how.
type audiencePolicy struct{}

var share009 = Descriptor{
	ID: "SHARE-009", Severity: model.High,
	Evidence: []string{EvPersonalData, EvAudienceFrom, EvAudienceTo, EvAudienceVia, EvAudienceMembers},
	Needs:    NeedsItems, Rollup: RollupGrant,
}

// How a grant reaches the To audience (EvAudienceVia).
const (
	ViaUser         = "user"          // the grantee is of the To audience
	ViaGroup        = "group"         // the group is the To audience's, or has such members
	ViaDomain       = "domain"        // a domain of the To audience
	ViaSharedDomain = "shared_domain" // a domain the To audience's users share with others
)

// Describe implements Check.
func (audiencePolicy) Describe() Descriptor { return share009 }

func (audiencePolicy) CheckItem(env *Env, it *model.Item) []model.Finding {
	ix := env.index().audiences
	if ix == nil {
		return nil
	}
	var out []model.Finding
	done := map[string]bool{}
	for _, r := range ix.rules {
		from, to := ix.byName[strings.ToLower(r.From)], ix.byName[strings.ToLower(r.To)]
		if from == nil || to == nil || !ix.owns(env, from, it) {
			continue
		}
		for _, p := range sharingGrants(it) {
			key := principalKey(p.Type, p.Email, p.Domain)
			if done[key] {
				continue
			}
			via, members := ix.reaches(env, from, to, p)
			if via == "" {
				continue
			}
			pd := itemPersonalData(env, it)
			if r.PersonalDataOnly && len(pd) == 0 {
				continue
			}
			done[key] = true
			f := grantFinding(share009.ID, withPersonalData(model.High, model.Critical, pd), it, p, pd)
			f.Evidence[EvAudienceFrom], f.Evidence[EvAudienceTo], f.Evidence[EvAudienceVia] = from.a.Name, to.a.Name, via
			if members > 0 {
				f.Evidence[EvAudienceMembers] = members
			}
			out = append(out, f)
		}
	}
	return out
}

// owns reports whether the item belongs to the audience: its owner is of
// it, or (on a shared drive) one of the drive's managers is.
func (ix *audienceIndex) owns(env *Env, a *audienceSet, it *model.Item) bool {
	if it.Owner != "" {
		return a.holdsUser(it.Owner)
	}
	if it.DriveID == "" {
		return false
	}
	for _, p := range it.Permissions {
		if p.Role != RoleOrganizer || p.Deleted {
			continue
		}
		switch p.Type {
		case model.TypeUser:
			if a.holdsUser(p.Email) {
				return true
			}
		case model.TypeGroup:
			g := strings.ToLower(p.Email)
			if a.groups[g] {
				return true
			}
			users := env.GroupUsers[g]
			all := len(users) > 0
			for _, u := range users {
				all = all && a.holdsUser(u)
			}
			if all {
				return true
			}
		}
	}
	return false
}

// reaches says how grant p reaches the to audience (not counting people
// who are also of the from audience), and how many of its users a group
// grant reaches; "" when it does not.
func (ix *audienceIndex) reaches(env *Env, from, to *audienceSet, p model.Permission) (via string, members int) {
	switch p.Type {
	case model.TypeUser:
		if to.holdsUser(p.Email) && !from.holdsUser(p.Email) {
			return ViaUser, 0
		}
	case model.TypeGroup:
		g := strings.ToLower(p.Email)
		for _, u := range env.GroupUsers[g] {
			if to.holdsUser(u) && !from.holdsUser(u) {
				members++
			}
		}
		if to.groups[g] || members > 0 {
			return ViaGroup, members
		}
	case model.TypeDomain:
		d := normDomain(p.Domain)
		if to.domains[d] {
			return ViaDomain, 0
		}
		if to.userDomains[d] {
			for u := range to.users {
				if normDomain(domainOfAddress(u)) == d && !from.holdsUser(u) {
					return ViaSharedDomain, 0
				}
			}
		}
	}
	return "", 0
}

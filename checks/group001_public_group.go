package checks

import "github.com/gwsaudit/gwsaudit/model"

// publicGroup (GROUP-001) finds Google Groups whose conversations or
// member list anyone on the internet can read (whoCanViewGroup or
// whoCanViewMembership ANYONE_CAN_VIEW), or that anyone can join
// (whoCanJoin ANYONE_CAN_JOIN: joining opens the archive). Groups created
// as public exposed 111 people's data at 宇部市. With an audience policy,
// also a group of a rule's From audience (staff) that everyone in the
// organisation can read (ALL_IN_DOMAIN_CAN_VIEW) when the To audience
// (pupils) shares the group's domain. High; critical when the group's name
// or address suggests personal data, or its members include the To
// audience of a rule (pupils).
type publicGroup struct{}

var group001 = Descriptor{
	ID: "GROUP-001", Severity: model.High,
	Evidence: []string{EvPersonalData, EvConversationsPublic, EvMembersPublic, EvAnyoneCanJoin,
		EvDomainCanView, EvAudienceFrom, EvAudienceTo, EvAudienceMembers},
	Needs: NeedsGroups, Rollup: RollupNone,
}

// Describe implements Check.
func (publicGroup) Describe() Descriptor { return group001 }

func (publicGroup) CheckItem(env *Env, it *model.Item) []model.Finding {
	g := it.Group
	if it.Kind != model.KindGroup || g == nil {
		return nil
	}
	conv := g.WhoCanViewGroup == model.GroupAnyoneCanView
	members := g.WhoCanViewMembership == model.GroupAnyoneCanView
	join := g.WhoCanJoin == model.GroupAnyoneCanJoin
	ix := env.index().audiences
	var from, to string
	domainView := false
	if !conv && !members && (g.WhoCanViewGroup == model.GroupAllInDomainCanView || g.WhoCanViewMembership == model.GroupAllInDomainCanView) {
		from, to, domainView = ix.domainSharedWith(env, g.Email)
	}
	if !conv && !members && !join && !domainView {
		return nil
	}
	pd := env.PersonalData(it.Name, g.Email)
	protected, n := ix.protectedMembers(env, g.Email)
	sev := withPersonalData(model.High, model.Critical, pd)
	if protected != "" {
		sev = model.Critical
	}
	f := itemFinding(group001.ID, sev, it, pd)
	for k, on := range map[string]bool{EvConversationsPublic: conv, EvMembersPublic: members, EvAnyoneCanJoin: join, EvDomainCanView: domainView} {
		if on {
			f.Evidence[k] = true
		}
	}
	if domainView {
		f.Evidence[EvAudienceFrom], f.Evidence[EvAudienceTo] = from, to
	}
	if protected != "" {
		f.Evidence[EvAudienceTo] = protected
		if n > 0 {
			f.Evidence[EvAudienceMembers] = n
		}
	}
	return []model.Finding{f}
}

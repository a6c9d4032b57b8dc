package checks

import "github.com/gwsaudit/gwsaudit/model"

// publicGroup (GROUP-001) finds Google Groups whose conversations or
// member list anyone on the internet can read (whoCanViewGroup or
// whoCanViewMembership ANYONE_CAN_VIEW), or that anyone can join
// (whoCanJoin ANYONE_CAN_JOIN: joining opens the archive). Groups created
// as public exposed 111 people's data at 宇部市. High; critical when the
// group's name or address suggests personal data.
type publicGroup struct{}

var group001 = Descriptor{
	ID: "GROUP-001", Severity: model.High,
	Evidence: []string{EvPersonalData, EvConversationsPublic, EvMembersPublic, EvAnyoneCanJoin},
	Needs:    NeedsGroups, Rollup: RollupNone,
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
	if !conv && !members && !join {
		return nil
	}
	pd := env.PersonalData(it.Name, g.Email)
	f := itemFinding(group001.ID, withPersonalData(model.High, model.Critical, pd), it, pd)
	for k, on := range map[string]bool{EvConversationsPublic: conv, EvMembersPublic: members, EvAnyoneCanJoin: join} {
		if on {
			f.Evidence[k] = true
		}
	}
	return []model.Finding{f}
}

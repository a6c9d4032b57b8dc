package checks

import "github.com/gwsaudit/gwsaudit/model"

// groupOutsiders (GROUP-002) finds Google Groups that let people outside
// the organisation in: the group allows external members
// (allowExternalMembers "true") and has some, or anyone, signed in or not,
// may post to it (whoCanPostMessage ANYONE_CAN_POST), so mail sent to the
// group's members can come from anywhere and every member's reply goes back
// through it. Medium.
type groupOutsiders struct{}

var group002 = Descriptor{
	ID: "GROUP-002", Severity: model.Medium,
	Evidence: []string{EvExternalMembers, EvAnyoneCanPost},
	Needs:    NeedsGroups, Rollup: RollupNone,
}

// maxExternalMembers bounds the outside addresses a finding names.
const maxExternalMembers = 10

// Describe implements Check.
func (groupOutsiders) Describe() Descriptor { return group002 }

func (groupOutsiders) CheckItem(env *Env, it *model.Item) []model.Finding {
	g := it.Group
	if it.Kind != model.KindGroup || g == nil {
		return nil
	}
	var outside []string
	if g.AllowExternalMembers {
		for _, m := range g.Members {
			if !env.IsInternal(model.Permission{Email: m}.PrincipalDomain()) {
				outside = append(outside, m)
			}
		}
	}
	post := g.WhoCanPostMessage == model.GroupAnyoneCanPost
	if len(outside) == 0 && !post {
		return nil
	}
	f := itemFinding(group002.ID, model.Medium, it, nil)
	if len(outside) > 0 {
		f.Evidence[EvExternalMembers] = outside[:min(len(outside), maxExternalMembers)]
	}
	if post {
		f.Evidence[EvAnyoneCanPost] = true
	}
	return []model.Finding{f}
}

package checks

import (
	"slices"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// group builds a Google Group item with the given settings.
func group(email, name string, set func(g *model.Group)) *model.Item {
	g := &model.Group{Email: email, WhoCanJoin: "CAN_REQUEST_TO_JOIN", WhoCanViewGroup: "ALL_MEMBERS_CAN_VIEW",
		WhoCanViewMembership: "ALL_IN_DOMAIN_CAN_VIEW", WhoCanPostMessage: "ALL_IN_DOMAIN_CAN_POST", MembersRead: true}
	if set != nil {
		set(g)
	}
	return &model.Item{ID: email, Name: name, Kind: model.KindGroup, Group: g}
}

func TestGroup001PublicGroup(t *testing.T) {
	runItemCases(t, "GROUP-001", []itemCase{
		{"conversations public", group("kouhou@city.example.jp", "広報", func(g *model.Group) { g.WhoCanViewGroup = "ANYONE_CAN_VIEW" }), []string{"high"}},
		{"members public, roster name", group("meibo@city.example.jp", "職員名簿", func(g *model.Group) { g.WhoCanViewMembership = "ANYONE_CAN_VIEW" }), []string{"critical"}},
		{"anyone can join", group("event@city.example.jp", "イベント", func(g *model.Group) { g.WhoCanJoin = "ANYONE_CAN_JOIN" }), []string{"high"}},
		{"defaults: decoy", group("soumu@city.example.jp", "総務 名簿", nil), nil},
		{"domain can view and join: decoy", group("all@city.example.jp", "全職員", func(g *model.Group) {
			g.WhoCanViewGroup, g.WhoCanJoin = "ALL_IN_DOMAIN_CAN_VIEW", "ALL_IN_DOMAIN_CAN_JOIN"
		}), nil},
		{"a file: decoy", file("f1", "名簿.xlsx", "", anyoneLink(RoleReader)), nil},
	})
}

func TestGroup001Evidence(t *testing.T) {
	it := group("kouhou@city.example.jp", "広報", func(g *model.Group) { g.WhoCanViewGroup, g.WhoCanJoin = "ANYONE_CAN_VIEW", "ANYONE_CAN_JOIN" })
	fs := publicGroup{}.CheckItem(testEnv(), it)
	if len(fs) != 1 {
		t.Fatalf("%d findings", len(fs))
	}
	ev := fs[0].Evidence
	if ev[EvConversationsPublic] != true || ev[EvAnyoneCanJoin] != true || ev[EvMembersPublic] != nil {
		t.Errorf("evidence %v", ev)
	}
	if r := fs[0].Resource; r.Kind != model.KindGroup || r.ID != "kouhou@city.example.jp" || fs[0].Principal != nil {
		t.Errorf("resource %+v principal %+v", r, fs[0].Principal)
	}
}

func TestGroup002Outsiders(t *testing.T) {
	withOutsider := func(g *model.Group) {
		g.AllowExternalMembers = true
		g.Members = []string{"tanaka.taro@city.example.jp", "someone@gmail.com"}
	}
	runItemCases(t, "GROUP-002", []itemCase{
		{"external members allowed and present", group("kyougikai@city.example.jp", "協議会", withOutsider), []string{"medium"}},
		{"anyone can post", group("toiawase@city.example.jp", "問い合わせ", func(g *model.Group) { g.WhoCanPostMessage = "ANYONE_CAN_POST" }), []string{"medium"}},
		{"external allowed, none present: decoy", group("team@city.example.jp", "チーム", func(g *model.Group) {
			g.AllowExternalMembers = true
			g.Members = []string{"tanaka.taro@city.example.jp"}
		}), nil},
		{"outside member but not allowed (added before): decoy", group("old@city.example.jp", "旧", func(g *model.Group) {
			g.Members = []string{"someone@gmail.com"}
		}), nil},
		{"domain can post: decoy", group("all@city.example.jp", "全職員", nil), nil},
	})
	fs := groupOutsiders{}.CheckItem(testEnv(), group("k@city.example.jp", "協議会", withOutsider))
	if got, _ := fs[0].Evidence[EvExternalMembers].([]string); !slices.Equal(got, []string{"someone@gmail.com"}) {
		t.Errorf("external_members %v", fs[0].Evidence[EvExternalMembers])
	}
}

// With an audience policy: a public group with pupils in it is critical; a
// staff group the whole domain can read is GROUP-001 when pupils share the
// domain, not when they have their own.
func TestGroup001Audiences(t *testing.T) {
	same := sameDomainEnv()
	same.GroupUsers = map[string][]string{
		"shokuin@gakko.example.jp":   {"sensei@gakko.example.jp"},
		"zen-seito@gakko.example.jp": {"p001@gakko.example.jp"},
	}
	same.Prepare()
	sep := separateEnv()
	domainView := func(g *model.Group) { g.WhoCanViewGroup = "ALL_IN_DOMAIN_CAN_VIEW" }
	for _, tc := range []struct {
		name string
		env  *Env
		it   *model.Item
		want []string
	}{
		{"public group of pupils", same, group("zen-seito@gakko.example.jp", "全生徒", func(g *model.Group) { g.WhoCanViewMembership = "ANYONE_CAN_VIEW" }), []string{"critical"}},
		{"public group with a nested pupil", sep, group("club@kyoiku.example.jp", "クラブ", func(g *model.Group) { g.WhoCanJoin = "ANYONE_CAN_JOIN" }), []string{"critical"}},
		{"staff group, domain shared with pupils", same, group("shokuin@gakko.example.jp", "職員", domainView), []string{"high"}},
		{"staff group, pupils have their own domain: decoy", sep, group("shokuin@kyoiku.example.jp", "職員", domainView), nil},
		{"pupils' group, domain can view: decoy", same, group("zen-seito@gakko.example.jp", "全生徒", domainView), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range (publicGroup{}).CheckItem(tc.env, tc.it) {
				got = append(got, f.Severity.String())
				checkInvariants(t, f)
				if f.Evidence[EvDomainCanView] == true && (f.Evidence[EvAudienceFrom] != "staff" || f.Evidence[EvAudienceTo] != "pupils") {
					t.Errorf("evidence %v", f.Evidence)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

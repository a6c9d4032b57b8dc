package checks

import (
	"slices"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// separateEnv: pupils in their own domain (and the pupils' all-pupils group).
func separateEnv() *Env {
	e := testEnv()
	e.InternalDomains = []string{"kyoiku.example.jp", "st.kyoiku.example.jp"}
	e.Audiences = []Audience{
		{Name: "staff", OrgUnits: []string{"/教職員/**"}, Domains: []string{"kyoiku.example.jp"}},
		{Name: "pupils", OrgUnits: []string{"/児童生徒/**"}, Domains: []string{"st.kyoiku.example.jp"}, Groups: []string{"zen-seito@kyoiku.example.jp"}},
	}
	e.AudienceRules = []AudienceRule{{From: "staff", To: "pupils"}}
	e.UserOrgUnits = map[string]string{
		"sensei@kyoiku.example.jp": "/教職員/小学校", "kocho@kyoiku.example.jp": "/教職員",
		"p001@st.kyoiku.example.jp": "/児童生徒/小学校/6年",
	}
	e.GroupUsers = map[string][]string{
		"zen-seito@kyoiku.example.jp": {"p001@st.kyoiku.example.jp"},
		"club@kyoiku.example.jp":      {"sensei@kyoiku.example.jp", "p001@st.kyoiku.example.jp"},
		"shokuin@kyoiku.example.jp":   {"sensei@kyoiku.example.jp", "kocho@kyoiku.example.jp"},
	}
	e.Prepare()
	return e
}

// sameDomainEnv: pupils and staff in one domain, told apart by org unit.
func sameDomainEnv() *Env {
	e := testEnv()
	e.InternalDomains = []string{"gakko.example.jp"}
	e.Audiences = []Audience{
		{Name: "staff", OrgUnits: []string{"/教職員/**"}},
		{Name: "pupils", OrgUnits: []string{"/児童生徒/**"}},
	}
	e.AudienceRules = []AudienceRule{{From: "staff", To: "pupils"}}
	e.UserOrgUnits = map[string]string{"sensei@gakko.example.jp": "/教職員", "p001@gakko.example.jp": "/児童生徒/中学校"}
	e.Prepare()
	return e
}

func ownedBy(owner string, it *model.Item) *model.Item { it.Owner = owner; return it }

func runAudience(t *testing.T, env *Env, cases []itemCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range (audiencePolicy{}).CheckItem(env, tc.item) {
				got = append(got, f.Severity.String()+" "+f.Evidence[EvAudienceVia].(string))
				checkInvariants(t, f)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestShare009SeparatePupilDomain(t *testing.T) {
	staff := "sensei@kyoiku.example.jp"
	runAudience(t, separateEnv(), []itemCase{
		{"pupil user", ownedBy(staff, file("a", "授業案.docx", "", userGrant("p001@st.kyoiku.example.jp", RoleReader))), []string{"high user"}},
		{"pupil domain, roster", ownedBy(staff, file("b", "児童名簿.xlsx", "", domainGrant("st.kyoiku.example.jp", RoleReader))), []string{"critical domain"}},
		{"the pupils' group", ownedBy(staff, file("c", "連絡.docx", "", groupGrant("zen-seito@kyoiku.example.jp", RoleReader))), []string{"high group"}},
		{"a group with a pupil in it", ownedBy(staff, file("d", "部活.docx", "", groupGrant("club@kyoiku.example.jp", RoleWriter))), []string{"high group"}},
		{"staff group: decoy", ownedBy(staff, file("e", "職員会議.docx", "", groupGrant("shokuin@kyoiku.example.jp", RoleWriter))), nil},
		{"staff domain: decoy (pupils have their own)", ownedBy(staff, file("f", "職員会議.docx", "", domainGrant("kyoiku.example.jp", RoleReader))), nil},
		{"pupil's own file shared with a pupil: decoy", ownedBy("p001@st.kyoiku.example.jp", file("g", "作文.docx", "", userGrant("p002@st.kyoiku.example.jp", RoleReader))), nil},
		{"responder grant: decoy", ownedBy(staff, form("h", "アンケート", &model.Form{}, responder(domainGrant("st.kyoiku.example.jp", RoleReader)))), nil},
		{"staff drive, pupil member", &model.Item{ID: "sd", Name: "職員室", Kind: model.KindSharedDrive, DriveID: "sd",
			Permissions: []model.Permission{userGrant("kocho@kyoiku.example.jp", RoleOrganizer), userGrant("p001@st.kyoiku.example.jp", RoleReader)}}, []string{"high user"}},
		{"pupils' drive: decoy", &model.Item{ID: "sd2", Name: "6年", Kind: model.KindSharedDrive, DriveID: "sd2",
			Permissions: []model.Permission{userGrant("p001@st.kyoiku.example.jp", RoleOrganizer), domainGrant("st.kyoiku.example.jp", RoleReader)}}, nil},
	})
}

func TestShare009SameDomain(t *testing.T) {
	staff := "sensei@gakko.example.jp"
	runAudience(t, sameDomainEnv(), []itemCase{
		{"whole domain, where pupils are too", ownedBy(staff, file("a", "指導記録.docx", "", domainGrant("gakko.example.jp", RoleReader))), []string{"high shared_domain"}},
		{"pupil by org unit", ownedBy(staff, file("b", "成績 名簿.xlsx", "", userGrant("p001@gakko.example.jp", RoleReader))), []string{"critical user"}},
		{"colleague: decoy", ownedBy(staff, file("c", "授業案.docx", "", userGrant("sensei2@gakko.example.jp", RoleReader))), nil},
		{"a pupil's file to the domain: decoy", ownedBy("p001@gakko.example.jp", file("d", "自由研究", "", domainGrant("gakko.example.jp", RoleReader))), nil},
	})
}

// Without rules the check is silent, whatever the grants.
func TestShare009NoPolicy(t *testing.T) {
	runItemCases(t, "SHARE-009", []itemCase{
		{"no rules: decoy", ownedBy("sato.k@city.example.jp", file("a", "名簿", "", domainGrant("city.example.jp", RoleReader))), nil},
	})
}

func TestInOrgUnit(t *testing.T) {
	for _, tc := range []struct {
		ou   string
		pats []string
		want bool
	}{
		{"/教職員", []string{"/教職員/**"}, true},
		{"/教職員/小学校/1年", []string{"/教職員/**"}, true},
		{"/教職員OB", []string{"/教職員/**"}, false},
		{"/教職員/小学校", []string{"/教職員"}, false},
		{"/教職員", []string{"/教職員"}, true},
		{"", []string{"/**"}, false},
		{"/x", []string{"/**"}, true},
	} {
		if got := inOrgUnit(tc.ou, tc.pats); got != tc.want {
			t.Errorf("inOrgUnit(%q, %v) = %v", tc.ou, tc.pats, got)
		}
	}
}

// A pupil grant set on a staff folder is one finding on the folder, with
// the files it reaches; SHARE-004 on the same domain grant stays beside it.
func TestShare009RollsUpToTheFolder(t *testing.T) {
	env := separateEnv()
	staff := "sensei@kyoiku.example.jp"
	g := domainGrant("st.kyoiku.example.jp", RoleReader)
	items := []*model.Item{ownedBy(staff, folder("fo", "移行データ", "root", g))}
	for _, id := range []string{"a", "b"} {
		items = append(items, ownedBy(staff, file(id, id+" 名簿.xlsx", "fo", g)))
	}
	var got []string
	for _, f := range run(env, items) {
		got = append(got, f.CheckID+" "+f.Resource.ID)
		if f.CheckID == "SHARE-009" && (f.Evidence[EvItemsReached] != 2 || f.Severity != model.Critical) {
			t.Errorf("SHARE-009 on the folder: %s %v", f.Severity, f.Evidence)
		}
	}
	slices.Sort(got)
	if want := []string{"SHARE-004 fo", "SHARE-009 fo"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// A rule limited to personal data leaves class materials shared with
// pupils on purpose alone and still reports rosters and records.
func TestShare009PersonalDataOnly(t *testing.T) {
	env := separateEnv()
	env.AudienceRules = []AudienceRule{{From: "staff", To: "pupils", PersonalDataOnly: true}}
	env.Prepare()
	staff := "sensei@kyoiku.example.jp"
	runAudience(t, env, []itemCase{
		{"roster to the pupils' domain", ownedBy(staff, file("b", "児童名簿.xlsx", "", domainGrant("st.kyoiku.example.jp", RoleReader))), []string{"critical domain"}},
		{"class material: decoy", ownedBy(staff, file("a", "授業案.docx", "", userGrant("p001@st.kyoiku.example.jp", RoleReader))), nil},
	})
}

package checks

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// testEnv is a city hall: one internal domain, one partner, a few users.
func testEnv() *Env {
	e := &Env{
		InternalDomains:      []string{"city.example.jp"},
		PartnerDomains:       []string{"partner-soft.co.jp"},
		FreeMailDomains:      []string{"gmail.com", "yahoo.co.jp", "docomo.ne.jp"},
		InternalUsers:        []string{"tanaka.taro@city.example.jp", "sato.k@city.example.jp", "sato.y@city.example.jp"},
		PersonalDataKeywords: []string{"氏名", "住所", "患者", "名簿", "name", "address"},
	}
	e.Prepare()
	return e
}

func anyoneLink(role string) model.Permission {
	return model.Permission{Type: model.TypeAnyone, Role: role}
}
func anyoneWeb(role string) model.Permission {
	return model.Permission{Type: model.TypeAnyone, Role: role, AllowFileDiscovery: true}
}
func domainGrant(d, role string) model.Permission {
	return model.Permission{Type: model.TypeDomain, Domain: d, Role: role}
}
func userGrant(email, role string) model.Permission {
	return model.Permission{Type: model.TypeUser, Email: email, Role: role}
}
func groupGrant(email, role string) model.Permission {
	return model.Permission{Type: model.TypeGroup, Email: email, Role: role}
}
func responder(p model.Permission) model.Permission {
	p.View = "published"
	p.Role = RoleReader
	return p
}
func deleted(p model.Permission) model.Permission { p.Deleted = true; return p }
func owner() model.Permission                     { return userGrant("sato.k@city.example.jp", RoleOwner) }

func file(id, name, parent string, ps ...model.Permission) *model.Item {
	it := &model.Item{ID: id, Name: name, Kind: model.KindFile, Owner: "sato.k@city.example.jp", Permissions: append([]model.Permission{owner()}, ps...)}
	if parent != "" {
		it.Parents = []string{parent}
	}
	return it
}

func folder(id, name, parent string, ps ...model.Permission) *model.Item {
	it := file(id, name, parent, ps...)
	it.Kind, it.MimeType = model.KindFolder, model.MimeFolder
	return it
}

func form(id, name string, f *model.Form, ps ...model.Permission) *model.Item {
	it := file(id, name, "", ps...)
	it.Kind, it.MimeType, it.Form = model.KindForm, model.MimeForm, f
	return it
}

// summarize renders findings as "CHECK severity resource principal" lines.
func summarize(fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		s := fmt.Sprintf("%s %s %s", f.CheckID, f.Severity, f.Resource.ID)
		if p := f.Principal; p != nil {
			s += " " + p.Type + ":" + p.Email + p.Domain + ":" + p.Role
		}
		out = append(out, s)
	}
	return out
}

type itemCase struct {
	name string
	item *model.Item
	want []string // severities, one per finding, in order
}

// runItemCases runs one ItemCheck over cases and checks the severities and
// the invariants every finding must meet.
func runItemCases(t *testing.T, id string, cases []itemCase) {
	t.Helper()
	c, ok := Lookup(id)
	if !ok {
		t.Fatalf("%s not registered", id)
	}
	ic := c.(ItemCheck)
	env := testEnv()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := ic.CheckItem(env, tc.item)
			var got []string
			for _, f := range fs {
				got = append(got, f.Severity.String())
				checkInvariants(t, f)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("severities %v, want %v\n%s", got, tc.want, strings.Join(summarize(fs), "\n"))
			}
		})
	}
}

func checkInvariants(t *testing.T, f model.Finding) {
	t.Helper()
	want := model.Fingerprint(f.CheckID, f.Resource.ID, f.Principal)
	if f.CheckID == "FORM-003" {
		id, _ := f.Evidence[EvFormID].(string)
		want = AdminURLFingerprint(f.Resource.ID, id)
	}
	if f.Fingerprint != want {
		t.Errorf("%s: fingerprint does not match", f.CheckID)
	}
	if f.Title != "" || f.Message != "" || f.Remediation != "" {
		t.Errorf("%s: checks leave title/message/remediation to the report", f.CheckID)
	}
	if pd, ok := f.Evidence[EvPersonalData]; ok {
		if l, _ := pd.([]string); len(l) == 0 {
			t.Errorf("%s: personal_data set but empty", f.CheckID)
		}
	}
	if p := f.Principal; p != nil && (p.Role == RoleOwner) {
		t.Errorf("%s: finding on an owner grant", f.CheckID)
	}
}

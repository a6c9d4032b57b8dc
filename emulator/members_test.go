package emulator_test

import (
	"slices"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	admin "google.golang.org/api/admin/directory/v1"
	"google.golang.org/api/googleapi"
)

// membersTenant has nested groups (with a loop back to the top) and a
// suspended user reached both directly and through a nested group.
func membersTenant() *emulator.Tenant {
	return &emulator.Tenant{
		CustomerID: "C0test", PrimaryDomain: "example.jp",
		Users: []emulator.User{
			{Email: "admin@example.jp", Admin: true},
			{Email: "sato@example.jp"},
			{Email: "suzuki@example.jp"},
			{Email: "tanaka@example.jp", Suspended: true},
			{Email: "kimura@example.jp"},
		},
		Groups: []emulator.Group{
			{Email: "top@example.jp", Members: []string{"sato@example.jp", "mid@example.jp", "tanaka@example.jp"}},
			{Email: "mid@example.jp", Members: []string{"suzuki@example.jp", "leaf@example.jp", "tanaka@example.jp"}},
			{Email: "leaf@example.jp", Members: []string{"kimura@example.jp", "partner@partner.example", "top@example.jp"}},
		},
	}
}

// listMembers follows every page of members.list.
func listMembers(t *testing.T, dir *admin.Service, group string, derived bool, fields ...string) []*admin.Member {
	t.Helper()
	var all []*admin.Member
	token := ""
	for {
		call := dir.Members.List(group).MaxResults(2).PageToken(token)
		if derived {
			call = call.IncludeDerivedMembership(true)
		}
		if len(fields) > 0 {
			call = call.Fields("nextPageToken", googleapi.Field("members("+fields[0]+")"))
		}
		page, err := call.Do()
		if err != nil {
			t.Fatalf("members.list %s: %v", group, err)
		}
		all = append(all, page.Members...)
		if token = page.NextPageToken; token == "" {
			return all
		}
	}
}

func emails(ms []*admin.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Email)
	}
	return out
}

func TestMembersListDirect(t *testing.T) {
	_, base := serve(t, membersTenant(), emulator.Options{})
	dir := directoryAs(t, base, "admin@example.jp")
	ms := listMembers(t, dir, "top@example.jp", false)
	if got, want := emails(ms), []string{"sato@example.jp", "mid@example.jp", "tanaka@example.jp"}; !slices.Equal(got, want) {
		t.Fatalf("direct members %v, want %v", got, want)
	}
	groups, err := dir.Groups.List().Customer("my_customer").Do()
	if err != nil {
		t.Fatal(err)
	}
	groupIDs := map[string]string{}
	for _, g := range groups.Groups {
		groupIDs[g.Email] = g.Id
	}
	users, err := dir.Users.List().Customer("my_customer").Do()
	if err != nil {
		t.Fatal(err)
	}
	userIDs := map[string]string{}
	for _, u := range users.Users {
		userIDs[u.PrimaryEmail] = u.Id
	}
	for _, m := range ms {
		switch m.Email {
		case "sato@example.jp":
			if m.Type != "USER" || m.Status != "ACTIVE" || m.Id != userIDs[m.Email] || m.Role != "MEMBER" {
				t.Errorf("sato: %+v", m)
			}
		case "mid@example.jp":
			if m.Type != "GROUP" || m.Id != groupIDs[m.Email] || m.Id == "" {
				t.Errorf("mid: %+v, group ID %q", m, groupIDs[m.Email])
			}
		case "tanaka@example.jp":
			if m.Type != "USER" || m.Status != "SUSPENDED" || m.Id != userIDs[m.Email] {
				t.Errorf("tanaka: %+v", m)
			}
		}
	}
	// A group's unique ID works as its key too.
	byID := listMembers(t, dir, groupIDs["mid@example.jp"], false)
	if got, want := emails(byID), []string{"suzuki@example.jp", "leaf@example.jp", "tanaka@example.jp"}; !slices.Equal(got, want) {
		t.Errorf("members by group ID %v, want %v", got, want)
	}
	// fields is honoured.
	for _, m := range listMembers(t, dir, "top@example.jp", false, "email,type") {
		if m.Email == "" || m.Type == "" || m.Id != "" || m.Status != "" || m.Role != "" {
			t.Errorf("fields=members(email,type): %+v", m)
		}
	}
}

func TestMembersListDerived(t *testing.T) {
	_, base := serve(t, membersTenant(), emulator.Options{ShortPages: true})
	dir := directoryAs(t, base, "admin@example.jp")
	ms := listMembers(t, dir, "top@example.jp", true)
	got := emails(ms)
	slices.Sort(got)
	want := []string{"kimura@example.jp", "leaf@example.jp", "mid@example.jp", "partner@partner.example",
		"sato@example.jp", "suzuki@example.jp", "tanaka@example.jp"}
	if !slices.Equal(got, want) {
		t.Fatalf("derived members %v, want %v (each once, never the group itself)", got, want)
	}
	for _, m := range ms {
		wantType, wantStatus := "USER", "ACTIVE"
		if m.Email == "mid@example.jp" || m.Email == "leaf@example.jp" {
			wantType = "GROUP"
		}
		if m.Email == "tanaka@example.jp" {
			wantStatus = "SUSPENDED"
		}
		if m.Type != wantType || m.Status != wantStatus {
			t.Errorf("%s: type %s status %s, want %s %s", m.Email, m.Type, m.Status, wantType, wantStatus)
		}
	}
	// Without the flag, only direct members.
	if got := emails(listMembers(t, dir, "leaf@example.jp", false)); len(got) != 3 {
		t.Errorf("leaf direct members %v", got)
	}
}

func TestMembersListParams(t *testing.T) {
	_, base := serve(t, membersTenant(), emulator.Options{})
	dir := directoryAs(t, base, "admin@example.jp")
	owners, err := dir.Members.List("top@example.jp").Roles("OWNER").Do()
	if err != nil || len(owners.Members) != 0 {
		t.Errorf("roles=OWNER: %+v, %v", owners, err)
	}
	members, err := dir.Members.List("top@example.jp").Roles("OWNER,MEMBER").Do()
	if err != nil || len(members.Members) != 3 {
		t.Errorf("roles=OWNER,MEMBER: %+v, %v", members, err)
	}
	_, err = dir.Members.List("top@example.jp").Roles("BOSS").Do()
	wantAPIError(t, err, 400, "invalid")
	_, err = dir.Members.List("top@example.jp").MaxResults(500).Do()
	if err != nil {
		t.Errorf("maxResults above the cap: %v", err)
	}
}

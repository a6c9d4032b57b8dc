package auditor_test

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// walkers records whom each walk acted as.
type walkers struct {
	mu sync.Mutex
	as map[string]string // task key → subject
}

func (w *walkers) ItemSeen(model.Task, *model.Item) {}
func (w *walkers) TaskDone(t model.Task, _ string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.as == nil {
		w.as = map[string]string{}
	}
	w.as[t.Key()] = t.As
}
func (w *walkers) AuditLogRead(time.Time, []model.Revocation) {}

// groupsTenant: 企画課's shared drive has only groups as members (and a
// suspended former organizer); 総務課's drive has a direct user member.
func groupsTenant() *emulator.Tenant {
	tn := smallTenant()
	tn.Users = append(tn.Users,
		emulator.User{Email: "yamada@city.example.jp", Name: "山田"},
		emulator.User{Email: "ito@city.example.jp", Name: "伊藤"},
		emulator.User{Email: "kato@city.example.jp", Name: "加藤", Suspended: true},
	)
	tn.Groups = []emulator.Group{
		{Email: "zen@city.example.jp", Name: "全職員", Members: []string{"sato.k@city.example.jp", "sato.y@city.example.jp", "kanri@city.example.jp"}},
		// The managers: a suspended user, an outside address and, nested,
		// the section chiefs.
		{Email: "kanri@city.example.jp", Name: "管理職", Members: []string{"kato@city.example.jp", "friend@gmail.com", "kacho@city.example.jp"},
			AllowExternalMembers: true},
		{Email: "kacho@city.example.jp", Name: "課長", Members: []string{"yamada@city.example.jp", "ito@city.example.jp"}},
	}
	tn.SharedDrives = []emulator.SharedDrive{
		{ID: "drv-kikaku", Name: "企画課", Members: []emulator.Permission{
			{Type: "group", Email: "zen@city.example.jp", Role: "reader"},
			{Type: "group", Email: "kanri@city.example.jp", Role: "organizer"},
			{Type: "group", Email: "partners@other.example.com", Role: "organizer"}, // not the tenant's: never listed
			{Type: "user", Email: "kato@city.example.jp", Role: "organizer"},
		}},
		{ID: "drv-somu", Name: "総務課", Members: []emulator.Permission{
			{Type: "user", Email: "sato.k@city.example.jp", Role: "writer"},
			{Type: "group", Email: "zen@city.example.jp", Role: "organizer"},
		}},
	}
	tn.Files = append(tn.Files,
		emulator.File{ID: "kikaku-meibo", Name: "住民名簿.xlsx", Kind: "spreadsheet", Drive: "drv-kikaku",
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
		emulator.File{ID: "kikaku-memo", Name: "打合せメモ", Kind: "document", Drive: "drv-kikaku",
			Permissions: []emulator.Permission{{Type: "user", Role: "writer", Email: "contractor@gmail.com"}}},
		emulator.File{ID: "somu-memo", Name: "議事録", Kind: "document", Drive: "drv-somu",
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
	)
	return tn
}

func driveGaps(res *model.Result) []model.Gap {
	var out []model.Gap
	for _, g := range res.Coverage.Gaps {
		if g.Scope == model.ScopeSharedDrive {
			out = append(out, g)
		}
	}
	return out
}

// A shared drive whose only active members are groups is walked as a user
// reached through them: through the group with the highest role (the
// managers, organizer), nested groups followed, suspended and outside
// members passed over, the first address on a tie. Group members are listed
// only for that drive, each group once.
func TestSharedDriveOfGroupsIsWalkedAsAGroupMember(t *testing.T) {
	srv := serve(t, groupsTenant(), emulator.Options{})
	opts := testOptions(srv, admin)
	w := &walkers{}
	opts.Inventory = w
	res := audit(t, opts)

	if gaps := driveGaps(res); len(gaps) != 0 || res.Coverage.SharedDrives.Audited != 2 {
		t.Fatalf("want both shared drives audited, got %+v", res.Coverage)
	}
	for _, want := range []struct{ check, id string }{{"SHARE-002", "kikaku-meibo"}, {"SHARE-005", "kikaku-memo"}, {"SHARE-002", "somu-memo"}} {
		if count(res.Findings, want.check, want.id) != 1 {
			t.Errorf("want %s on %s, got %+v", want.check, want.id, res.Findings)
		}
	}
	if got := w.as["drive:drv-kikaku"]; got != "ito@city.example.jp" {
		t.Errorf("drv-kikaku walked as %q, want ito@city.example.jp (課長 through 管理職, organizer)", got)
	}
	if got := w.as["drive:drv-somu"]; got != "sato.k@city.example.jp" {
		t.Errorf("drv-somu walked as %q, want its direct member", got)
	}
	// 管理職 and 課長 for the drive, 全職員 (reader, not needed for it)
	// for the groups' checks: each group once a run. The outside group
	// cannot be listed.
	if got := srv.Calls()["directory.members.list"]; got != 3 {
		t.Errorf("members.list calls: %d, want 3", got)
	}
	if got := res.Calls["directory.members.list"]; got != 3 {
		t.Errorf("counted members.list calls: %d, want 3", got)
	}
}

// Groups whose members are all suspended or outside the tenant still leave
// the drive a gap, and its items unlisted.
func TestSharedDriveOfInactiveGroupsIsAGap(t *testing.T) {
	tn := groupsTenant()
	tn.Groups = append(tn.Groups, emulator.Group{Email: "kyu@city.example.jp", Name: "旧職員",
		Members: []string{"kato@city.example.jp", "ob@gmail.com"}, AllowExternalMembers: true})
	tn.SharedDrives[0].Members = []emulator.Permission{
		{Type: "group", Email: "kyu@city.example.jp", Role: "organizer"},
		{Type: "group", Email: "partners@other.example.com", Role: "writer"},
		{Type: "user", Email: "kato@city.example.jp", Role: "organizer"},
	}
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))

	gaps := driveGaps(res)
	if len(gaps) != 1 || gaps[0].ID != "drv-kikaku" || gaps[0].Code != model.GapDriveNoMember {
		t.Fatalf("want one shared_drive_no_member gap on drv-kikaku, got %+v", gaps)
	}
	if !strings.Contains(gaps[0].Reason, "through its groups") || !strings.Contains(gaps[0].Action, "add an admin as a member") {
		t.Errorf("gap: %+v", gaps[0])
	}
	if res.Coverage.SharedDrives.Audited != 1 || count(res.Findings, "", "kikaku-meibo") != 0 {
		t.Errorf("drv-kikaku must not be walked: coverage %+v, findings %+v", res.Coverage, res.Findings)
	}
	// 旧職員 for the drive, then the other three for the groups' checks:
	// each once.
	if got := srv.Calls()["directory.members.list"]; got != 4 {
		t.Errorf("members.list calls: %d, want 4 (旧職員 once, and the tenant's other groups)", got)
	}
}

// With a service account: delegation that includes the group scope walks
// the groups-only drive; delegation that predates it still audits the rest
// and leaves that drive a gap naming the scope, the client ID and where to
// add it, asking for the scope once.
func TestSharedDriveOfGroupsWithoutTheGroupScope(t *testing.T) {
	for _, delegated := range []bool{true, false} {
		tn := groupsTenant()
		tn.SharedDrives = append(tn.SharedDrives, emulator.SharedDrive{ID: "drv-kikaku2", Name: "企画課 2", Members: []emulator.Permission{
			{Type: "group", Email: "kanri@city.example.jp", Role: "writer"},
		}})
		srv := serve(t, tn, emulator.Options{})
		res := auditWithKey(t, srv, lacking(delegated, auditor.ScopeGroupsRead))

		if count(res.Findings, "SHARE-002", "somu-memo") != 1 {
			t.Errorf("delegated %v: the drive with a user member must be audited: %+v", delegated, res.Findings)
		}
		gaps := driveGaps(res)
		if delegated {
			if len(gaps) != 0 || count(res.Findings, "SHARE-002", "kikaku-meibo") != 1 {
				t.Errorf("group scope delegated: want drv-kikaku walked, got gaps %+v", gaps)
			}
			continue
		}
		if len(gaps) != 2 {
			t.Fatalf("want gaps on drv-kikaku and drv-kikaku2, got %+v", gaps)
		}
		for _, g := range gaps {
			if g.Code != model.GapDriveNoMember {
				t.Errorf("gap code %q", g.Code)
			}
			for _, want := range []string{auditor.ScopeGroupsRead, "unauthorized_client"} {
				if !strings.Contains(g.Reason, want) {
					t.Errorf("reason of %s does not name %q: %s", g.ID, want, g.Reason)
				}
			}
			for _, want := range []string{auditor.ScopeGroupsRead, "Domain-wide delegation", saClientID} {
				if !strings.Contains(g.Action, want) {
					t.Errorf("action of %s does not name %q: %s", g.ID, want, g.Action)
				}
			}
		}
		if count(res.Findings, "", "kikaku-meibo") != 0 {
			t.Errorf("drv-kikaku was walked without the scope")
		}
		if got := srv.Calls()["directory.members.list"]; got != 0 {
			t.Errorf("members.list reached the emulator %d times without a token", got)
		}
		if got := res.Calls["directory.members.list"]; got != 1 {
			t.Errorf("members.list attempts: %d, want 1 (a refusal is not asked again)", got)
		}
	}
}

// The README's copy-paste scope line is exactly what to delegate.
func TestReadmeListsTheScopes(t *testing.T) {
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\n"+strings.Join(auditor.Scopes, ",")+"\n") {
		t.Errorf("README.md's delegation line is not auditor.Scopes:\n%s", strings.Join(auditor.Scopes, ","))
	}
}

package checks

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// newTree builds a Tree from items the way the Engine does.
func newTree(items ...*model.Item) *Tree {
	t := &Tree{folders: map[string]*model.Item{}}
	direct := map[string]int{}
	for _, it := range items {
		if it.IsFolder() {
			t.folders[it.ID] = it
		}
		if p := it.Parent(); p != "" {
			direct[p]++
		}
	}
	t.computeReach(direct)
	return t
}

type treeCase struct {
	name string
	env  *Env
	tree *Tree
	item *model.Item
	want []string // "severity principal-email-or-type"
}

func runTreeCases(t *testing.T, id string, cases []treeCase) {
	t.Helper()
	c, _ := Lookup(id)
	tc0 := c.(TreeCheck)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := tc.env
			if env == nil {
				env = testEnv()
			}
			var got []string
			for _, f := range tc0.CheckTree(env, tc.tree, tc.item) {
				checkInvariants(t, f)
				got = append(got, f.Severity.String()+" "+f.Principal.Type+":"+f.Principal.Email+f.Principal.Domain)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestShare007RevocationLeftover(t *testing.T) {
	at := time.Date(2020, 11, 20, 9, 0, 0, 0, time.UTC)
	env := testEnv()
	env.Revocations = []model.Revocation{
		{FolderID: "covid", Type: model.TypeUser, Email: lookal, At: at, Actor: "sato.k@city.example.jp"},
		{FolderID: "covid", Type: model.TypeAnyone, At: at.Add(time.Hour)},
		{FolderID: "regranted", Type: model.TypeUser, Email: outsider, At: at},
	}
	env.Prepare()
	covid := folder("covid", "陽性者", "", userGrant("sato.y@city.example.jp", RoleWriter))
	sub := folder("sub", "12月", "covid")
	regranted := folder("regranted", "x", "", userGrant(outsider, RoleReader))
	tree := newTree(covid, sub, regranted)
	runTreeCases(t, "SHARE-007", []treeCase{
		{"file kept the user (Fukuoka)", env, tree, file("f", "患者一覧.xlsx", "covid", userGrant(lookal, RoleReader)), []string{"critical user:" + lookal}},
		{"deeper file kept the user", env, tree, file("f", "x", "sub", userGrant(lookal, RoleWriter)), []string{"critical user:" + lookal}},
		{"file kept its link", env, tree, file("f", "x", "sub", anyoneLink(RoleReader)), []string{"critical anyone:"}},
		{"subfolder kept the user", env, tree, sub2(lookal), []string{"critical user:" + lookal}},
		{"decoy: another principal", env, tree, file("f", "x", "covid", userGrant(outsider, RoleReader)), nil},
		{"decoy: outside the folder", env, tree, file("f", "x", "elsewhere", userGrant(lookal, RoleReader)), nil},
		{"decoy: the folder itself", env, tree, covid, nil},
		{"decoy: folder granted it again", env, tree, file("f", "x", "regranted", userGrant(outsider, RoleReader)), nil},
		{"decoy: responder grant", env, tree, form("f", "x", &model.Form{}, responder(anyoneLink(""))), nil},
		{"decoy: no revocations", nil, tree, file("f", "x", "covid", userGrant(lookal, RoleReader)), nil},
	})
	c, _ := Lookup("SHARE-007")
	fs := c.(TreeCheck).CheckTree(env, tree, file("f", "患者一覧.xlsx", "sub", userGrant(lookal, RoleReader)))
	ev := fs[0].Evidence
	if ev[EvRevokedAt] != "2020-11-20T09:00:00Z" || ev[EvRevokedBy] != "sato.k@city.example.jp" || ev[EvFolderID] != "covid" || ev[EvFolderName] != "陽性者" {
		t.Errorf("evidence %v", ev)
	}
}

func sub2(email string) *model.Item { return folder("sub2", "x", "sub", userGrant(email, RoleReader)) }

func TestShare008MoreOpen(t *testing.T) {
	private := folder("private", "予算", "root")
	public := folder("public", "公開", "root", anyoneLink(RoleReader))
	dom := folder("dom", "庁内", "root", domainGrant("city.example.jp", RoleReader))
	outsideDom := folder("od", "委託", "root", domainGrant("other-corp.co.jp", RoleWriter))
	drive := &model.Item{ID: "drv", Name: "共有", Kind: model.KindSharedDrive, DriveID: "drv", Permissions: []model.Permission{domainGrant("city.example.jp", RoleReader)}}
	tree := newTree(private, public, dom, outsideDom, drive)
	inherited := domainGrant("city.example.jp", RoleReader)
	inherited.Inherited = true
	runTreeCases(t, "SHARE-008", []treeCase{
		{"link on a file in a private folder (Fukuoka)", nil, tree, file("f", "x", "private", anyoneLink(RoleReader)), []string{"high anyone:"}},
		{"outside user in a private folder", nil, tree, file("f", "x", "private", userGrant(outsider, RoleReader)), []string{"high user:" + outsider}},
		{"decoy: higher role, same audience (SHARE-003's business)", nil, tree, file("f", "x", "public", anyoneLink(RoleWriter)), nil},
		{"link under a domain folder", nil, tree, file("f", "x", "dom", anyoneLink(RoleReader)), []string{"high anyone:"}},
		{"link on a shared-drive item", nil, tree, &model.Item{ID: "f", Name: "x", Kind: model.KindFile, DriveID: "drv", Parents: []string{"drv"}, Permissions: []model.Permission{inherited, anyoneLink(RoleReader)}}, []string{"high anyone:"}},
		{"decoy: same link as folder", nil, tree, file("f", "x", "public", anyoneLink(RoleReader)), nil},
		{"decoy: folder anyone covers domain", nil, tree, file("f", "x", "public", domainGrant("city.example.jp", RoleReader)), nil},
		{"decoy: folder domain covers its users", nil, tree, file("f", "x", "od", userGrant("a@other-corp.co.jp", RoleWriter)), nil},
		{"decoy: internal user", nil, tree, file("f", "x", "private", userGrant("sato.y@city.example.jp", RoleWriter)), nil},
		{"decoy: partner user", nil, tree, file("f", "x", "private", userGrant("a@partner-soft.co.jp", RoleWriter)), nil},
		{"decoy: parent unknown (My Drive root)", nil, tree, file("f", "x", "root", anyoneLink(RoleReader)), nil},
		{"decoy: responder", nil, tree, &model.Item{ID: "f", Kind: model.KindForm, Parents: []string{"private"}, Permissions: []model.Permission{responder(anyoneLink(""))}}, nil},
		{"decoy: inherited drive grant", nil, tree, &model.Item{ID: "f", Name: "x", Kind: model.KindFile, DriveID: "drv", Parents: []string{"drv"}, Permissions: []model.Permission{inherited}}, nil},
	})
	c, _ := Lookup("SHARE-008")
	fs := c.(TreeCheck).CheckTree(testEnv(), tree, file("f", "x", "private", anyoneLink(RoleReader)))
	if fs[0].Evidence[EvParentID] != "private" || fs[0].Evidence[EvParentName] != "予算" {
		t.Errorf("evidence %v", fs[0].Evidence)
	}
}

// A shared-drive folder whose grants were omitted has none of its own: it
// carries what it inherits, so SHARE-008 compares with the first folder up
// the chain that lists its grants, as the fold does.
func TestShare008OmittedFolders(t *testing.T) {
	omitted := func(id, parent string) *model.Item {
		return &model.Item{ID: id, Name: id, Kind: model.KindFolder, DriveID: "sd", Parents: []string{parent}, PermissionsOmitted: true}
	}
	sd := &model.Item{ID: "sd", Name: "学務課", Kind: model.KindSharedDrive, DriveID: "sd",
		Permissions: []model.Permission{domainGrant("city.example.jp", RoleReader), userGrant("sato.k@city.example.jp", RoleOrganizer)}}
	pub := &model.Item{ID: "pub", Name: "公開", Kind: model.KindFolder, DriveID: "sd", Parents: []string{"sd"}, Permissions: []model.Permission{anyoneLink(RoleReader)}}
	vendor := &model.Item{ID: "vendor", Name: "委託", Kind: model.KindFolder, DriveID: "sd", Parents: []string{"sd"}, Permissions: []model.Permission{domainGrant("other-corp.co.jp", RoleWriter)}}
	limited := omitted("limited", "pub")
	limited.InheritedPermissionsDisabled = true
	tree := newTree(sd, pub, vendor, omitted("p1", "pub"), omitted("p2", "p1"), omitted("d1", "sd"), omitted("v1", "vendor"),
		limited, omitted("lost", "gone"))
	in := func(parent string, ps ...model.Permission) *model.Item {
		return &model.Item{ID: "f", Name: "x", Kind: model.KindFile, DriveID: "sd", Parents: []string{parent}, Permissions: ps}
	}
	runTreeCases(t, "SHARE-008", []treeCase{
		{"link under omitted folders of a drive without one", nil, tree, in("d1", anyoneLink(RoleReader)), []string{"high anyone:"}},
		{"outside user under omitted folders of a drive", nil, tree, in("d1", userGrant(outsider, RoleReader)), []string{"high user:" + outsider}},
		{"domain under a limited-access omitted folder", nil, tree, in("limited", domainGrant("city.example.jp", RoleReader)), []string{"high domain:city.example.jp"}},
		{"decoy: domain under omitted folders of a public folder", nil, tree, in("p2", domainGrant("city.example.jp", RoleReader)), nil},
		{"decoy: link under omitted folders of a public folder", nil, tree, in("p2", anyoneLink(RoleReader)), nil},
		{"decoy: drive's domain under an omitted folder", nil, tree, in("d1", domainGrant("city.example.jp", RoleReader)), nil},
		{"decoy: vendor user under an omitted folder of the vendor folder", nil, tree, in("v1", userGrant("a@other-corp.co.jp", RoleWriter)), nil},
		{"decoy: omitted folder whose parent is unknown", nil, tree, in("lost", anyoneLink(RoleReader)), nil},
	})
	c, _ := Lookup("SHARE-008")
	fs := c.(TreeCheck).CheckTree(testEnv(), tree, in("d1", anyoneLink(RoleReader)))
	if fs[0].Evidence[EvParentID] != "d1" {
		t.Errorf("evidence %v: parent_id names the item's own folder", fs[0].Evidence)
	}
}

func TestTreePathAndReach(t *testing.T) {
	drive := &model.Item{ID: "drv", Name: "保健所", Kind: model.KindSharedDrive, DriveID: "drv"}
	items := []*model.Item{
		folder("budget", "予算", "root"),
		folder("y2026", "2026", "budget"),
		file("f1", "患者名簿.xlsx", "y2026"),
		file("f2", "b", "y2026"),
		folder("lim", "限定", "budget"),
		file("f3", "c", "lim"),
		drive,
		{ID: "df", Name: "共有資料", Kind: model.KindFolder, DriveID: "drv", Parents: []string{"drv"}},
		{ID: "d1", Name: "d.pdf", Kind: model.KindFile, DriveID: "drv", Parents: []string{"df"}},
	}
	items[4].InheritedPermissionsDisabled = true
	tree := newTree(items...)
	for _, tc := range []struct {
		it   *model.Item
		want string
	}{
		{items[2], "/予算/2026/患者名簿.xlsx"},
		{items[0], "/予算"},
		{items[8], "/保健所/共有資料/d.pdf"},
		{drive, "/保健所"},
		{&model.Item{ID: "x", Name: "x.pdf", DriveID: "other", Parents: []string{"gone"}}, "…/x.pdf"},
		{file("loose", "loose.pdf", "someroot"), "/loose.pdf"},
	} {
		if got := tree.Path(tc.it); got != tc.want {
			t.Errorf("Path(%s) = %q, want %q", tc.it.ID, got, tc.want)
		}
	}
	for id, want := range map[string]int{"budget": 3, "y2026": 2, "lim": 1, "drv": 2, "df": 1, "nope": 0} {
		if got := tree.Reach(id); got != want {
			t.Errorf("Reach(%s) = %d, want %d", id, got, want)
		}
	}
	if !tree.IsBelow(items[2], "budget") || tree.IsBelow(items[0], "budget") || tree.IsBelow(items[2], "lim") {
		t.Error("IsBelow wrong")
	}
	// A cycle (never in Drive) must not hang.
	a, b := folder("a", "a", "b"), folder("b", "b", "a")
	cyc := newTree(a, b, file("z", "z", "a"))
	if p := cyc.Path(file("z", "z", "a")); !strings.HasSuffix(p, "/z") {
		t.Errorf("cycle path %q", p)
	}
	_ = cyc.IsBelow(file("z", "z", "a"), "nowhere")
}

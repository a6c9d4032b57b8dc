package checks

import (
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func metadataView(p model.Permission) model.Permission { p.View = "metadata"; return p }

// A limited-access folder lists "metadata" view permissions for those who
// may only see its name: they share nothing, and a grant below the folder
// still rolls up into the folder's real grant.
func TestMetadataViewIsNotSharing(t *testing.T) {
	outsider := "yamada@gmail.com"
	limited := folder("lim", "相談記録", "root",
		metadataView(anyoneLink(RoleReader)),
		metadataView(domainGrant("town.example.jp", RoleReader)),
		metadataView(userGrant("yamada@city-example.jp", RoleReader)),
		userGrant(outsider, RoleReader))
	limited.InheritedPermissionsDisabled = true
	items := []*model.Item{limited,
		file("f1", "相談票.pdf", "lim", userGrant(outsider, RoleReader)),
		file("f2", "記録.pdf", "lim", metadataView(userGrant("kimura@gmail.com", RoleReader)))}
	got := summarize(run(testEnv(), items))
	want := []string{"SHARE-005 high lim user:" + outsider + ":reader"}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, id := range []string{"SHARE-002", "SHARE-004", "SHARE-005", "SHARE-006", "SHARE-008"} {
		c, _ := Lookup(id)
		var fs []model.Finding
		for _, it := range items {
			switch c := c.(type) {
			case ItemCheck:
				fs = append(fs, c.CheckItem(testEnv(), it)...)
			case TreeCheck:
				fs = append(fs, c.CheckTree(testEnv(), newTree(items...), it)...)
			}
		}
		for _, f := range fs {
			if f.Principal != nil && f.Principal.Email != outsider {
				t.Errorf("%s reported a metadata view: %v", id, summarize([]model.Finding{f}))
			}
		}
	}
}

// A metadata view on a folder neither covers a file's grant (SHARE-008
// still fires) nor makes the file's grant fold into the folder.
func TestMetadataViewDoesNotCover(t *testing.T) {
	fo := folder("lim", "会議", "root", metadataView(anyoneLink(RoleReader)))
	fo.InheritedPermissionsDisabled = true
	items := []*model.Item{fo, file("f", "議事メモ", "lim", anyoneLink(RoleReader))}
	got := summarize(run(testEnv(), items))
	want := []string{"SHARE-008 high f anyone::reader", "SHARE-002 high f anyone::reader"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package checks

import (
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func TestShare010DeletedAccount(t *testing.T) {
	gone := deleted(userGrant("yamada.old@city.example.jp", RoleWriter))
	runItemCases(t, "SHARE-010", []itemCase{
		{"deleted user", file("f1", "議事録.docx", "", gone), []string{"medium"}},
		{"deleted group with personal data", file("f2", "住民名簿.xlsx", "", deleted(groupGrant("old-team@city.example.jp", RoleReader))), []string{"high"}},
		{"deleted outside user", file("f3", "資料.pdf", "", deleted(userGrant("someone@gmail.com", RoleReader))), []string{"medium"}},
		{"active user: decoy", file("f4", "議事録.docx", "", userGrant("sato.y@city.example.jp", RoleWriter)), nil},
		{"deleted responder grant: decoy", form("f5", "申込", &model.Form{}, deleted(responder(userGrant("x@city.example.jp", RoleReader)))), nil},
		{"link sharing: decoy", file("f6", "議事録.docx", "", anyoneLink(RoleReader)), nil},
	})
}

// A folder still shared with a deleted account is one finding on the folder
// (its files list the inherited grant), although such a grant is no sharing
// grant; a child whose deleted grant has a higher role is its own finding.
func TestShare010RollsUpToTheFolder(t *testing.T) {
	gone := deleted(userGrant("yamada.old@city.example.jp", RoleReader))
	items := []*model.Item{folder("fo", "引継ぎ", "root", gone)}
	for _, id := range []string{"a", "b", "c"} {
		items = append(items, file(id, id+".docx", "fo", gone))
	}
	items = append(items, file("w", "w.docx", "fo", deleted(userGrant("yamada.old@city.example.jp", RoleWriter))))
	var got []string
	for _, f := range run(testEnv(), items) {
		if f.CheckID == "SHARE-010" {
			got = append(got, f.Resource.ID)
			if f.Resource.ID == "fo" && f.Evidence[EvItemsReached] != 4 {
				t.Errorf("items_reached %v, want 4", f.Evidence[EvItemsReached])
			}
		}
	}
	slices.Sort(got)
	if want := []string{"fo", "w"}; !slices.Equal(got, want) {
		t.Errorf("SHARE-010 on %v, want %v (the folder, and the child with a higher role)", strings.Join(got, ","), want)
	}
}

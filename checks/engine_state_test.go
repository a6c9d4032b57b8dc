package checks

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// A run split into forked walks, checkpointed through gob and restored into
// a fresh engine finds exactly what one engine fed everything finds.
func TestEngineForkMergeStateRestore(t *testing.T) {
	env := testEnv()
	env.Revocations = []model.Revocation{{FolderID: "covid", Type: model.TypeUser, Email: lookal, At: time.Date(2020, 11, 20, 9, 0, 0, 0, time.UTC)}}
	items := []*model.Item{
		folder("covid", "新型コロナ対策本部", "root", userGrant("sato.y@city.example.jp", RoleWriter)),
		file("list", "陽性患者一覧.xlsx", "covid", userGrant(lookal, RoleReader)),
		folder("pub", "公開資料", "root", anyoneLink(RoleReader)),
	}
	for i := range 40 {
		items = append(items, file(fmt.Sprintf("p%02d", i), fmt.Sprintf("資料%02d", i), "pub", anyoneLink(RoleReader)))
	}
	items = append(items, form("f1", "イベント申込", &model.Form{Page: &model.PageSettings{SummaryPublished: true}}, responder(anyoneLink(""))))

	wantFindings := run(env, items)
	want := summarize(wantFindings)

	whole := NewEngine(env)
	first, second := whole.Fork(), whole.Fork()
	for i, it := range items {
		if i%2 == 0 {
			first.Add(it)
		} else {
			second.Add(it)
		}
	}
	abandoned := whole.Fork() // a walk that never finished: never merged
	abandoned.Add(file("ghost", "名簿.xlsx", "root", anyoneLink(RoleReader)))
	whole.Merge(first)

	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(whole.State()); err != nil {
		t.Fatalf("encode state: %v", err)
	}
	var saved EngineState
	if err := gob.NewDecoder(&buf).Decode(&saved); err != nil {
		t.Fatalf("decode state: %v", err)
	}
	resumed := NewEngine(env)
	resumed.Restore(saved)
	resumed.Merge(second)
	if got, want := resumed.Counts(), (Counts{Items: len(items), Forms: model.FormCount{Total: 1, Verified: 1}}); got != want {
		t.Errorf("counts %+v, want %+v (the abandoned walk's item must not count)", got, want)
	}
	gotFindings := resumed.Finish()
	got := summarize(gotFindings)
	if !slices.Equal(got, want) {
		t.Errorf("resumed engine found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	a, _ := json.Marshal(wantFindings)
	b, _ := json.Marshal(gotFindings)
	if !bytes.Equal(a, b) {
		t.Errorf("findings differ in detail (evidence, paths):\n%s\n%s", a, b)
	}
}

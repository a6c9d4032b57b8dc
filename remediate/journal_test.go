package remediate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/remediate"
)

const begin = `{"seq":1,"at":"2026-12-07T09:00:00Z","op":"begin","schema":"gwsaudit.fix-journal/v1","plan_sha256":"ab"}` + "\n"

// Records appended survive a reopen; a last record cut short by a crash
// is dropped and cut off, so the next one starts on its own line.
func TestJournalAppendAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fix.journal")
	j, err := remediate.OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	perm := &model.Permission{ID: "anyoneWithLink", Type: "anyone", Role: "reader"}
	for _, r := range []remediate.Record{
		{Op: remediate.OpBegin, Schema: remediate.JournalSchema, PlanSHA256: "ab"},
		{Op: remediate.OpRemoving, Action: 1, ItemID: "f", Permission: perm},
		{Op: remediate.OpRemoved, Action: 1, ItemID: "f", Permission: perm},
	} {
		if err := j.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq":4,"op":"remo`)
	f.Close()

	j, err = remediate.OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(j.Records()); n != 3 {
		t.Fatalf("%d records after reopening, want 3", n)
	}
	if err := j.Append(remediate.Record{Op: remediate.OpGone, Action: 2}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	data, _ := os.ReadFile(path)
	recs, err := remediate.ReadJournal(bytes.NewReader(data))
	if err != nil || len(recs) != 4 || recs[3].Seq != 4 {
		t.Fatalf("after the cut: %d records, %v\n%s", len(recs), err, data)
	}
}

// Journals that are not gwsaudit's, or broken in the middle, are refused.
func TestReadJournalRefuses(t *testing.T) {
	for name, c := range map[string]struct{ data, want string }{
		"no begin":   {`{"seq":1,"op":"removed","action":1}` + "\n", "starts with"},
		"garbage":    {begin + "not json\n", "line 2"},
		"order":      {begin + `{"seq":1,"op":"gone","action":1}` + "\n", "does not follow"},
		"unknown op": {begin + `{"seq":2,"op":"delete_all","action":1}` + "\n", "unknown op"},
		"no perm":    {begin + `{"seq":2,"op":"removed","action":1,"item_id":"f"}` + "\n", "without action, item or permission"},
		"no newline": {`{"hello": 1}`, "not a journal record"},
	} {
		_, err := remediate.ReadJournal(strings.NewReader(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

func FuzzReadJournal(f *testing.F) {
	f.Add([]byte(begin + `{"seq":2,"op":"removed","action":1,"item_id":"f","permission":{"type":"anyone","role":"reader"}}` + "\n"))
	f.Add([]byte(begin + `{"seq":2,"op":"skipped","action":3,"code":"changed"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := remediate.ReadJournal(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i, r := range recs {
			if i == 0 && r.Op != remediate.OpBegin || i > 0 && r.Seq <= recs[i-1].Seq {
				t.Fatalf("accepted record %d: %+v", i, r)
			}
			if (r.Op == remediate.OpRemoved || r.Op == remediate.OpRestored) && r.Permission == nil {
				t.Fatalf("accepted a %s without its permission", r.Op)
			}
		}
	})
}

// A journal keeps to the plan it began with: an edited plan (or another
// one) is refused before anything is read or changed.
func TestApplyRefusesAnotherPlansJournal(t *testing.T) {
	j, err := remediate.OpenJournal(filepath.Join(t.TempDir(), "fix.journal"))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if err := j.Append(remediate.Record{Op: remediate.OpBegin, Schema: remediate.JournalSchema, PlanSHA256: "first"}); err != nil {
		t.Fatal(err)
	}
	p := build(t, remediate.Selection{})
	_, err = remediate.Apply(t.Context(), nil, p, "edited", j, remediate.ApplyOptions{})
	if err == nil || !strings.Contains(err.Error(), "another plan") {
		t.Errorf("apply with another plan's journal: %v", err)
	}
	if n := len(j.Records()); n != 1 {
		t.Errorf("%d records after the refusal", n)
	}
}

// A file that is not a journal and has no whole line (a crash-cut journal
// has one, or starts with its begin record) is refused and left as it was.
func TestOpenJournalKeepsOtherFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	const data = `{"hello": 1}`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if j, err := remediate.OpenJournal(path); err == nil {
		j.Close()
		t.Fatal("opened a file that is not a journal")
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != data {
		t.Errorf("the file now holds %q (%v), want it untouched", got, err)
	}
}

package emulator_test

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func TestChangesAfterUpdate(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{})
	svc := driveAs(t, base, "suzuki@example.jp")
	start, err := svc.Changes.GetStartPageToken().Do()
	if err != nil {
		t.Fatal(err)
	}
	// Sato shares the limited-access folder's plan with Suzuki, and a new file appears.
	s.Update(func(tn *emulator.Tenant) {
		for i := range tn.Files {
			if tn.Files[i].ID == "f-secret" {
				tn.Files[i].Permissions = append(tn.Files[i].Permissions, emulator.Permission{Type: "user", Role: "reader", Email: "suzuki@example.jp"})
			}
		}
		tn.Files = append(tn.Files, emulator.File{ID: "f-new", Name: "New", Kind: "document", Owner: "sato@example.jp", Parent: "f-projects"})
	})
	l, err := svc.Changes.List(start.StartPageToken).Fields("nextPageToken,newStartPageToken,changes(fileId,removed,file(id,name))").Do()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, c := range l.Changes {
		got[c.FileId] = true
		if c.File == nil || c.File.Id != c.FileId {
			t.Errorf("change %+v without its file", c)
		}
	}
	if len(got) != 2 || !got["f-secret"] || !got["f-new"] || l.NewStartPageToken == "" || l.NextPageToken != "" {
		t.Errorf("changes = %v, next %q new %q", got, l.NextPageToken, l.NewStartPageToken)
	}
	// The grant is visible at once; nothing new after the new start token.
	if _, err := svc.Files.Get("f-secret").Do(); err != nil {
		t.Errorf("after Update: %v", err)
	}
	again, err := svc.Changes.List(l.NewStartPageToken).Do()
	if err != nil || len(again.Changes) != 0 {
		t.Errorf("second poll: %+v, %v", again, err)
	}
	_, err = svc.Changes.List("not-a-token").Do()
	wantAPIError(t, err, 400, "invalid")
}

func TestUpdateWithoutChangesRecordsNone(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{})
	svc := driveAs(t, base, "sato@example.jp")
	start, err := svc.Changes.GetStartPageToken().Do()
	if err != nil {
		t.Fatal(err)
	}
	s.UpdateWithoutChanges(func(tn *emulator.Tenant) {
		for i := range tn.Files {
			if tn.Files[i].ID == "form-closed" {
				tn.Files[i].Form.SummaryPublished = true
			}
		}
	})
	l, err := svc.Changes.List(start.StartPageToken).Do()
	if err != nil || len(l.Changes) != 0 || l.NewStartPageToken != start.StartPageToken {
		t.Errorf("changes after UpdateWithoutChanges: %+v, %v", l, err)
	}
	// The change itself is live: the closed form's summary is now served.
	resp, _ := fetch(t, base+"/forms/d/e/"+pidOf(t, testTenant(t), "form-closed")+"/viewanalytics")
	if resp.StatusCode != 200 {
		t.Errorf("summary after the update: %d", resp.StatusCode)
	}
}

package auditor_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// driveDone closes done when the first shared-drive walk finishes.
type driveDone struct {
	once sync.Once
	done chan struct{}
}

func (d *driveDone) ItemSeen(model.Task, *model.Item) {}
func (d *driveDone) TaskDone(t model.Task, _ string) {
	if t.Kind == model.TaskDrive {
		d.once.Do(func() { close(d.done) })
	}
}
func (d *driveDone) AuditLogRead(time.Time, []model.Revocation) {}

// A user walk waiting on the Forms API (whose quota is a small fraction of
// Drive's) must not hold back shared-drive walks, nor the reverse: users and
// drives are walked side by side, in pools of their own. Here, with one
// worker, the shared drive's listing is answered only once a form was asked
// for, and the form only once the drive was walked: both walks must be in
// flight at once, which one shared pool of one worker never allows.
func TestFormsDoNotHoldBackSharedDrives(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-a", Name: "説明会 申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers}, Form: &emulator.Form{Questions: []string{"氏名"}}},
		emulator.File{ID: "drv-file", Name: "名簿", Kind: "spreadsheet", Drive: "drv-1",
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
	)
	tn.SharedDrives = []emulator.SharedDrive{{ID: "drv-1", Name: "総務課", Members: []emulator.Permission{
		{Type: "user", Email: owner, Role: "organizer"}}}}
	srv, err := emulator.New(tn, emulator.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	seen := &driveDone{done: make(chan struct{})}
	formAsked, askOnce := make(chan struct{}), sync.Once{}
	waited := make(chan bool, 16)
	wait := func(c <-chan struct{}) { // bounded, so a regression fails instead of hanging
		select {
		case <-c:
			waited <- true
		case <-time.After(10 * time.Second):
			waited <- false
		}
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/v1/forms/"):
			askOnce.Do(func() { close(formAsked) })
			wait(seen.done)
		case strings.HasSuffix(r.URL.Path, "/files") && r.URL.Query().Get("corpora") == "drive":
			wait(formAsked)
		}
		srv.ServeHTTP(w, r)
	}))
	defer hs.Close()
	srv.SetBaseURL(hs.URL)

	opts := testOptions(srv, admin)
	opts.Endpoint = hs.URL
	opts.Concurrency = 1
	opts.Inventory = seen
	res := audit(t, opts)
	close(waited)
	for ok := range waited {
		if !ok {
			t.Fatal("the user's form and the shared drive were not walked side by side")
		}
	}
	if count(res.Findings, "SHARE-002", "drv-file") != 1 || res.Coverage.Forms.Verified != 1 {
		t.Errorf("findings %+v, forms %+v, gaps %+v", res.Findings, res.Coverage.Forms, res.Coverage.Gaps)
	}
}

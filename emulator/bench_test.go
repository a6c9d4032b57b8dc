package emulator_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
)

// The fields an audit asks for with its Drive listings.
var (
	benchMyDrive     = auditor.DriveFields.MyDriveList
	benchSharedDrive = auditor.DriveFields.SharedDriveList
	benchPermList    = auditor.DriveFields.PermissionList
)

var benchSpec = emulator.SyntheticSpec{Users: 10, ItemsPerUser: 900, SharedDrives: 4, ItemsPerDrive: 1000}

func benchServer(b *testing.B) (*emulator.Server, *emulator.Tenant) {
	b.Helper()
	tn, _ := emulator.Synthetic(benchSpec)
	s, err := emulator.New(tn, emulator.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s, tn
}

// BenchmarkAuditPass lists every user's My Drive, every shared drive and the
// permissions of each shared-drive item with grants of its own, through the
// real Drive client, as an audit does. One op is one whole pass; client
// decoding is included.
func BenchmarkAuditPass(b *testing.B) {
	s, tn := benchServer(b)
	ts := httptest.NewServer(s)
	defer ts.Close()
	s.SetBaseURL(ts.URL)
	ctx := context.Background()
	svcFor := func(who string) *drive.Service {
		svc, err := drive.NewService(ctx, option.WithEndpoint(ts.URL+"/drive/v3/"), option.WithHTTPClient(clientFor(who)))
		if err != nil {
			b.Fatal(err)
		}
		return svc
	}
	admin := svcFor("admin@" + emulator.SyntheticDomain)
	users := map[string]*drive.Service{}
	for _, u := range tn.Users[1:] {
		users[u.Email] = svcFor(u.Email)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, u := range tn.Users[1:] {
			err := users[u.Email].Files.List().Q("'me' in owners and trashed = false").Corpora("user").Spaces("drive").
				IncludePermissionsForView("published").PageSize(1000).Fields(googleapi.Field(benchMyDrive)).
				Pages(ctx, func(l *drive.FileList) error { n += len(l.Files); return nil })
			if err != nil {
				b.Fatal(err)
			}
		}
		for _, d := range tn.SharedDrives {
			var aug []string
			err := admin.Files.List().Corpora("drive").DriveId(d.ID).IncludeItemsFromAllDrives(true).SupportsAllDrives(true).
				Q("trashed = false").PageSize(1000).Fields(googleapi.Field(benchSharedDrive)).
				Pages(ctx, func(l *drive.FileList) error {
					n += len(l.Files)
					for _, f := range l.Files {
						if f.HasAugmentedPermissions {
							aug = append(aug, f.Id)
						}
					}
					return nil
				})
			if err != nil {
				b.Fatal(err)
			}
			for _, id := range aug {
				if _, err := admin.Permissions.List(id).SupportsAllDrives(true).PageSize(100).Fields(googleapi.Field(benchPermList)).Do(); err != nil {
					b.Fatal(err)
				}
			}
		}
		if n == 0 {
			b.Fatal("nothing listed")
		}
	}
}

// benchRequests are the requests of one audit pass, as the Drive client
// sends them, for the handler benchmarks.
func benchRequests(tn *emulator.Tenant, myDrive, shared, perms bool) []*http.Request {
	var out []*http.Request
	add := func(who, path string, q url.Values) {
		q.Set("alt", "json")
		q.Set("prettyPrint", "false")
		r := httptest.NewRequest("GET", "http://emulator"+path+"?"+q.Encode(), nil)
		r.Header.Set("Authorization", "Bearer "+who)
		out = append(out, r)
	}
	admin := "admin@" + emulator.SyntheticDomain
	if myDrive {
		for _, u := range tn.Users[1:] {
			add(u.Email, "/drive/v3/files", url.Values{"q": {"'me' in owners and trashed = false"}, "corpora": {"user"}, "spaces": {"drive"},
				"includePermissionsForView": {"published"}, "pageSize": {"1000"}, "fields": {benchMyDrive}})
		}
	}
	for _, d := range tn.SharedDrives {
		if shared {
			add(admin, "/drive/v3/files", url.Values{"corpora": {"drive"}, "driveId": {d.ID}, "includeItemsFromAllDrives": {"true"},
				"supportsAllDrives": {"true"}, "q": {"trashed = false"}, "pageSize": {"1000"}, "fields": {benchSharedDrive}})
		}
		if perms {
			for i := 9; i < benchSpec.ItemsPerDrive; i += 50 {
				add(admin, fmt.Sprintf("/drive/v3/files/%s-f%06d/permissions", d.ID, i), url.Values{"supportsAllDrives": {"true"},
					"pageSize": {"100"}, "fields": {benchPermList}})
			}
		}
	}
	return out
}

// benchHandler serves reqs straight to the handler (no network, no
// client): the emulator's own cost. Only first pages are asked for. Each
// op starts from a fresh index, as an audit reads each item once.
func benchHandler(b *testing.B, myDrive, shared, perms bool) {
	s, tn := benchServer(b)
	reqs := benchRequests(tn, myDrive, shared, perms)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s.Update(func(*emulator.Tenant) {})
		b.StartTimer()
		for _, r := range reqs {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("%s: %d %s", r.URL, w.Code, w.Body)
			}
		}
	}
}

func BenchmarkHandlerMyDrive(b *testing.B)     { benchHandler(b, true, false, false) }
func BenchmarkHandlerSharedDrive(b *testing.B) { benchHandler(b, false, true, false) }
func BenchmarkHandlerPermissions(b *testing.B) { benchHandler(b, false, false, true) }

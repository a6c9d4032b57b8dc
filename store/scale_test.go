package store_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// scaleTenant builds a tenant of about n items: users with nested folders,
// files (some shared by link or with outsiders), forms (3%), and shared
// drives where one item in five has grants of its own.
func scaleTenant(n int) *emulator.Tenant {
	const users, drives, foldersPerUser = 50, 5, 30
	perDrive := n / 10 / drives
	perUser := (n - perDrive*drives) / users
	t := &emulator.Tenant{CustomerID: "C0scale", PrimaryDomain: "city.example.jp",
		Users: []emulator.User{{Email: admin, Admin: true}}}
	for d := range drives {
		id := fmt.Sprintf("sd-%d", d)
		t.SharedDrives = append(t.SharedDrives, emulator.SharedDrive{ID: id, Name: "課" + strconv.Itoa(d),
			Members: []emulator.Permission{{Type: "user", Role: "organizer", Email: "u0@city.example.jp"}}})
		for i := range perDrive {
			f := emulator.File{ID: fmt.Sprintf("%s-f%d", id, i), Name: fmt.Sprintf("資料%d", i), Kind: "spreadsheet", Drive: id}
			if i%5 == 0 {
				f.Permissions = []emulator.Permission{{Type: "user", Role: "reader", Email: fmt.Sprintf("u%d@city.example.jp", i%users)}}
			}
			if i%97 == 0 {
				f.Permissions = append(f.Permissions, emulator.Permission{Type: "anyone", Role: "reader"})
			}
			t.Files = append(t.Files, f)
		}
	}
	for u := range users {
		owner := fmt.Sprintf("u%d@city.example.jp", u)
		t.Users = append(t.Users, emulator.User{Email: owner})
		for i := range foldersPerUser {
			f := emulator.File{ID: fmt.Sprintf("u%d-d%d", u, i), Name: fmt.Sprintf("フォルダ%d", i), Kind: "folder", Owner: owner}
			if i > 0 {
				f.Parent = fmt.Sprintf("u%d-d%d", u, (i-1)/2)
			}
			t.Files = append(t.Files, f)
		}
		for i := range perUser - foldersPerUser {
			f := emulator.File{ID: fmt.Sprintf("u%d-f%d", u, i), Name: fmt.Sprintf("文書%d", i), Kind: "document", Owner: owner}
			if i%4 != 0 {
				f.Parent = fmt.Sprintf("u%d-d%d", u, i%foldersPerUser)
			}
			switch {
			case i%33 == 0:
				f.Kind, f.Name = "form", fmt.Sprintf("アンケート%d", i)
				f.Permissions = []emulator.Permission{{Type: "anyone", Role: "reader", View: "published"}}
				f.Form = &emulator.Form{Questions: []string{"ご意見"}}
			case i%50 == 1:
				f.Permissions = []emulator.Permission{{Type: "anyone", Role: "reader"}}
			case i%71 == 2:
				f.Permissions = []emulator.Permission{{Type: "user", Role: "reader", Email: fmt.Sprintf("p%d@gmail.com", i)}}
			}
			t.Files = append(t.Files, f)
		}
	}
	return t
}

// scaleChanges is a handful of changes: shares added and removed, a
// form's summary turned on, a file moved into a folder, a folder shared
// with an outsider (its subtree inherits), a file trashed, and a shared
// drive file shared by link.
func scaleChanges(s *emulator.Server) {
	s.Update(func(t *emulator.Tenant) {
		for i := range t.Files {
			f := &t.Files[i]
			switch f.ID {
			case "u1-f5":
				f.Permissions = append(f.Permissions, emulator.Permission{Type: "anyone", Role: "writer"})
			case "u2-f1":
				f.Permissions = nil
			case "u3-f33":
				f.Form.SummaryPublished = true
			case "u4-f4":
				f.Parent = "u4-d7"
			case "u5-d3":
				f.Permissions = []emulator.Permission{{Type: "user", Role: "reader", Email: "vendor@partner.example"}}
			case "u6-f9":
				f.Trashed = true
			case "sd-1-f3":
				f.Permissions = append(f.Permissions, emulator.Permission{Type: "anyone", Role: "reader"})
			}
		}
	})
}

// TestIncrementalScale measures an incremental run after a handful of
// changes against a full run of the changed tenant. With GWSAUDIT_BENCH=1
// the tenant has 100,000 items and the incremental run must make under 2%
// of the full run's Google API calls (docs/BENCHMARKS.md; form pages, read
// anonymously outside any quota, are counted apart); otherwise it has 4,000
// and only the findings are compared.
func TestIncrementalScale(t *testing.T) {
	n, bench := 4000, os.Getenv("GWSAUDIT_BENCH") == "1"
	if bench {
		n = 100_000
	}
	if v, err := strconv.Atoi(os.Getenv("GWSAUDIT_BENCH_ITEMS")); err == nil && v > 0 {
		n = v
	}
	tn := scaleTenant(n)
	items := len(tn.Files)
	srv := serve(t, tn)
	opts := options(srv)
	opts.Concurrency = 8
	st := openStore(t)

	began := time.Now()
	first := fullRun(t, st, opts)
	t.Logf("full run with store: %d items, %d findings, %s", first.Coverage.Items, len(first.Findings), time.Since(began).Round(time.Millisecond))

	scaleChanges(srv)
	later := opts
	later.Now = func() time.Time { return testNow.Add(24 * time.Hour) }

	srv.ResetCalls()
	began = time.Now()
	inc := incrementalRun(t, st, later)
	incCalls, incTook := callTotal(srv.Calls()), time.Since(began)
	incByMethod := srv.Calls()
	incPages := pageTotal(incByMethod)

	srv.ResetCalls()
	began = time.Now()
	full := fullRun(t, openStore(t), later)
	fullCalls, fullTook, fullPages := callTotal(srv.Calls()), time.Since(began), pageTotal(srv.Calls())

	ratio := float64(incCalls) / float64(fullCalls)
	t.Logf("tenant %d items: full run %d API calls and %d form pages in %s; incremental %d calls (%.2f%%) and %d form pages in %s",
		items, fullCalls, fullPages, fullTook.Round(time.Millisecond), incCalls, 100*ratio, incPages, incTook.Round(time.Millisecond))
	t.Logf("incremental calls by method: %v", incByMethod)
	if d := cmp.Diff(fingerprints(full.Findings), fingerprints(inc.Findings)); d != "" {
		t.Errorf("incremental findings differ from a full run's (-full +incremental):\n%s", d)
	}
	if full.Coverage.Items != inc.Coverage.Items || full.Coverage.Forms != inc.Coverage.Forms {
		t.Errorf("coverage: full %+v, incremental %+v", full.Coverage, inc.Coverage)
	}
	if bench && ratio >= 0.02 {
		t.Errorf("incremental run made %.2f%% of a full run's API calls, want under 2%%", 100*ratio)
	}
	// Every form's public page is read again (its summary setting changes
	// without a Drive change), and no more than a full run reads.
	if incPages == 0 || incPages > fullPages {
		t.Errorf("incremental run read %d form pages, full run %d: want every form's page, once", incPages, fullPages)
	}
}

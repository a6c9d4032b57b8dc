package emulator_test

import (
	"maps"
	"net/http"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func set(ids ...string) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}

func TestIdentityComesFromBearer(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	q := "'me' in owners and trashed = false"
	cases := map[string]map[string]bool{
		"sato@example.jp": set("f-projects", "f-report", "f-private", "f-secret", "form-survey", "form-internal",
			"form-legacy", "form-closed", "form-draft"),
		"kimura@example.jp": set("f-kimura-notes"),
		"admin@example.jp":  set(),
	}
	for who, want := range cases {
		res, err := driveAs(t, base, who).Files.List().Q(q).Fields("files(id)").Do()
		if err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		if got := idsOf(res.Files); !maps.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", who, got, want)
		}
	}
	// Without q, the list holds what the caller is granted on (directly, via
	// a group, or through a folder), not what the domain may open.
	res, err := driveAs(t, base, "suzuki@example.jp").Files.List().Fields("files(id)").Do()
	if err != nil {
		t.Fatal(err)
	}
	if got := idsOf(res.Files); !maps.Equal(got, set("f-projects", "f-report", "f-kimura-notes")) {
		t.Errorf("suzuki sees %v", got)
	}
	// Reachable by link or domain grant, not listed, still gettable.
	if _, err := driveAs(t, base, "kimura@example.jp").Files.Get("f-report").Do(); err != nil {
		t.Errorf("domain-shared get: %v", err)
	}
	_, err = driveAs(t, base, "suzuki@example.jp").Files.Get("f-secret").Do()
	if ge := wantAPIError(t, err, 404, "notFound"); ge.Message != "File not found: f-secret." {
		t.Errorf("message %q", ge.Message)
	}
	about, err := driveAs(t, base, "kimura@example.jp").About.Get().Fields("user").Do()
	if err != nil || about.User.EmailAddress != "kimura@example.jp" || !about.User.Me {
		t.Errorf("about = %+v, %v", about, err)
	}
}

func TestMissingBearerIs401(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	code, body := getJSON(t, "", base+"/drive/v3/files")
	e := body["error"].(map[string]any)
	if code != 401 || e["status"] != "UNAUTHENTICATED" || e["code"] != float64(401) {
		t.Fatalf("%d %v", code, body)
	}
	_, err := driveAs(t, base, "").Files.List().Do()
	wantAPIError(t, err, 401, "required")
	_, err = driveAs(t, base, "nobody@example.jp").Files.List().Do()
	wantAPIError(t, err, 401, "authError")
	_, err = driveAs(t, base, "tanaka@example.jp").Files.List().Do() // suspended
	wantAPIError(t, err, 401, "authError")
	_, err = driveAs(t, base, "ya29.made-up").Files.List().Do()
	wantAPIError(t, err, 401, "authError")
}

func TestQueryLanguage(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	svc := driveAs(t, base, "sato@example.jp")
	cases := map[string]map[string]bool{
		"mimeType = 'application/vnd.google-apps.folder'": set("f-projects", "f-private"),
		"'f-projects' in parents":                         set("f-report", "f-private", "f-kimura-notes"),
		"name contains 'REPORT'":                          set("f-report"),
		"trashed = true":                                  set("f-old"),
		"'root' in parents and mimeType != 'application/vnd.google-apps.form' and not trashed = true": set("f-projects"),
		"(name = 'Projects' or name = 'Private') and 'me' in owners":                                  set("f-projects", "f-private"),
		"'suzuki@example.jp' in writers":                                                              set("f-projects", "f-report", "f-kimura-notes"),
		"modifiedTime > '2025-02-01T00:00:00Z'":                                                       set("f-report"),
		"name = 'It\\'s' or name = 'Report 2025'":                                                     set("f-report"),
	}
	for q, want := range cases {
		res, err := svc.Files.List().Q(q).Fields("files(id)").Do()
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		if got := idsOf(res.Files); !maps.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", q, got, want)
		}
	}
	for _, bad := range []string{"foo bar", "name = ", "'x' in nowhere", "trashed = 'yes'", "name contains 'x' and", "(name = 'x'"} {
		_, err := svc.Files.List().Q(bad).Do()
		if ge := wantAPIError(t, err, 400, "invalid"); ge.Message != "Invalid Value" {
			t.Errorf("%q: message %q", bad, ge.Message)
		}
	}
	res, err := svc.Files.List().Q("'f-projects' in parents").OrderBy("folder,name").Fields("files(id)").Do()
	if err != nil || len(res.Files) != 3 || res.Files[0].Id != "f-private" || res.Files[1].Id != "f-kimura-notes" {
		t.Errorf("orderBy folder: %v %v", idsOf(res.Files), err)
	}
	_, err = svc.Files.List().OrderBy("size").Do()
	wantAPIError(t, err, 400, "invalid")
}

func TestUnknownParameterAndBadPageToken(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	code, body := getJSON(t, "sato@example.jp", base+"/drive/v3/files?bogus=1")
	e := body["error"].(map[string]any)
	if code != 400 || e["errors"].([]any)[0].(map[string]any)["reason"] != "invalidParameter" {
		t.Fatalf("%d %v", code, body)
	}
	// The standard parameters every Go client sends are fine.
	code, _ = getJSON(t, "sato@example.jp", base+"/drive/v3/files?alt=json&prettyPrint=false&quotaUser=x&%24.xgafv=2")
	if code != 200 {
		t.Fatalf("standard params: %d", code)
	}
	_, err := driveAs(t, base, "sato@example.jp").Files.List().PageToken("garbage").Do()
	wantAPIError(t, err, 400, "invalid")
	resp, err := clientFor("sato@example.jp").Get(base + "/drive/v3/nothing-here")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown path: %d", resp.StatusCode)
	}
}

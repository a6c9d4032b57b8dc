package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// perfMasks are `fields` selections the byte renderers must honour exactly
// as mask.apply does ("" = the method's defaults).
var perfMasks = []string{
	"", "*", "kind", "nextPageToken", "incompleteSearch,kind", "files", "files(*)", "permissions", "permissions(*)",
	"files(id)", "files/id,files/permissions", "files(id,name,permissions)",
	"nextPageToken,files(id,name,mimeType,parents,owners(emailAddress),webViewLink,modifiedTime,inheritedPermissionsDisabled," +
		"permissions(id,type,role,emailAddress,domain,allowFileDiscovery,view,deleted))",
	"nextPageToken,files(id,name,mimeType,parents,owners(emailAddress),webViewLink,modifiedTime,inheritedPermissionsDisabled,driveId,hasAugmentedPermissions)",
	"nextPageToken,permissions(id,type,role,emailAddress,domain,allowFileDiscovery,view,deleted,permissionDetails(inherited,inheritedFrom))",
	"files(permissions(permissionDetails))", "files(permissions(*))", "files(permissions/id)", "files(permissions(nothing))",
	"files(owners)", "files(owners(me,displayName))", "files(owners/kind)", "files(owners(*))", "files(owners(nothing))",
	"files(parents(x),spaces(y),id(z))", "files(nothing)", "nothing", "files(*,id)",
	"files(kind,id,name,mimeType,driveId,teamDriveId,hasAugmentedPermissions,shared,starred,trashed,createdTime,modifiedTime," +
		"webViewLink,writersCanShare,viewersCanCopyContent,inheritedPermissionsDisabled,ownedByMe,spaces)",
	"permissions(permissionDetails)", "permissions(permissionDetails(*))", "permissions(permissionDetails/role,id)",
	"permissions(kind,id,type,role,emailAddress,domain,displayName,allowFileDiscovery,view,deleted)",
}

func TestPerfKeysSorted(t *testing.T) {
	for _, keys := range [][]string{fileKeys, ownerKeys, permKeys, detailKeys} {
		if !slices.IsSorted(keys) || len(keys) > 32 {
			t.Errorf("keys not sorted or too many: %v", keys)
		}
	}
}

// perfTenant is testdata/tenant.yaml plus items whose names need escaping.
func perfTenant(t *testing.T) *Tenant {
	t.Helper()
	tn, err := Load("testdata/tenant.yaml")
	if err != nil {
		t.Fatal(err)
	}
	owner := tn.Users[1].Email
	tn.Users[1].Name = "Sato <&> \"花子\"\u2028"
	for i, name := range []string{"a<b>&c", "quote\" back\\slash", "ctl\x01\b\f\n\r\t", "bad\xffutf8", "line\u2028sep\u2029", "日本語ファイル"} {
		tn.Files = append(tn.Files, File{ID: "perf-" + string(rune('a'+i)) + "&<", Name: name, Kind: []string{"file", "folder", "form", "spreadsheet", "document", "pdf"}[i],
			Owner: owner, Permissions: []Permission{{Type: "domain", Domain: "example.jp", Role: "reader", Discoverable: i%2 == 0},
				{Type: "anyone", Role: "reader", View: "published"}, {Type: "user", Email: "gone@example.jp", Role: "writer", Deleted: i%3 == 0}}})
	}
	if err := tn.normalize(); err != nil {
		t.Fatal(err)
	}
	return tn
}

func marshalApplied(t *testing.T, m *mask, v any) []byte {
	t.Helper()
	out, err := json.Marshal(m.apply(v))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAppendFileMatchesFileJSON checks the byte renderers against the
// map-based ones for every item, caller, option and mask.
func TestAppendFileMatchesFileJSON(t *testing.T) {
	tn := perfTenant(t)
	ix := newIndex(tn)
	for i := range tn.Files {
		f := &tn.Files[i]
		computed, cached := ix.grants(f), ix.grants(f) // the second comes from the cache
		if !reflect.DeepEqual(computed, ix.effective(f)) || !reflect.DeepEqual(cached, ix.effective(f)) {
			t.Fatalf("%s: cached grants differ", f.ID)
		}
	}
	for _, fields := range perfMasks {
		top, err := parseMask(fields)
		if fields == "" {
			top, err = nil, nil
		}
		if err != nil {
			t.Fatal(err)
		}
		_, sub := pick(top, "files")
		sel := compileFileSel(sub)
		_, psub := pick(top, "permissions")
		psel := compilePermSel(psub)
		for i := range tn.Files {
			f := &tn.Files[i]
			for _, u := range tn.Users {
				for _, o := range []renderOpts{{}, {permissions: true}, {published: true}, {permissions: true, published: true}} {
					want := marshalApplied(t, sub, ix.fileJSON(f, u.Email, o))
					got := ix.appendFile(nil, f, u.Email, o, &sel)
					if !bytes.Equal(got, want) {
						t.Fatalf("fields %q, %s as %s, %+v:\n got %s\nwant %s", fields, f.ID, u.Email, o, got, want)
					}
				}
			}
			for _, g := range ix.effective(f) {
				want := marshalApplied(t, psub, ix.permissionJSON(g))
				if got := ix.appendPermission([]byte{}, &g, psel); !bytes.Equal(got, want) {
					t.Fatalf("fields %q, %s permission:\n got %s\nwant %s", fields, f.ID, got, want)
				}
			}
		}
	}
}

// TestRenderedListsMatchMaps checks whole files.list and permissions.list
// answers, envelope and pages included, against the map-based rendering.
func TestRenderedListsMatchMaps(t *testing.T) {
	tn := perfTenant(t)
	s, err := New(tn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	get := func(who, path string, q url.Values) []byte {
		req, _ := http.NewRequest("GET", ts.URL+path+"?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+who)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json; charset=UTF-8" {
			t.Fatalf("%s %v: %d %s", path, q, resp.StatusCode, body)
		}
		return body
	}
	type listing struct {
		who, path string
		q         url.Values
	}
	var listings []listing
	for _, u := range tn.Users {
		if u.Suspended {
			continue
		}
		listings = append(listings,
			listing{u.Email, "/drive/v3/files", url.Values{"pageSize": {"2"}}},
			listing{u.Email, "/drive/v3/files", url.Values{"q": {"'me' in owners and trashed = false"}, "includePermissionsForView": {"published"}}},
			listing{u.Email, "/drive/v3/files", url.Values{"corpora": {"allDrives"}, "includeItemsFromAllDrives": {"true"}, "supportsAllDrives": {"true"}}})
	}
	listings = append(listings, listing{"kimura@example.jp", "/drive/v3/files", url.Values{"corpora": {"drive"}, "driveId": {"sd-sales"},
		"includeItemsFromAllDrives": {"true"}, "supportsAllDrives": {"true"}, "pageSize": {"1"}}})
	ix := s.ix
	for _, l := range listings {
		for _, fields := range perfMasks {
			q := maps2(l.q)
			// The items and token of this page, then the page itself with fields.
			q.Set("fields", "nextPageToken,files(id)")
			var ids struct {
				NextPageToken string
				Files         []struct{ ID string }
			}
			if err := json.Unmarshal(get(l.who, l.path, q), &ids); err != nil {
				t.Fatal(err)
			}
			q.Del("fields")
			if fields != "" {
				q.Set("fields", fields)
			}
			got := get(l.who, l.path, q)
			o := renderOpts{permissions: fields != "" && mustMask(t, fields).has("files", "permissions"), published: q.Get("includePermissionsForView") != ""}
			files := []any{}
			for _, x := range ids.Files {
				files = append(files, ix.fileJSON(ix.files[x.ID], l.who, o))
			}
			body := map[string]any{"kind": "drive#fileList", "incompleteSearch": false, "files": files}
			if ids.NextPageToken != "" {
				body["nextPageToken"] = ids.NextPageToken
			}
			top := mustMask(t, "kind,nextPageToken,incompleteSearch,files(kind,id,name,mimeType)")
			if fields != "" {
				top = mustMask(t, fields)
			}
			if want := marshalApplied(t, top, body); !bytes.Equal(got, want) {
				t.Fatalf("%s %v:\n got %s\nwant %s", l.who, q, got, want)
			}
		}
	}
	// permissions.list on every item and the shared drive, one per page.
	for _, id := range append(slices.Sorted(mapsKeys(ix.files)), "sd-sales") {
		who := "kimura@example.jp"
		if f := ix.files[id]; f != nil && f.Drive == "" {
			who = f.Owner
		}
		for _, fields := range perfMasks {
			q := url.Values{"supportsAllDrives": {"true"}, "pageSize": {"1"}, "includePermissionsForView": {"published"}}
			for page := 0; ; page++ {
				if fields != "" {
					q.Set("fields", fields)
				}
				got := get(who, "/drive/v3/files/"+url.PathEscape(id)+"/permissions", q)
				q.Del("fields")
				var full map[string]any
				if err := json.Unmarshal(get(who, "/drive/v3/files/"+url.PathEscape(id)+"/permissions", withFields(q, "*")), &full); err != nil {
					t.Fatal(err)
				}
				var grants []grant
				if d := ix.drives[id]; d != nil {
					for _, m := range d.Members {
						grants = append(grants, grant{Permission: m, details: []detail{{permissionType: "member", role: m.Role}}})
					}
				} else {
					grants = ix.effective(ix.files[id])
				}
				perms := []any{}
				if page < len(grants) {
					perms = append(perms, ix.permissionJSON(grants[page]))
				}
				body := map[string]any{"kind": "drive#permissionList", "permissions": perms}
				if tok, ok := full["nextPageToken"]; ok {
					body["nextPageToken"] = tok
				}
				top := mustMask(t, "kind,nextPageToken,permissions(kind,id,type,role)")
				if fields != "" {
					top = mustMask(t, fields)
				}
				if want := marshalApplied(t, top, body); !bytes.Equal(got, want) {
					t.Fatalf("permissions of %s, fields %q:\n got %s\nwant %s", id, fields, got, want)
				}
				tok, _ := full["nextPageToken"].(string)
				if tok == "" {
					break
				}
				q.Set("pageToken", tok)
			}
		}
	}
}

func mustMask(t *testing.T, s string) *mask {
	t.Helper()
	m, err := parseMask(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func maps2(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = slices.Clone(v)
	}
	return out
}

func withFields(q url.Values, fields string) url.Values {
	out := maps2(q)
	out.Set("fields", fields)
	return out
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestAppendStringMatchesMarshal(t *testing.T) {
	for _, s := range []string{"", "plain", "a<b>&c", "q\"b\\", "\x00\x1f\b\f\n\r\t", "\xff\xfe", "\u2028\u2029", "日本語", "é\xc3", strings.Repeat("x", 100)} {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s want %s", s, got, want)
		}
		if got := appendString3(nil, "pre/", s, "/post"); !bytes.Equal(got, mustJSON(t, "pre/"+s+"/post")) {
			t.Errorf("%q: got %s", s, got)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestIndexPlace(t *testing.T) {
	tn := perfTenant(t)
	ix := newIndex(tn)
	for i := range tn.Files {
		if got, ok := ix.place(&tn.Files[i]); !ok || got != i {
			t.Fatalf("place(&Files[%d]) = %d, %v", i, got, ok)
		}
	}
	cp := tn.Files[3]
	for _, f := range []*File{&cp, {}, nil} {
		if _, ok := ix.place(f); ok {
			t.Errorf("place(%p) found an item not in the index", f)
		}
		if f != nil && !reflect.DeepEqual(ix.grants(f), ix.effective(f)) {
			t.Errorf("grants of an outside item differ")
		}
	}
	if _, ok := newIndex(&Tenant{}).place(&cp); ok {
		t.Error("empty index found an item")
	}
}

package emulator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func TestLoadDefaults(t *testing.T) {
	tn := testTenant(t)
	byID := map[string]emulator.File{}
	for _, f := range tn.Files {
		byID[f.ID] = f
	}
	for id, want := range map[string]string{
		"f-projects": "application/vnd.google-apps.folder", "f-report": "application/vnd.google-apps.document",
		"f-old": "application/pdf", "form-survey": "application/vnd.google-apps.form",
		"f-secret": "application/vnd.google-apps.spreadsheet",
	} {
		if got := byID[id].MimeType; got != want {
			t.Errorf("%s: mimeType %q, want %q", id, got, want)
		}
	}
	if fm := byID["form-internal"].Form; fm.Title != "Internal poll" || !strings.HasPrefix(fm.PublishedID, "1FAIpQL") || fm.EmailCollection != "DO_NOT_COLLECT" {
		t.Errorf("form defaults = %+v", fm)
	}
	if byID["sd-form"].Form == nil || byID["form-legacy"].Form.PublishedID != "1FAIpQLSlegacyLegacyLegacyLegacyLegacyLegacyLegacyLeg" {
		t.Error("form settings lost")
	}
}

func TestParseJSONAndNormalisesCase(t *testing.T) {
	tn, err := emulator.Parse([]byte(`{"primary_domain":"Example.JP","users":[{"email":"Sato@Example.JP"}],
		"files":[{"id":"a","name":"A","owner":"SATO@example.jp","permissions":[{"type":"user","role":"reader","email":"X@Y.example"}]}]}`), "json")
	if err != nil {
		t.Fatal(err)
	}
	if tn.Users[0].Email != "sato@example.jp" || tn.Files[0].Owner != "sato@example.jp" || tn.Files[0].Permissions[0].Email != "x@y.example" ||
		tn.PrimaryDomain != "example.jp" || tn.Files[0].MimeType != "application/octet-stream" || tn.CustomerID == "" {
		t.Errorf("normalised = %+v", tn)
	}
}

func TestParseRejects(t *testing.T) {
	head := "primary_domain: example.jp\nusers:\n  - {email: sato@example.jp}\n"
	cases := map[string]string{
		"typo in a key (line number)": head + "files:\n  - {id: a, name: A, ownr: sato@example.jp}\n",
		"duplicate ID":                head + "files:\n  - {id: a, name: A, owner: sato@example.jp}\n  - {id: a, name: B, owner: sato@example.jp}\n",
		"unknown owner":               head + "files:\n  - {id: a, name: A, owner: nobody@example.jp}\n",
		"missing parent":              head + "files:\n  - {id: a, name: A, owner: sato@example.jp, parent: nope}\n",
		"parent not a folder":         head + "files:\n  - {id: p, name: P, owner: sato@example.jp}\n  - {id: a, name: A, owner: sato@example.jp, parent: p}\n",
		"unknown drive":               head + "files:\n  - {id: a, name: A, drive: sd-x}\n",
		"unknown kind":                head + "files:\n  - {id: a, name: A, kind: movie, owner: sato@example.jp}\n",
		"unknown role":                head + "files:\n  - {id: a, name: A, owner: sato@example.jp, permissions: [{type: anyone, role: boss}]}\n",
		"parent cycle":                head + "files:\n  - {id: a, name: A, kind: folder, owner: sato@example.jp, parent: b}\n  - {id: b, name: B, kind: folder, owner: sato@example.jp, parent: a}\n",
		"no primary domain":           "users: []\n",
		"empty":                       "",
		"duplicate user":              head + "  - {email: SATO@example.jp}\n",
		"unknown group setting":       head + "groups:\n  - {email: g@example.jp, who_can_view_group: EVERYONE}\n",
		"bad sign_in":                 head + "files:\n  - {id: a, name: A, kind: form, owner: sato@example.jp, form: {sign_in: maybe}}\n",
		"sign_in domain, anyone answers": head + "files:\n  - {id: a, name: A, kind: form, owner: sato@example.jp, form: {sign_in: domain},\n" +
			"     permissions: [{type: anyone, role: reader, view: published}]}\n",
	}
	for name, doc := range cases {
		_, err := emulator.Parse([]byte(doc), "yaml")
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		t.Logf("%s: %v", name, err)
	}
	_, err := emulator.Parse([]byte(cases["typo in a key (line number)"]), "yaml")
	if !strings.Contains(err.Error(), "line 5") || !strings.Contains(err.Error(), "ownr") {
		t.Errorf("typo error lacks line/field: %v", err)
	}
	_, err = emulator.Parse([]byte(`{"primary_domain":"x.example","userz":[]}`), "json")
	if err == nil {
		t.Error("unknown JSON key accepted")
	}
	if _, err := emulator.Parse([]byte(head), "toml"); err == nil {
		t.Error("unknown format accepted")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(p, []byte(cases["unknown owner"]), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := emulator.Load(p); err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "file a") {
		t.Errorf("Load error should name the file and the item: %v", err)
	}
}

func FuzzParseTenant(f *testing.F) {
	seed, _ := os.ReadFile("testdata/tenant.yaml")
	f.Add(seed, "yaml")
	f.Add([]byte(`{"primary_domain":"a.example","users":[{"email":"a@a.example"}],"files":[{"id":"x","name":"x","owner":"a@a.example","parent":"x"}]}`), "json")
	f.Add([]byte("primary_domain: a\nfiles: [{id: a, kind: folder, parent: a}]"), "yml")
	f.Fuzz(func(t *testing.T, data []byte, format string) {
		tn, err := emulator.Parse(data, format)
		if err == nil {
			if _, err := emulator.New(tn, emulator.Options{}); err != nil {
				t.Fatalf("Parse accepted what New rejects: %v", err)
			}
		}
	})
}

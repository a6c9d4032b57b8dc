package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedTableUpToDate regenerates the table from the module cache
// and compares it with the checked-in emulator/discovery_gen.go.
func TestGeneratedTableUpToDate(t *testing.T) {
	dir, version, err := apiModule()
	if err != nil {
		t.Skipf("google.golang.org/api not available: %v", err)
	}
	for _, rel := range docs {
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
			t.Skipf("module cache lacks %s: %v", rel, err)
		}
	}
	got, err := generate(dir, version)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "discovery_gen.go")
	if err := os.WriteFile(out, got, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../discovery_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("emulator/discovery_gen.go is stale (fresh copy in %s): run `go generate ./emulator`", out)
	}
}

// TestPageSizeLimits pins the limits read from the documents of the
// methods the audit pages through.
func TestPageSizeLimits(t *testing.T) {
	dir, _, err := apiModule()
	if err != nil {
		t.Skipf("google.golang.org/api not available: %v", err)
	}
	want := map[string]entry{
		"drive.files.list":        {sizeParam: "pageSize", maxSize: 1000, coerce: true},
		"drive.permissions.list":  {sizeParam: "pageSize", maxSize: 100, coerce: true},
		"drive.drives.list":       {sizeParam: "pageSize", maxSize: 100, coerce: true},
		"drive.changes.list":      {sizeParam: "pageSize", maxSize: 1000, coerce: true},
		"directory.users.list":    {sizeParam: "maxResults", maxSize: 500},
		"directory.members.list":  {sizeParam: "maxResults", maxSize: 200, coerce: true},
		"directory.groups.list":   {sizeParam: "maxResults", maxSize: 200, coerce: true},
		"reports.activities.list": {sizeParam: "maxResults", maxSize: 1000},
	}
	for _, rel := range docs[:3] {
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
			t.Skipf("module cache lacks %s", rel)
		}
	}
	for id, w := range want {
		got, err := lookup(dir, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.sizeParam != w.sizeParam || got.maxSize != w.maxSize || got.coerce != w.coerce {
			t.Errorf("%s: %s ≤ %d coerce=%t, want %s ≤ %d coerce=%t", id, got.sizeParam, got.maxSize, got.coerce, w.sizeParam, w.maxSize, w.coerce)
		}
	}
}

package emulator_test

import (
	"net/http"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func TestStartAndClose(t *testing.T) {
	s, err := emulator.New(testTenant(t), emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if s.TokenURL() != base+"/token" || s.BaseURL() != base {
		t.Errorf("base %q token %q", base, s.TokenURL())
	}
	res, err := driveAs(t, base, "sato@example.jp").Files.List().Q("name = 'Projects'").Do()
	if err != nil || len(res.Files) != 1 {
		t.Fatalf("list: %v %v", res, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(base + "/site/index.html"); err == nil {
		t.Error("still serving after Close")
	}
	if _, err := emulator.New(testTenant(t), emulator.Options{FaultRate: 2}); err == nil {
		t.Error("fault rate 2 accepted")
	}
}

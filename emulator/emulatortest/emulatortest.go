// Package emulatortest starts the Workspace emulator on loopback for a test,
// as net/http/httptest does for a handler, and stops it when the test ends.
package emulatortest

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// Serve serves tn on a free loopback port until t ends.
func Serve(t testing.TB, tn *emulator.Tenant, opts emulator.Options) *emulator.Server {
	t.Helper()
	srv, err := emulator.New(tn, opts)
	if err != nil {
		t.Fatalf("emulator: %v", err)
	}
	if _, err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("emulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// ServeFile serves the tenant file at path until t ends.
func ServeFile(t testing.TB, path string, opts emulator.Options) *emulator.Server {
	t.Helper()
	tn, err := emulator.Load(path)
	if err != nil {
		t.Fatalf("emulator: %v", err)
	}
	return Serve(t, tn, opts)
}

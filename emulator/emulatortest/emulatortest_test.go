package emulatortest_test

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

func TestServeFileAnswersAndStops(t *testing.T) {
	var base string
	t.Run("served", func(t *testing.T) {
		srv := emulatortest.ServeFile(t, filepath.Join("..", "testdata", "tenant.yaml"), emulator.Options{})
		base = srv.BaseURL()
		resp, err := http.Get(base + "/drive/v3/files")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("no bearer: %d, want 401", resp.StatusCode)
		}
	})
	if _, err := http.Get(base + "/drive/v3/files"); err == nil {
		t.Error("the emulator still answers after its test ended")
	}
}

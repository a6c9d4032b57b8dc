package emulator_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func FuzzHang(f *testing.F) {
	seed, _ := os.ReadFile("testdata/tenant.yaml")
	f.Add(seed, "yaml")
	f.Add([]byte("primary_domain: a\nfiles: [{id: a, kind: folder, parent: a}]"), "yml")
	f.Fuzz(func(t *testing.T, data []byte, format string) {
		done := make(chan bool)
		go func() {
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				panic(fmt.Sprintf("HANG %q %q", data, format))
			}
		}()
		tn, err := emulator.Parse(data, format)
		if err == nil {
			emulator.New(tn, emulator.Options{})
		}
		close(done)
	})
}

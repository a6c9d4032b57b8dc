package auditor_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// Repeated runs in one process (a scheduler embedding the auditor) must not
// leave goroutines or memory behind.
func TestRepeatedRunsDoNotLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the audit five times")
	}
	tn, _ := emulator.Synthetic(emulator.SyntheticSpec{Users: 6, ItemsPerUser: 300, SharedDrives: 2, ItemsPerDrive: 200})
	srv := serve(t, tn, emulator.Options{})
	opts := testOptions(srv, "admin@"+emulator.SyntheticDomain)

	baseGoroutines := 0
	settle := func() (int, uint64) {
		// Let finished goroutines exit; poll rather than sleep a fixed time.
		var g int
		for range 50 {
			runtime.GC()
			if g = runtime.NumGoroutine(); g <= baseGoroutines {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return g, ms.HeapAlloc
	}
	audit(t, opts) // warm up: connections, lazily built tables
	baseGoroutines = runtime.NumGoroutine()
	_, baseHeap := settle()
	for i := range 4 {
		audit(t, opts)
		g, heap := settle()
		if g > baseGoroutines {
			t.Errorf("run %d: %d goroutines, %d after the first run", i+2, g, baseGoroutines)
		}
		if heap > baseHeap+4<<20 {
			t.Errorf("run %d: live heap %d KiB, %d KiB after the first run", i+2, heap>>10, baseHeap>>10)
		}
	}
}

package pipeline

import (
	"os"
	"strconv"
	"strings"
)

// peakRSSKiB is this process's peak resident set size (Linux VmHWM), or 0
// where /proc is not available. Logged at the end of a run so that operators
// (and make bench) see what an audit needed.
func peakRSSKiB() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

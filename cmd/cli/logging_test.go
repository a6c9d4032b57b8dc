package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// TestLoggerSerializesWrites: the walk logs from many goroutines into
// one writer; with -race this fails unless the logger serializes them, and
// every line must come out whole.
func TestLoggerSerializesWrites(t *testing.T) {
	for _, format := range []string{"json", "console"} {
		var buf bytes.Buffer
		log, err := newLogger(&buf, "info", format)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := range 50 {
					log.Info().Int("g", g).Int("i", i).Msg("walked")
				}
			})
		}
		wg.Wait()
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != 400 {
			t.Errorf("%s: %d lines, want 400", format, len(lines))
		}
		for _, l := range lines {
			if !strings.Contains(l, "walked") {
				t.Errorf("%s: broken line %q", format, l)
				break
			}
		}
	}
}

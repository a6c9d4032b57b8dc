package main

import (
	"strings"
	"testing"
)

func TestSpliceGeneratedKeepsOtherSections(t *testing.T) {
	first := spliceGenerated("", "# Benchmarks\nv1\n")
	if !strings.Contains(first, "v1") || !strings.HasPrefix(first, beginMark) {
		t.Fatalf("first write: %q", first)
	}
	withNotes := first + "\n## Incremental runs\nnumbers\n"
	second := spliceGenerated(withNotes, "# Benchmarks\nv2\n")
	if strings.Contains(second, "v1") || !strings.Contains(second, "v2") || !strings.Contains(second, "## Incremental runs\nnumbers") {
		t.Errorf("second write lost or kept the wrong parts: %q", second)
	}
	handWritten := spliceGenerated("## Incremental runs\nnumbers\n", "gen\n")
	if !strings.HasPrefix(handWritten, beginMark) || !strings.Contains(handWritten, "## Incremental runs") {
		t.Errorf("a file without markers: %q", handWritten)
	}
}

package cli

import (
	"io"
	"sync"
)

// statusLine is stderr on a terminal shared by the progress line and the
// log: a log message first erases the progress line, so that the two never
// share a line, and the progress line is drawn again below it.
type statusLine struct {
	mu   sync.Mutex
	w    io.Writer
	line string // the progress line on screen, "" when none
}

// eraseLine returns the cursor to the line's start and clears it.
const eraseLine = "\r\033[K"

// Write writes a log message (Write implements io.Writer for the logger).
func (s *statusLine) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.line != "" {
		_, _ = io.WriteString(s.w, eraseLine)
	}
	n, err := s.w.Write(p)
	if s.line != "" {
		_, _ = io.WriteString(s.w, s.line)
	}
	return n, err
}

// show draws line as the progress line, replacing the one before.
func (s *statusLine) show(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.line = line
	_, _ = io.WriteString(s.w, eraseLine+line)
}

// done ends the progress line: what follows starts on a line of its own.
func (s *statusLine) done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.line != "" {
		_, _ = io.WriteString(s.w, "\n")
	}
	s.line = ""
}

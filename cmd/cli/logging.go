package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
)

// newLogger writes logs to stderr: readable on a terminal, JSON lines
// otherwise (cron, Cloud Run, Kubernetes), or as --log-format says.
func newLogger(w io.Writer, level, format string) (zerolog.Logger, error) {
	if level == "" {
		level = "info" // zerolog reads "" as no level: every message, errors too, would be dropped
	}
	lvl, err := zerolog.ParseLevel(level)
	if err != nil {
		return zerolog.Nop(), fmt.Errorf("--log-level: %w", err)
	}
	switch format {
	case "json":
	case "console":
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
	case "auto", "":
		if isTerminal(w) {
			w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
		}
	default:
		return zerolog.Nop(), fmt.Errorf("--log-format %q: want json, console or auto", format)
	}
	// The walk logs from many goroutines: one message at a time reaches w
	// (a bytes.Buffer in tests, a pipe under cron).
	return zerolog.New(zerolog.SyncWriter(w)).Level(lvl).With().Timestamp().Logger(), nil
}

// isTerminal reports whether w is a terminal (a statusLine is when the
// writer below it is).
func isTerminal(w io.Writer) bool {
	if s, ok := w.(*statusLine); ok {
		return isTerminal(s.w)
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

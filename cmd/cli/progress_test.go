package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
)

func TestProgressPrinter(t *testing.T) {
	var b bytes.Buffer
	p := progressPrinter(&statusLine{w: &b}, "en")
	p(auditor.Progress{UsersDone: 1, UsersTotal: 4, Items: 500, Elapsed: 2 * time.Second})
	if got := b.String(); !strings.Contains(got, "users 1/4") || !strings.Contains(got, "250/s") || !strings.Contains(got, "ETA 6s") {
		t.Errorf("progress line %q", got)
	}
	b.Reset()
	progressPrinter(&statusLine{w: &b}, "ja")(auditor.Progress{UsersDone: 4, UsersTotal: 4, Items: 9, Elapsed: time.Second})
	if got := b.String(); !strings.Contains(got, "ユーザー 4/4") || !strings.HasSuffix(got, "\n") {
		t.Errorf("final progress line %q", got)
	}
}

// An API slowed down by quota refusals is named on the progress line with
// its rate, in either language.
func TestProgressPrinterSaysThrottled(t *testing.T) {
	p := auditor.Progress{UsersTotal: 4, Throttled: []auditor.Throttle{{API: "Forms API", Rate: 0.8, Configured: 6}}}
	var b bytes.Buffer
	progressPrinter(&statusLine{w: &b}, "en")(p)
	if got := b.String(); !strings.Contains(got, "Forms API throttled to 0.8 req/s after quota refusals") {
		t.Errorf("progress line %q", got)
	}
	b.Reset()
	progressPrinter(&statusLine{w: &b}, "ja")(p)
	if got := b.String(); !strings.Contains(got, "Forms API はクォータ超過の応答により 0.8 件/秒に減速中") {
		t.Errorf("progress line %q", got)
	}
}

// A log message while the progress line is shown erases it first, starts
// on a line of its own, and the progress line comes back below it.
func TestLogNeverSharesTheProgressLine(t *testing.T) {
	var b bytes.Buffer
	line := &statusLine{w: &b}
	show := progressPrinter(line, "en")
	show(auditor.Progress{UsersDone: 1, UsersTotal: 4, Items: 10, Elapsed: time.Second})
	log, err := newLogger(line, "info", "json")
	if err != nil {
		t.Fatal(err)
	}
	log.Warn().Msg("coverage gap")
	got := b.String()
	logAt := strings.Index(got, `{"level":"warn"`)
	if logAt < 0 {
		t.Fatalf("no log message in %q", got)
	}
	before, after := got[:logAt], got[logAt:]
	if !strings.HasSuffix(before, eraseLine) {
		t.Errorf("the log message does not start on an erased line: %q", got)
	}
	if !strings.HasSuffix(after, "users 1/4  shared drives 0/0  items 10 (10/s)  ETA 3s") || !strings.Contains(after, "}\n") {
		t.Errorf("the progress line is not drawn again below the log message: %q", after)
	}
	show(auditor.Progress{UsersDone: 4, UsersTotal: 4, Items: 40, Elapsed: 2 * time.Second})
	b.Reset()
	log.Info().Msg("audit finished")
	if strings.Contains(b.String(), "users") || strings.HasPrefix(b.String(), eraseLine) {
		t.Errorf("after the last progress line a log message is written plainly: %q", b.String())
	}
}

// The Japanese progress line speaks Japanese durations (残り 1 分 5 秒).
func TestProgressJapaneseETA(t *testing.T) {
	var b bytes.Buffer
	progressPrinter(&statusLine{w: &b}, "ja")(auditor.Progress{UsersDone: 1, UsersTotal: 14, Items: 10, Elapsed: 5 * time.Second})
	if got := b.String(); !strings.Contains(got, "残り 1 分 5 秒") {
		t.Errorf("progress line %q, want 残り 1 分 5 秒", got)
	}
	for d, want := range map[time.Duration]string{time.Second: "1 秒", 3723 * time.Second: "1 時間 2 分 3 秒"} {
		if got := japaneseDuration(d); got != want {
			t.Errorf("japaneseDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

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
	p := progressPrinter(&b, "en")
	p(auditor.Progress{UsersDone: 1, UsersTotal: 4, Items: 500, Elapsed: 2 * time.Second})
	if got := b.String(); !strings.Contains(got, "users 1/4") || !strings.Contains(got, "250/s") || !strings.Contains(got, "ETA 6s") {
		t.Errorf("progress line %q", got)
	}
	b.Reset()
	progressPrinter(&b, "ja")(auditor.Progress{UsersDone: 4, UsersTotal: 4, Items: 9, Elapsed: time.Second})
	if got := b.String(); !strings.Contains(got, "ユーザー 4/4") || !strings.HasSuffix(got, "\n") {
		t.Errorf("final progress line %q", got)
	}
}

// An API slowed down by quota refusals is named on the progress line with
// its rate, in either language.
func TestProgressPrinterSaysThrottled(t *testing.T) {
	p := auditor.Progress{UsersTotal: 4, Throttled: []auditor.Throttle{{API: "Forms API", Rate: 0.8, Configured: 6}}}
	var b bytes.Buffer
	progressPrinter(&b, "en")(p)
	if got := b.String(); !strings.Contains(got, "Forms API throttled to 0.8 req/s after quota refusals") {
		t.Errorf("progress line %q", got)
	}
	b.Reset()
	progressPrinter(&b, "ja")(p)
	if got := b.String(); !strings.Contains(got, "Forms API はクォータ超過の応答により 0.8 件/秒に減速中") {
		t.Errorf("progress line %q", got)
	}
}

package cli

import (
	"fmt"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
)

// progressPrinter redraws one status line on a terminal: users and shared
// drives done, items per second, the estimated time left, and any API that
// quota refusals slowed down. Log messages written through the same
// statusLine never share its line.
func progressPrinter(out *statusLine, lang string) func(auditor.Progress) {
	format := "users %d/%d  shared drives %d/%d  items %d (%.0f/s)  ETA %s"
	throttled := "  %s throttled to %s req/s after quota refusals"
	if lang == "ja" {
		format = "ユーザー %d/%d  共有ドライブ %d/%d  アイテム %d（%.0f 件/秒）  残り %s"
		throttled = "  %s はクォータ超過の応答により %s 件/秒に減速中"
	}
	return func(p auditor.Progress) {
		eta := "—"
		if d := p.ETA(); d > 0 {
			eta = d.Round(time.Second).String()
			if lang == "ja" {
				eta = japaneseDuration(d)
			}
		}
		line := fmt.Sprintf(format, p.UsersDone, p.UsersTotal, p.DrivesDone, p.DrivesTotal, p.Items, p.ItemsPerSecond(), eta)
		for _, t := range p.Throttled {
			line += fmt.Sprintf(throttled, t.API, auditor.FormatRate(t.Rate))
		}
		out.show(line)
		if p.UsersDone == p.UsersTotal && p.DrivesDone == p.DrivesTotal {
			out.done()
		}
	}
}

// japaneseDuration writes d to the second as Japanese does: 1 時間 2 分 3 秒.
func japaneseDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case h > 0:
		return fmt.Sprintf("%d 時間 %d 分 %d 秒", h, m, sec)
	case m > 0:
		return fmt.Sprintf("%d 分 %d 秒", m, sec)
	}
	return fmt.Sprintf("%d 秒", sec)
}

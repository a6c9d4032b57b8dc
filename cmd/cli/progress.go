package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
)

// progressPrinter redraws one status line on a terminal: users and shared
// drives done, items per second, and the estimated time left.
func progressPrinter(w io.Writer, lang string) func(auditor.Progress) {
	format := "\r\033[Kusers %d/%d  shared drives %d/%d  items %d (%.0f/s)  ETA %s"
	if lang == "ja" {
		format = "\r\033[Kユーザー %d/%d  共有ドライブ %d/%d  アイテム %d（%.0f 件/秒）  残り %s"
	}
	return func(p auditor.Progress) {
		eta := "—"
		if d := p.ETA(); d > 0 {
			eta = d.Round(time.Second).String()
		}
		fmt.Fprintf(w, format, p.UsersDone, p.UsersTotal, p.DrivesDone, p.DrivesTotal, p.Items, p.ItemsPerSecond(), eta)
		if p.UsersDone == p.UsersTotal && p.DrivesDone == p.DrivesTotal {
			fmt.Fprintln(w)
		}
	}
}

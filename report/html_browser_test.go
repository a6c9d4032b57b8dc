package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium or Chrome binary ($GWSAUDIT_CHROMIUM first).
func chromium() string {
	if p := os.Getenv("GWSAUDIT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestHTMLInBrowser opens the HTML report in headless Chromium: the page's
// own script runs, hostile names run nothing, nothing is fetched from the
// network, and filtering, sorting and grouping by owner work. The
// screenshot is kept in the test's artifact directory (go test -artifacts).
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("chromium not found, so the HTML report's browser test is skipped: install it (Debian/Ubuntu: apt-get install -y --no-install-recommends chromium) or set GWSAUDIT_CHROMIUM=/path/to/chrome")
	}
	sample := sampleDoc()
	d := New(sample.Run, sample.Coverage, append(sample.Findings, hostileDoc().Findings...))
	path := filepath.Join(t.TempDir(), "report.html")
	if err := WriteFile(path, d, Options{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var dialogs, fetched []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			dialogs = append(dialogs, e.Message)
		case page.EventJavascriptDialogOpening:
			dialogs = append(dialogs, e.Message)
		case *network.EventRequestWillBeSent:
			fetched = appendRemote(fetched, e.Request.URL)
		case network.EventRequestWillBeSent:
			fetched = appendRemote(fetched, e.Request.URL)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1400, 1000))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithListener(listen))
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx); err != nil { // start the browser and attach the tab
		t.Fatalf("chromium: start: %v", err)
	}
	go func() { // an alert would block the page: dismiss it (and count it above)
		for _, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()

	const visible = `Array.from(document.querySelectorAll("#findings tbody tr.f")).filter(r => !r.hidden)`
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("chromium: %s: %v", what, err)
		}
	}
	eval := func(expr string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("chromium: %s: %v", expr, err)
		}
		return n
	}
	do("open", chromedp.Navigate("file://"+path))
	do("wait for the script", chromedp.WaitVisible(chromedp.ID("controls"))) // the page's script ran under its CSP
	total := eval(`document.querySelectorAll("#findings tbody tr.f").length`)
	pwned := eval(`typeof window.__pwned === "undefined" ? 0 : 1`)

	do("type a filter", chromedp.SendKeys(chromedp.ID("q"), "児童名簿"))
	matched := eval(visible + `.length`)
	shownText, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("shown")))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), "report-html-filtered.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	do("clear the filter, click the critical count",
		chromedp.Evaluate[chromedp.Void](`(() => { const q = document.getElementById("q"); q.value = ""; q.dispatchEvent(new Event("input")); })()`),
		chromedp.Click(chromedp.CSS(`.counts button[data-sev="4"]`)))
	critical := eval(visible + `.length`)
	do("sort by check ID", chromedp.Click(chromedp.CSS(`.counts button[data-sev="4"]`)),
		chromedp.Click(chromedp.CSS(`#findings thead th:nth-child(2)`)))
	sorted := eval(`(() => { const ids = ` + visible + `.map(r => r.cells[1].textContent); return ids.every((v, i) => i === 0 || ids[i-1] <= v) ? ids.length : -1; })()`)
	do("group by owner", chromedp.Click(chromedp.ID("group")))
	groups := eval(`document.querySelectorAll("#findings tbody tr.g").length`)
	owners := eval(`new Set(` + visible + `.map(r => r.getAttribute("data-owner"))).size`)
	shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), "report-html-grouped.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	if total != len(d.Findings) {
		t.Errorf("%d rows, want %d", total, len(d.Findings))
	}
	mu.Lock()
	defer mu.Unlock()
	if pwned != 0 || len(dialogs) > 0 {
		t.Errorf("a hostile name ran script: __pwned=%v dialogs=%q", pwned, dialogs)
	}
	if len(fetched) > 0 {
		t.Errorf("the page fetched from the network: %q", fetched)
	}
	if matched != 2 {
		t.Errorf("filter 児童名簿: %d rows visible, want 2", matched)
	}
	if want := "2 件を表示（全 " + num(total) + " 件）"; shownText != want {
		t.Errorf("counter %q, want %q", shownText, want)
	}
	if critical != d.Summary.Critical {
		t.Errorf("critical filter: %d rows, want %d", critical, d.Summary.Critical)
	}
	if sorted != total {
		t.Errorf("sort by check ID: %d (want %d rows in order)", sorted, total)
	}
	if groups != owners || groups < 2 {
		t.Errorf("group by owner: %d group rows for %d owners", groups, owners)
	}
}

// appendRemote records a URL unless it is the report itself or inline data.
func appendRemote(list []string, u string) []string {
	if strings.HasPrefix(u, "file://") || strings.HasPrefix(u, "data:") {
		return list
	}
	return append(list, u)
}

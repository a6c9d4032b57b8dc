package report

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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

// browser starts headless Chromium for a test (or skips the test when
// there is none) and returns its tab, whose listener records dialogs and
// requests, with helpers that fail the test on error.
type browser struct {
	t       *testing.T
	ctx     context.Context
	mu      sync.Mutex
	dialogs []string
	fetched []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	bin := chromium()
	if bin == "" {
		t.Skip("chromium not found, so the HTML report's browser test is skipped: install it (Debian/Ubuntu: apt-get install -y --no-install-recommends chromium) or set GWSAUDIT_CHROMIUM=/path/to/chrome")
	}
	b := &browser{t: t}
	listen := func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			b.dialogs = append(b.dialogs, e.Message)
		case page.EventJavascriptDialogOpening:
			b.dialogs = append(b.dialogs, e.Message)
		case *network.EventRequestWillBeSent:
			b.fetched = appendRemote(b.fetched, e.Request.URL)
		case network.EventRequestWillBeSent:
			b.fetched = appendRemote(b.fetched, e.Request.URL)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true), chromedp.WindowSize(1280, 800))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelA)
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithListener(listen))
	t.Cleanup(cancelC)
	ctx, cancelT := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancelT)
	b.ctx = ctx
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
	return b
}

func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("chromium: %s: %v", what, err)
	}
}

func (b *browser) eval(expr string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](expr))
	if err != nil {
		b.t.Fatalf("chromium: %s: %v", expr, err)
	}
	return n
}

func (b *browser) text(expr string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("chromium: %s: %v", expr, err)
	}
	return s
}

// open loads the page at a viewport size (a phone's is mobile and
// touch) and waits for its script to show the controls.
func (b *browser) open(path string, w, h int64) {
	b.t.Helper()
	var emu []chromedp.EmulateViewportOption
	if w < 600 {
		emu = append(emu, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	b.do("open", chromedp.EmulateViewport(w, h, emu...), chromedp.Navigate("file://"+path),
		chromedp.WaitVisible(chromedp.ID("controls"))) // the page's script ran under its CSP
}

// shot saves a screenshot of the viewport: into report/testdata with
// -update, else into the test's artifact directory (go test -artifacts).
func (b *browser) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatal(err)
	}
	dir := b.t.ArtifactDir()
	if *update {
		dir = "testdata"
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	if len(png) > 300<<10 {
		b.t.Errorf("%s: %d bytes, want a small screenshot", name, len(png))
	}
}

const (
	visibleRows = `Array.from(document.querySelectorAll("#findings tbody tr.f")).filter(r => !r.hidden)`
	// search types into the filter as a person would (an input event).
	search = `((s) => { const q = document.getElementById("q"); q.value = s; q.dispatchEvent(new Event("input")); return ` + visibleRows + `.length; })`
	// overflow is how far the page is wider than the viewport.
	overflow = `document.documentElement.scrollWidth - document.documentElement.clientWidth`
	// splitWords counts words on the page (messages opened) that a line
	// break cuts in two (フォ|ーム), by the lines their letters sit on.
	splitWords = `(() => {
		const closed = Array.from(document.querySelectorAll("details:not([open])"));
		closed.forEach(d => { d.open = true; });
		const words = ["フォーム", "アンケート", "スプレッドシート", "ドライブ", "オーナー", "リンク", "ユーザー", "メールアドレス"];
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		let split = 0;
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (!n.parentElement || n.parentElement.closest("script, style, [hidden]")) continue;
			for (const w of words) {
				for (let i = n.data.indexOf(w); i >= 0; i = n.data.indexOf(w, i + 1)) {
					const r = document.createRange();
					r.setStart(n, i); r.setEnd(n, i + w.length);
					const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
					if (tops.size > 1) split++;
				}
			}
		}
		closed.forEach(d => { d.open = false; });
		return split;
	})()`
)

// TestHTMLLayout renders the golden sample (Japanese, then English) on a
// 1280 px screen and on a 390 px phone: the page never scrolls sideways (the findings
// table scrolls in its own box, or becomes cards on the phone), no
// katakana word breaks across lines, an owner's link shows that owner's
// findings only, the search folds full-width letters and skips the
// remediation, and the by-check summary counts every severity.
func TestHTMLLayout(t *testing.T) {
	b := newBrowser(t)
	d := sampleDoc()
	total := len(d.Findings)
	for _, run := range []struct {
		lang string
		w, h int64
		name string // the screenshot's
	}{{"ja", 1280, 800, "report-html-1280.png"}, {"ja", 390, 844, "report-html-390.png"}, {"en", 1280, 800, ""}, {"en", 390, 844, ""}} {
		path := filepath.Join(t.TempDir(), "report-"+run.lang+".html")
		if err := WriteFile(path, d, Options{Lang: run.lang}); err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprint(run.lang, "/", run.w), func(t *testing.T) {
			b.t = t
			b.open(path, run.w, run.h)
			if n := b.eval(`document.querySelectorAll("#findings tbody tr.f").length`); n != total {
				t.Fatalf("%d rows, want %d", n, total)
			}
			if px := b.eval(overflow); px > 0 {
				t.Errorf("the page is %d px wider than the %d px viewport", px, run.w)
			}
			if run.w >= 1280 { // on a laptop the whole findings table fits, remediation included
				if px := b.eval(`(() => { const x = document.getElementById("findings-box"); return x.scrollWidth - x.clientWidth; })()`); px > 0 {
					t.Errorf("the findings table is %d px wider than its box", px)
				}
			}
			if n := b.eval(splitWords); n > 0 {
				t.Errorf("%d katakana words broken across lines", n)
			}
			if run.name != "" {
				b.shot(run.name)
			}

			// Each owner's link shows exactly that owner's findings (as many
			// as its total); the chip clears the filter.
			links := b.eval(`document.querySelectorAll("[data-owner-filter]").length`)
			if links < 2 {
				t.Fatalf("%d owner links", links)
			}
			for i := range links {
				got := b.text(fmt.Sprintf(`(() => {
					const a = document.querySelectorAll("[data-owner-filter]")[%d];
					a.click();
					const o = a.getAttribute("data-owner-filter"), rows = %s;
					const want = Number(a.closest("tr").lastElementChild.textContent);
					const chip = document.getElementById("owner");
					return rows.length + "/" + want + " " + rows.every(r => r.getAttribute("data-owner") === o) + " " + !chip.hidden + " " + chip.textContent.includes(o);
				})()`, i, visibleRows))
				if f := strings.Fields(got); len(f) != 4 || f[1] != "true" || f[2] != "true" || f[3] != "true" || !sameCount(f[0]) {
					t.Errorf("owner link %d: %s (want n/n true true true)", i, got)
				}
				if px := b.eval(overflow); px > 0 {
					t.Errorf("owner link %d: the page is %d px wider than the viewport", i, px)
				}
			}
			if n := b.eval(`(() => { document.getElementById("owner").click(); return ` + visibleRows + `.length; })()`); n != total {
				t.Errorf("after clearing the owner: %d rows, want %d", n, total)
			}

			// Full-width and half-width input find what plain input finds.
			for _, q := range [][2]string{{"form-001", "ＦＯＲＭ－００１"}, {"アンケート", "ｱﾝｹｰﾄ"}, {"kyoiku@", "ＫＹＯＩＫＵ＠"}, {"児童名簿", "児童名簿"}} {
				plain, wide := b.eval(search+"("+strconv.Quote(q[0])+")"), b.eval(search+"("+strconv.Quote(q[1])+")")
				if plain == 0 || wide != plain {
					t.Errorf("search %q: %d rows, %q: %d rows (want the same, more than 0)", q[0], plain, q[1], wide)
				}
			}
			// A remediation's own words find nothing: they are not the finding.
			if n := b.eval(search + `(document.querySelector("#findings td.fix").textContent)`); n != 0 {
				t.Errorf("searching a remediation text: %d rows, want 0", n)
			}
			if n := b.eval(search + `("")`); n != total {
				t.Errorf("empty search: %d rows, want %d", n, total)
			}
		})
	}
	b.t = t

	// The by-check summary has a column per severity; each line adds up
	// to its total, and the totals to every finding.
	cols := b.eval(`document.querySelectorAll("#by-check thead th").length`)
	if want := 2 + len(d.Summary.severityCounts()) + 1; cols != want {
		t.Errorf("by-check summary: %d columns, want %d (check, title, each severity, total)", cols, want)
	}
	sum := b.eval(`(() => { let all = 0; for (const tr of document.querySelectorAll("#by-check tbody tr")) {
		const n = Array.from(tr.cells).slice(2).map(td => Number(td.textContent)), t = n.pop();
		if (n.reduce((a, b) => a + b, 0) !== t) return -1; all += t; } return all; })()`)
	if sum != total {
		t.Errorf("by-check summary: totals add up to %d, want %d", sum, total)
	}
}

// sameCount reports whether "a/b" has a == b > 0.
func sameCount(s string) bool {
	a, b, ok := strings.Cut(s, "/")
	return ok && a == b && a != "0"
}

// TestHTMLInBrowser opens the HTML report in headless Chromium: the page's
// own script runs, hostile names run nothing, nothing is fetched from the
// network, and filtering, sorting and grouping by owner work. The
// screenshots are kept in the test's artifact directory (go test -artifacts).
func TestHTMLInBrowser(t *testing.T) {
	b := newBrowser(t)
	sample := sampleDoc()
	d := New(sample.Run, sample.Coverage, append(sample.Findings, hostileDoc().Findings...))
	path := filepath.Join(t.TempDir(), "report.html")
	if err := WriteFile(path, d, Options{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	const visible = visibleRows
	save := func(name string) {
		t.Helper()
		shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(t.ArtifactDir(), name), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []int64{390, 1280} { // hostile names stretch no page either
		b.open(path, w, 800)
		if px := b.eval(overflow); px > 0 {
			t.Errorf("%d px: the page is %d px wider than the viewport", w, px)
		}
	}
	total := b.eval(`document.querySelectorAll("#findings tbody tr.f").length`)
	pwned := b.eval(`typeof window.__pwned === "undefined" ? 0 : 1`)

	b.do("type a filter", chromedp.SendKeys(chromedp.ID("q"), "児童名簿"))
	matched := b.eval(visible + `.length`)
	shownText, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("shown")))
	if err != nil {
		t.Fatal(err)
	}
	save("report-html-filtered.png")

	b.do("clear the filter, click the critical count",
		chromedp.Evaluate[chromedp.Void](`(() => { const q = document.getElementById("q"); q.value = ""; q.dispatchEvent(new Event("input")); })()`),
		chromedp.Click(chromedp.CSS(`.counts button[data-sev="4"]`)))
	critical := b.eval(visible + `.length`)
	b.do("sort by check ID", chromedp.Click(chromedp.CSS(`.counts button[data-sev="4"]`)),
		chromedp.Click(chromedp.CSS(`#findings thead th:nth-child(2)`)))
	sorted := b.eval(`(() => { const ids = ` + visible + `.map(r => r.cells[1].textContent); return ids.every((v, i) => i === 0 || ids[i-1] <= v) ? ids.length : -1; })()`)
	b.do("group by owner", chromedp.Click(chromedp.ID("group")))
	groups := b.eval(`document.querySelectorAll("#findings tbody tr.g").length`)
	owners := b.eval(`new Set(` + visible + `.map(r => r.getAttribute("data-owner"))).size`)
	save("report-html-grouped.png")

	if total != len(d.Findings) {
		t.Errorf("%d rows, want %d", total, len(d.Findings))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if pwned != 0 || len(b.dialogs) > 0 {
		t.Errorf("a hostile name ran script: __pwned=%v dialogs=%q", pwned, b.dialogs)
	}
	if len(b.fetched) > 0 {
		t.Errorf("the page fetched from the network: %q", b.fetched)
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

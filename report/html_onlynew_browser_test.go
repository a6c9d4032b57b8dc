package report

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// docsScreenshot is README's picture of the HTML report: the demo's
// nightly run with history in Japanese at 1280 px (-update rewrites it).
var docsScreenshot = filepath.Join("..", "docs", "report-html.png")

// TestHTMLOnlyNew opens the demo's nightly run with history (Japanese and
// English, at 1280 px and on a 390 px phone): one row per exposure, the
// "only new" checkbox shows exactly the exposures with something new,
// together with the other filters, the resolved list is there, and the
// page never gets wider than the viewport.
func TestHTMLOnlyNew(t *testing.T) {
	b := newBrowser(t)
	d := demoHistory(t)
	exps := d.Exposures()
	fresh := NewExposures(exps)
	if fresh == 0 || fresh == len(exps) {
		t.Fatalf("the demo with history has %d new exposures of %d; want some, not all", fresh, len(exps))
	}
	resolved := len(d.ResolvedExposures())
	for _, run := range []struct {
		lang string
		w, h int64
	}{{"ja", 1280, 800}, {"ja", 390, 844}, {"en", 1280, 800}, {"en", 390, 844}} {
		path := filepath.Join(t.TempDir(), "demo-"+run.lang+".html")
		if err := WriteFile(path, d, Options{Lang: run.lang}); err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprint(run.lang, "/", run.w), func(t *testing.T) {
			b.t = t
			b.open(path, run.w, run.h)
			if *update && run.lang == "ja" && run.w == 1280 {
				png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(docsScreenshot, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if n := b.eval(`document.querySelectorAll("#findings tbody tr.f").length`); n != len(exps) {
				t.Errorf("%d rows, want one per exposure (%d)", n, len(exps))
			}
			if n := b.eval(`document.querySelectorAll("#resolved tbody tr").length`); n != resolved {
				t.Errorf("resolved list: %d rows, want %d", n, resolved)
			}
			click := `(() => { const c = document.getElementById("new"); c.click(); return ` + visibleRows + `.length; })()`
			if n := b.eval(click); n != fresh {
				t.Errorf("only new: %d rows, want %d", n, fresh)
			}
			if n := b.eval(visibleRows + `.filter(r => !r.hasAttribute("data-new")).length`); n != 0 {
				t.Errorf("only new: %d rows shown with nothing new", n)
			}
			if px := b.eval(overflow); px > 0 {
				t.Errorf("only new: the page is %d px wider than the %d px viewport", px, run.w)
			}
			// With a severity filter too: the new critical exposures only.
			crit := 0
			for _, e := range exps {
				if e.HasNew() && clampSev(e.Severity()) == 4 {
					crit++
				}
			}
			if n := b.eval(`(() => { const s = document.getElementById("sev"); s.value = "4"; s.dispatchEvent(new Event("change")); return ` + visibleRows + `.length; })()`); n != crit {
				t.Errorf("only new and critical: %d rows, want %d", n, crit)
			}
			b.eval(`(() => { const s = document.getElementById("sev"); s.value = ""; s.dispatchEvent(new Event("change")); return 0; })()`)
			if n := b.eval(click); n != len(exps) {
				t.Errorf("only new cleared: %d rows, want %d", n, len(exps))
			}
			if px := b.eval(overflow); px > 0 {
				t.Errorf("the page is %d px wider than the %d px viewport", px, run.w)
			}
		})
	}
}

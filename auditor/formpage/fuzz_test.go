package formpage

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary pages to ParsePage: it must never panic, a nil
// error must come with a page, and the summary setting must come from a
// recognised [1][2] block, never from an unknown shape.
func FuzzParse(f *testing.F) {
	seeds := []string{
		``,
		`FB_PUBLIC_LOAD_DATA_`,
		`var FB_PUBLIC_LOAD_DATA_ = [`,
		`var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,["",1,1,0,0]]];`,
		`var FB_PUBLIC_LOAD_DATA_ = ["x",[,[,]]];`,
		`var FB_PUBLIC_LOAD_DATA_ = [null,[null,[[1,"\u00e9\\\"]"]],null,null,null,null,null,null,"t",0,[1,1,1,1,1,1,2]],0,0,0,0,0,0,0,0,0,0,0,0,"e/x",0,0,0,1];`,
		`var FB_PUBLIC_LOAD_DATA_ = [{"a":[1,{"b":"]"}]}];`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, pattern := range []string{filepath.Join("testdata", "*.html"), filepath.Join(realPages, "*.html")} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, html []byte) {
		p, err := ParsePage(html)
		if err != nil {
			return
		}
		if p == nil {
			t.Fatal("nil page without error")
		}
		// A decision only from a recognised block: published exactly when
		// [1][2][2] is 1; off only when it is 0 or the block is null.
		lit, _ := extract(html)
		top, _ := decode(lit)
		flag := idxPublishSummary.get(top)
		switch {
		case p.Settings.SummaryPublished && flag != jsonNumber("1"):
			t.Fatalf("published from [1][2][2] = %v", flag)
		case !p.Settings.SummaryPublished && flag != jsonNumber("0") && !idxResponseBlock.isNull(top):
			t.Fatalf("off from [1][2][2] = %v", flag)
		}
	})
}

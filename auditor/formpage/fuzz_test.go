package formpage

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary pages to ParsePage: it must never panic, and a
// nil error must come with a page.
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
	for _, pattern := range []string{filepath.Join("testdata", "*.html"), filepath.Join(realPagesPath(), "*.html")} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, html []byte) {
		p, err := ParsePage(html)
		if err == nil && p == nil {
			t.Fatal("nil page without error")
		}
	})
}

// realPagesPath is realPagesDir without skipping: "" when absent.
func realPagesPath() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		cand := filepath.Join(dir, "shared", "real-pages")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

package configs

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestParseList(t *testing.T) {
	in := "# comment\n\n  氏名  \nＮａｍｅ\r\nname\n ＃ full-width hash comment\nｶﾀｶﾅ\n\tBank Account\t\n"
	got, err := ParseList(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"氏名", "name", "カタカナ", "bank account"}
	if !slices.Equal(got, want) {
		t.Fatalf("ParseList = %q, want %q", got, want)
	}
}

func TestParseListTooLong(t *testing.T) {
	if _, err := ParseList(strings.NewReader(strings.Repeat("x", 2<<20))); err == nil {
		t.Fatal("want an error for a 2 MiB line")
	}
}

func TestDefaults(t *testing.T) {
	kw := DefaultPersonalDataKeywords()
	for _, w := range []string{"氏名", "住所", "患者", "マイナンバー", "指導要録", "name", "bank account", "ssn"} {
		if !slices.Contains(kw, w) {
			t.Errorf("keywords lack %q", w)
		}
	}
	for _, w := range []string{"age", "tel", "dob"} {
		if slices.Contains(kw, w) {
			t.Errorf("keywords contain %q, which hides inside ordinary words", w)
		}
	}
	// The words that made 「市内 公共施設一覧」 critical are weak.
	for _, w := range []string{"一覧", "申込", "リスト", "list", "application"} {
		if slices.Contains(kw, w) || !slices.Contains(kw, WeakPrefix+w) {
			t.Errorf("keywords lack weak %q or have it strong", w)
		}
	}
	fm := DefaultFreeMailDomains()
	for _, d := range []string{"gmail.com", "yahoo.co.jp", "docomo.ne.jp", "i.softbank.jp", "icloud.com"} {
		if !slices.Contains(fm, d) {
			t.Errorf("free-mail domains lack %q", d)
		}
	}
	for _, d := range fm {
		if strings.ContainsAny(d, " @/") || !strings.Contains(d, ".") {
			t.Errorf("bad free-mail domain %q", d)
		}
	}
}

func TestParseKeywords(t *testing.T) {
	in := "氏名\nweak: 一覧\nＷＥＡＫ：　申込\nweak:\nweak:一覧\n一覧\n weak:list \nweakness\n"
	got, err := ParseKeywords(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"氏名", "weak:一覧", "weak:申込", "一覧", "weak:list", "weakness"}
	if !slices.Equal(got, want) {
		t.Fatalf("ParseKeywords = %q, want %q", got, want)
	}
	if _, err := ParseKeywords(strings.NewReader(strings.Repeat("x", 2<<20))); err == nil {
		t.Fatal("want an error for a 2 MiB line")
	}
}

func FuzzParseKeywords(f *testing.F) {
	f.Add("氏名\nweak: 一覧\nＷＥＡＫ：申込\nweak:\n")
	f.Add("weak:weak: x\n# weak: y\nweak:\u3000\n")
	f.Add("\xff weak:\xfe\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseKeywords(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, s := range got {
			if seen[s] {
				t.Fatalf("repeated entry %q", s)
			}
			seen[s] = true
			w, weak := strings.CutPrefix(s, WeakPrefix)
			if w == "" || w != strings.TrimSpace(w) || s[0] == '#' || strings.Contains(s, "\n") {
				t.Fatalf("bad entry %q", s)
			}
			if weak && strings.TrimSpace(w) != w {
				t.Fatalf("weak entry %q keeps space", s)
			}
			if utf8.ValidString(s) && !norm.NFKC.IsNormalString(s) {
				t.Fatalf("entry %q is not NFKC", s)
			}
			if strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Fatalf("entry %q has upper-case ASCII", s)
			}
		}
		again, err := ParseKeywords(strings.NewReader(strings.Join(got, "\n")))
		if err != nil || !slices.Equal(again, got) {
			t.Fatalf("not idempotent: %q → %q (%v)", got, again, err)
		}
	})
}

func FuzzParseList(f *testing.F) {
	f.Add("# c\n氏名\nＮａｍｅ\n\n")
	f.Add("a\r\nb\rc\n＃x\n\u3000y\u3000\n")
	f.Add("\xff\xfe\n#\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseList(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range got {
			if s == "" || s != strings.TrimSpace(s) || s[0] == '#' || strings.Contains(s, "\n") {
				t.Fatalf("bad entry %q", s)
			}
			if utf8.ValidString(s) && !norm.NFKC.IsNormalString(s) {
				t.Fatalf("entry %q is not NFKC", s)
			}
			if strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Fatalf("entry %q has upper-case ASCII", s)
			}
		}
		again, err := ParseList(strings.NewReader(strings.Join(got, "\n")))
		if err != nil || !slices.Equal(again, got) {
			t.Fatalf("not idempotent: %q → %q (%v)", got, again, err)
		}
	})
}

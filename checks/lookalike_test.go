package checks

import "testing"

func TestFindLookalike(t *testing.T) {
	users := []string{"tanaka.taro@city.example.jp", "sato.k@city.example.jp", "sato.y@city.example.jp",
		"yamamoto.hanako@city.example.jp", "suzuki@city.example.jp"}
	domains := []string{"city.example.jp", "hospital.example.lg.jp", "partner-soft.co.jp", "abc.jp"}
	tests := []struct {
		candidate    string
		target, why  string // empty target: not a lookalike
		usersOnlyDom bool   // compare with users only (domains nil)
	}{
		// The Fukuoka pattern: the intended local part at a near-miss domain.
		{candidate: "tanaka.taro@city-example.jp", target: "tanaka.taro@city.example.jp", why: ReasonDroppedDot},
		{candidate: "tanaka.taro@cityexample.jp", target: "tanaka.taro@city.example.jp", why: ReasonDroppedDot},
		{candidate: "tanaka.taro@city.example.co.jp", target: "tanaka.taro@city.example.jp", why: ReasonTLDSwap},
		{candidate: "tanaka.taro@city.example.com", target: "tanaka.taro@city.example.jp", why: ReasonTLDSwap},
		{candidate: "tanaka.taro@city.example.ne.jp", target: "tanaka.taro@city.example.jp", why: ReasonTLDSwap},
		{candidate: "tanaka.taro@city.example-jp.com", target: "tanaka.taro@city.example.jp", why: ReasonTLDSwap},
		{candidate: "tanaka.taro@city.exarnple.jp", target: "tanaka.taro@city.example.jp", why: ReasonConfusable},
		{candidate: "tanaka.taro@city.examp1e.jp", target: "tanaka.taro@city.example.jp", why: ReasonConfusable},
		{candidate: "tanaka.taro@city.exampel.jp", target: "tanaka.taro@city.example.jp", why: ReasonTransposition},
		{candidate: "tanaka.taro@city.exmple.jp", target: "tanaka.taro@city.example.jp", why: ReasonEditDistance},
		{candidate: "TANAKA.TARO@ＣＩＴＹ-EXAMPLE.JP", target: "tanaka.taro@city.example.jp", why: ReasonDroppedDot},
		// A near-miss local part at a near-miss domain names the user; an
		// unknown local part there still names the domain.
		{candidate: "tanakataro@city-example.jp", target: "tanaka.taro@city.example.jp", why: ReasonDroppedDot},
		{candidate: "nobody@city-example.jp", target: "city.example.jp", why: ReasonDroppedDot},
		// Local-part mistakes at the user's own domain (when that domain is
		// not itself intended, e.g. a domain missing from the list).
		{candidate: "tanakataro@city.example.jp", target: "tanaka.taro@city.example.jp", why: ReasonDroppedDot, usersOnlyDom: true},
		{candidate: "tanaka.tarou@city.example.jp", target: "tanaka.taro@city.example.jp", why: ReasonEditDistance, usersOnlyDom: true},
		{candidate: "tanaak.taro@city.example.jp", target: "tanaka.taro@city.example.jp", why: ReasonTransposition, usersOnlyDom: true},
		{candidate: "tanaka.tar0@city.example.jp", target: "tanaka.taro@city.example.jp", why: ReasonConfusable, usersOnlyDom: true},
		{candidate: "yarnamoto.hanako@city.example.jp", target: "yamamoto.hanako@city.example.jp", why: ReasonConfusable, usersOnlyDom: true},
		{candidate: "yamamota.hanaka@city.example.jp", target: "yamamoto.hanako@city.example.jp", why: ReasonEditDistance, usersOnlyDom: true},
		// Bare domains (domain grants) and partner domains are targets too.
		{candidate: "city-example.jp", target: "city.example.jp", why: ReasonDroppedDot},
		{candidate: "hospital.example.lg.jp", target: ""},
		{candidate: "hospital.exarnple.lg.jp", target: "hospital.example.lg.jp", why: ReasonConfusable},
		{candidate: "partner-soft.jp", target: "partner-soft.co.jp", why: ReasonTLDSwap},
		{candidate: "partner-sofy.co.jp", target: "partner-soft.co.jp", why: ReasonEditDistance},
		{candidate: "partnersoft.co.jp", target: "partner-soft.co.jp", why: ReasonDroppedDot},

		// Decoys.
		{candidate: "sato.k@city.example.jp", target: ""},         // internal user
		{candidate: "sato.y@city.example.jp", target: ""},         // internal user
		{candidate: "sato.z@city.example.jp", target: ""},         // internal domain: never outside
		{candidate: "someone@mail.city.example.jp", target: ""},   // internal subdomain
		{candidate: "tanaka.taro@partner-soft.co.jp", target: ""}, // exact partner domain
		{candidate: "partner-soft.co.jp", target: ""},             // exact partner domain
		{candidate: "tanaka.taro@gmail.com", target: ""},          // a different domain
		{candidate: "gmail.com", target: ""},                      // a different domain
		{candidate: "x@example.jp", target: ""},                   // parent organisation, not a near miss
		{candidate: "x@city.other.jp", target: ""},                // another city
		{candidate: "x@abd.jp", target: ""},                       // short name: one edit means nothing
		{candidate: "x@ab.jp", target: ""},                        // short name
		{candidate: "x@city.exa.jp", target: ""},                  // too different
		{candidate: "jp", target: ""},                             // a bare suffix
		{candidate: "", target: ""},                               // nothing
		{candidate: "suzuki@city-other.jp", target: ""},           // unrelated domain, same local
		{candidate: "yamamoto.hanae@gmail.com", target: ""},       // near local part, unrelated domain
		{candidate: "suzuky@city.example.jp", target: "suzuki@city.example.jp", why: ReasonEditDistance, usersOnlyDom: true}, // six letters allow one edit
		{candidate: "sato@city.example.jp", target: "", usersOnlyDom: true},                                                  // four letters do not
	}
	for _, tc := range tests {
		doms := domains
		if tc.usersOnlyDom {
			doms = nil
		}
		got, ok := FindLookalike(tc.candidate, users, doms)
		if ok != (tc.target != "") || got.Target != tc.target || got.Reason != tc.why {
			t.Errorf("FindLookalike(%q) = %+v, %v; want {%s %s}", tc.candidate, got, ok, tc.target, tc.why)
		}
	}
}

func TestLabelwiseDistance(t *testing.T) {
	// Neighbouring municipalities whose names differ by one letter in a
	// short label are not lookalikes; a long label one edit away is.
	for _, tc := range []struct {
		a, b string
		want string
	}{
		{"city.ota.lg.jp", "city.oita.lg.jp", ""},
		{"city.kita.lg.jp", "city.kiso.lg.jp", ""},
		{"city.fukuoka.lg.jp", "city.fukuok.lg.jp", ReasonEditDistance},
		{"pref.fukuoka.lg.jp", "pref.fukui.lg.jp", ""},
		{"example.jp", "example.jp", ""},
		{"gmail.com", "example.jp", ""},
		{"example.jp", "examplejp.jp", ""},
	} {
		if got := domainReason(tc.a, tc.b); got != tc.want {
			t.Errorf("domainReason(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSplitSuffix(t *testing.T) {
	for _, tc := range []struct{ in, name, suffix string }{
		{"example.jp", "example", "jp"},
		{"example.co.jp", "example", "co.jp"},
		{"city.example.jp", "city.example", "jp"},
		{"example-jp.com", "example", "jp.com"},
		{"example-co-jp.com", "example", "co.jp.com"},
		{"co.jp", "", "co.jp"},
		{"city.fukuoka.lg.jp", "city.fukuoka", "lg.jp"},
	} {
		n, s := splitSuffix(tc.in)
		if n != tc.name || s != tc.suffix {
			t.Errorf("splitSuffix(%q) = %q, %q; want %q, %q", tc.in, n, s, tc.name, tc.suffix)
		}
	}
}

// Japanese government domains carry a place name: pref.<prefecture>.jp,
// city.<city>.jp, city.<ward>.<prefecture>.jp and <type>.<place>.lg.jp.
// Two different place names are two different organisations, however close
// the spelling; a near miss of a place name that is no place, a confusable,
// a dropped dot or a generic suffix bolted on is still a lookalike.
func TestLookalikeGovernmentDomains(t *testing.T) {
	for _, tc := range []struct {
		candidate, target string
		want              string // "": not a lookalike
	}{
		// Decoys: real, distinct municipalities and prefectures.
		{"pref.kanagawa.jp", "pref.shizuoka.jp", ""},
		{"pref.shizuoka.jp", "pref.kanagawa.jp", ""},
		{"city.sendai.jp", "city.sapporo.jp", ""},
		{"city.sapporo.jp", "city.sendai.jp", ""},
		{"city.chuo.tokyo.jp", "city.ota.tokyo.jp", ""},
		{"city.ota.tokyo.jp", "city.chuo.tokyo.jp", ""},
		{"city.handa.lg.jp", "city.sanda.lg.jp", ""}, // 半田市 and 三田市: one letter apart
		{"city.sanda.lg.jp", "city.handa.lg.jp", ""},
		{"city.kosai.lg.jp", "city.kasai.lg.jp", ""}, // 湖西市 and 加西市
		{"town.nakai.lg.jp", "city.nagai.lg.jp", ""}, // 中井町 and 長井市 (two labels differ)
		{"city.nagai.lg.jp", "town.nakai.lg.jp", ""}, //
		{"city.kosai.shizuoka.jp", "city.kasai.hyogo.jp", ""},
		{"www.city.handa.lg.jp", "www.city.sanda.lg.jp", ""},
		{"mail.pref.kanagawa.jp", "pref.shizuoka.jp", ""},
		// The same government's other namespace is not a lookalike of it.
		{"pref.kanagawa.lg.jp", "pref.kanagawa.jp", ""},
		{"city.kobe.jp", "city.kobe.lg.jp", ""},

		// Positives: still caught.
		{"city-kobe.lg.jp.com", "city.kobe.lg.jp", ReasonDroppedDot},
		{"city.kobe.lg.jp.com", "city.kobe.lg.jp", ReasonTLDSwap},
		{"city.kobe.lg-jp.com", "city.kobe.lg.jp", ReasonTLDSwap},
		{"city.kobe-lg.jp", "city.kobe.lg.jp", ReasonDroppedDot},
		{"city-kobe-lg-jp.com", "city.kobe.lg.jp", ReasonDroppedDot},
		{"clty.kobe.lg.jp", "city.kobe.lg.jp", ReasonConfusable},
		{"city.k0be.lg.jp", "city.kobe.lg.jp", ReasonConfusable},
		{"city.fukuok.lg.jp", "city.fukuoka.lg.jp", ReasonEditDistance}, // no such place
		{"city.fukouka.lg.jp", "city.fukuoka.lg.jp", ReasonTransposition},
		{"city.sanda-lg.jp", "city.handa.lg.jp", ReasonEditDistance}, // anyone can register sanda-lg.jp
		{"pref-kanagawa.jp", "pref.kanagawa.jp", ReasonDroppedDot},
		{"pref-kanagawa.com", "pref.kanagawa.jp", ReasonDroppedDot},
		{"pref.kanagawa.co.jp", "pref.kanagawa.jp", ReasonTLDSwap},
		{"pref.kanagawa.jp.net", "pref.kanagawa.jp", ReasonTLDSwap},
		{"pref.kanagavva.jp", "pref.kanagawa.jp", ReasonConfusable},
		{"pref.kanagwa.jp", "pref.kanagawa.jp", ReasonEditDistance},
		{"city.sendal.jp", "city.sendai.jp", ReasonConfusable},
		{"city.saporo.jp", "city.sapporo.jp", ReasonEditDistance},
		{"city.chuo-tokyo.jp", "city.chuo.tokyo.jp", ReasonDroppedDot},
		{"example.com", "example.co.jp", ReasonTLDSwap},
		{"example.co.jp", "example.com", ReasonTLDSwap},
		{"example-jp.com", "example.jp", ReasonTLDSwap},
		{"example.jp", "example.co.jp", ReasonTLDSwap},
		{"example.co.uk", "example.jp", ReasonTLDSwap},
	} {
		if got := domainReason(tc.candidate, tc.target); got != tc.want {
			t.Errorf("domainReason(%q, %q) = %q, want %q", tc.candidate, tc.target, got, tc.want)
		}
		got, ok := FindLookalike("someone@"+tc.candidate, []string{"someone@" + tc.target}, []string{tc.target})
		if ok != (tc.want != "") || (ok && (got.Target != "someone@"+tc.target || got.Reason != tc.want)) {
			t.Errorf("FindLookalike(someone@%s) = %+v, %v; want %s", tc.candidate, got, ok, tc.want)
		}
	}
}

// A TLD or second-level swap needs both suffixes generic: a geographic
// public suffix (kanagawa.jp, sendai.jp, chuo.tokyo.jp) is part of the name.
func TestSplitSuffixGeographic(t *testing.T) {
	for _, tc := range []struct{ in, name, suffix string }{
		{"pref.kanagawa.jp", "pref.kanagawa", "jp"},
		{"city.sendai.jp", "city.sendai", "jp"},
		{"city.chuo.tokyo.jp", "city.chuo.tokyo", "jp"},
		{"city.kobe.lg.jp", "city.kobe", "lg.jp"},
		{"city-kobe.lg.jp.com", "city-kobe", "lg.jp.com"},
		{"example.jp.com", "example", "jp.com"},
		{"example.co.uk", "example", "co.uk"},
		{"example.github.io", "example.github", "io"},
		{"kanagawa.jp", "", "kanagawa.jp"},
		{"sun-ad.co.jp", "sun-ad", "co.jp"},
		{"example.com.au", "example", "com.au"},
		{"example.net.tokyo", "example.net", "tokyo"},
		{"foo-bar.xn--p1ai", "foo-bar", "xn--p1ai"},
		{"city-kobe-lg-jp.com", "city-kobe", "lg.jp.com"},
	} {
		n, s := splitSuffix(tc.in)
		if n != tc.name || s != tc.suffix {
			t.Errorf("splitSuffix(%q) = %q, %q; want %q, %q", tc.in, n, s, tc.name, tc.suffix)
		}
	}
}

func FuzzFindLookalike(f *testing.F) {
	for _, s := range []string{"tanaka.taro@city-example.jp", "city.sanda.lg.jp", "pref.shizuoka.jp", "city-kobe.lg.jp.com",
		"clty.kobe.lg.jp", "example-co-jp.com", "-jp.com", ".lg.jp", "a@", "@", "ｘ@ＣＩＴＹ.jp", "co.jp", "lg-jp.jp"} {
		f.Add(s)
	}
	users := []string{"tanaka.taro@city.example.jp", "suzuki@city.kobe.lg.jp"}
	domains := []string{"city.example.jp", "city.kobe.lg.jp", "pref.kanagawa.jp", "example.co.jp"}
	f.Fuzz(func(t *testing.T, c string) {
		l, ok := FindLookalike(c, users, domains)
		if ok && (l.Target == "" || l.Reason == "") {
			t.Errorf("FindLookalike(%q) = %+v without target or reason", c, l)
		}
		for _, d := range domains {
			if r := domainReason(d, d); r != "" {
				t.Errorf("domainReason(%q, itself) = %q", d, r)
			}
			_ = domainReason(c, d)
			_ = domainReason(d, c)
		}
	})
}

// TestLookalikeGeographicJPNames: a 都道府県型JP name (example.tokyo.jp) is
// open to anyone with a Japanese address, so outside government namespaces
// it is a suffix swap of the tenant's domain; governments keep their places.
func TestLookalikeGeographicJPNames(t *testing.T) {
	domains := []string{"sakura-hospital.jp", "city.example.jp"}
	for _, c := range []string{"x@sakura-hospital.tokyo.jp", "x@sakura-hospital.osaka.jp", "x@city.example.tokyo.jp", "x@sakura-hospital.chuo.tokyo.jp"} {
		if l, ok := FindLookalike(c, nil, domains); !ok || l.Reason != ReasonTLDSwap {
			t.Errorf("%s: got %+v, %v; want a tld_swap of %v", c, l, ok, domains)
		}
	}
	for _, c := range []string{"x@pref.shizuoka.jp", "x@city.sapporo.jp", "x@other-hospital.tokyo.jp"} {
		if l, ok := FindLookalike(c, nil, []string{"pref.kanagawa.jp", "city.sendai.jp", "sakura-hospital.jp"}); ok {
			t.Errorf("%s: flagged as %+v", c, l)
		}
	}
}

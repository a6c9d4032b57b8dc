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

func TestOSADistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"example", "example", 1, 0},
		{"example", "exampel", 1, 1},
		{"example", "exmaple", 1, 1},
		{"example", "exampl", 1, 1},
		{"example", "exXample", 1, 1},
		{"example", "eaxmpel", 1, 2},
		{"abcdef", "ghijkl", 2, 3},
		{"", "abc", 5, 3},
		{"田中太郎", "田仲太郎", 1, 1},
	} {
		if got := osaDistance([]rune(tc.a), []rune(tc.b), tc.limit); got != tc.want {
			t.Errorf("osaDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
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

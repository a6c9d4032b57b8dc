package suppress

import (
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

func finding(check, id, owner, path string, p *model.Principal) model.Finding {
	return model.Finding{Fingerprint: model.Fingerprint(check, id, p), CheckID: check, Severity: model.High, Principal: p,
		Resource: model.Resource{ID: id, Owner: owner, Path: path}, Evidence: map[string]any{"k": "v"}}
}

func TestApply(t *testing.T) {
	l, err := Parse([]byte(`
suppressions:
  - check: SHARE-005
    principal: "*@partner.example"
    reason: 委託契約 2026-112
    expires: 2026-12-31
  - item: doc-public
    reason: published on purpose
    expires: 2026-11-30
  - path: /広報/**
    check: share-00[12]
    reason: press releases
    expires: 2027-03-31
  - owner: sato@city.example.jp
    check: SHARE-004
    reason: old rule
    expires: 2026-10-01
`))
	if err != nil {
		t.Fatal(err)
	}
	l.Location = time.UTC
	partner := &model.Principal{Type: model.TypeUser, Email: "taro@partner.example"}
	anyone := &model.Principal{Type: model.TypeAnyone}
	domain := &model.Principal{Type: model.TypeDomain, Domain: "city.example.jp"}
	fs := []model.Finding{
		finding("SHARE-005", "a", "sato@city.example.jp", "/委託/a", partner),                                           // rule 1
		finding("SHARE-005", "b", "sato@city.example.jp", "/b", &model.Principal{Type: "user", Email: "x@gmail.com"}), // no rule
		finding("SHARE-002", "doc-public", "", "/x", anyone),                                                          // rule 2 (last day)
		finding("SHARE-001", "c", "", "/広報/2026/発表/c", anyone),                                                        // rule 3, ** over folders
		finding("SHARE-003", "d", "", "/広報/d", anyone),                                                                // rule 3 check does not match
		finding("SHARE-004", "e", "sato@city.example.jp", "/e", domain),                                               // rule 4 expired
	}
	now := time.Date(2026, 11, 30, 23, 59, 0, 0, time.UTC)
	out := l.Apply(fs, now)
	want := []string{model.StatusSuppressed, "", model.StatusSuppressed, model.StatusSuppressed, "", ""}
	for i, f := range fs {
		if f.Status != want[i] {
			t.Errorf("finding %d (%s %s): status %q, want %q", i, f.CheckID, f.Resource.ID, f.Status, want[i])
		}
	}
	if out.Suppressed != 3 || fs[0].Evidence[EvReason] != "委託契約 2026-112" || fs[0].Evidence[EvUntil] != "2026-12-31" {
		t.Errorf("outcome %+v, evidence %v", out, fs[0].Evidence)
	}
	if len(out.Expired) != 1 || out.Expired[0].ResourceID != "e" || fs[5].Evidence[EvExpired] != "2026-10-01" {
		t.Errorf("expired: %+v, evidence %v", out.Expired, fs[5].Evidence)
	}
	if fs[1].Evidence[EvExpired] != nil || fs[4].Evidence["k"] != "v" {
		t.Errorf("unmatched findings changed: %v %v", fs[1].Evidence, fs[4].Evidence)
	}

	// The day after its expiry date the item rule no longer holds.
	again := []model.Finding{finding("SHARE-002", "doc-public", "", "/x", anyone)}
	out = l.Apply(again, now.Add(time.Minute))
	if again[0].Status != "" || again[0].Evidence[EvExpired] != "2026-11-30" || len(out.Expired) != 1 {
		t.Errorf("after expiry: status %q evidence %v", again[0].Status, again[0].Evidence)
	}
}

// TestExpiryLocalDay: "expires: 2026-12-31" holds until the end of that
// day where the machine is, not until midnight UTC: in Tokyo it ends nine
// hours before midnight UTC, in New York five hours after.
func TestExpiryLocalDay(t *testing.T) {
	l, err := Parse([]byte("suppressions:\n  - item: doc\n    reason: r\n    expires: 2026-12-31\n"))
	if err != nil {
		t.Fatal(err)
	}
	jst, est := time.FixedZone("JST", 9*3600), time.FixedZone("EST", -5*3600)
	for _, c := range []struct {
		loc  *time.Location
		at   time.Time // UTC, as runs are timed
		want bool      // suppressed
	}{
		{jst, time.Date(2026, 12, 31, 14, 59, 0, 0, time.UTC), true}, // 23:59 on the 31st in Tokyo
		{jst, time.Date(2026, 12, 31, 15, 0, 0, 0, time.UTC), false}, // 00:00 on the 1st in Tokyo
		{est, time.Date(2027, 1, 1, 4, 59, 0, 0, time.UTC), true},    // 23:59 on the 31st in New York
		{est, time.Date(2027, 1, 1, 5, 0, 0, 0, time.UTC), false},    // 00:00 on the 1st in New York
		{time.UTC, time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), true},
		{time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		l.Location = c.loc
		fs := []model.Finding{finding("SHARE-002", "doc", "", "/doc", &model.Principal{Type: model.TypeAnyone})}
		out := l.Apply(fs, c.at)
		if got := fs[0].Status == model.StatusSuppressed; got != c.want || len(out.Expired) == 1 == c.want {
			t.Errorf("%s at %s: suppressed %v, want %v (expired %+v)", c.loc, c.at.In(c.loc).Format(time.DateTime), got, c.want, out.Expired)
		}
	}

	// Without a Location, the machine's zone (TZ) decides.
	saved := time.Local
	time.Local = jst
	t.Cleanup(func() { time.Local = saved })
	l.Location = nil
	fs := []model.Finding{finding("SHARE-002", "doc", "", "/doc", &model.Principal{Type: model.TypeAnyone})}
	if l.Apply(fs, time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)); fs[0].Status == model.StatusSuppressed {
		t.Error("TZ=JST, 01:00 on the 1st: the suppression still holds")
	}
}

func TestParseErrors(t *testing.T) {
	for name, in := range map[string]string{
		"no reason":     "suppressions:\n  - check: SHARE-001\n    expires: 2026-01-01\n",
		"no expiry":     "suppressions:\n  - check: SHARE-001\n    reason: r\n",
		"bad date":      "suppressions:\n  - check: SHARE-001\n    reason: r\n    expires: next year\n",
		"no matcher":    "suppressions:\n  - reason: r\n    expires: 2026-01-01\n",
		"unknown key":   "suppressions:\n  - check: SHARE-001\n    reason: r\n    expires: 2026-01-01\n    severity: low\n",
		"bad glob":      "suppressions:\n  - path: /a/[\n    reason: r\n    expires: 2026-01-01\n",
		"not a list":    "suppressions: yes\n",
		"unknown field": "rules: []\n",
	} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	if l, err := Parse(nil); err != nil || len(l.Rules) != 0 {
		t.Errorf("empty file: %v %v", l, err)
	}
}

func TestExampleFile(t *testing.T) {
	l, err := Load("../configs/suppressions.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rules) < 3 {
		t.Errorf("example has %d rules", len(l.Rules))
	}
	if _, err := Load("/nonexistent.yaml"); err == nil || !strings.Contains(err.Error(), "suppressions") {
		t.Errorf("missing file: %v", err)
	}
}

func TestMatchPath(t *testing.T) {
	for _, c := range []struct {
		pat, path string
		want      bool
	}{
		{"/a/**", "/a/b/c", true},
		{"/a/**", "/a", true},
		{"/a/**/d", "/a/b/c/d", true},
		{"/a/*", "/a/b/c", false},
		{"**/名簿*", "/x/y/名簿2026.xlsx", true},
		{"/a/b", "/a/b", true},
		{"/a/b", "…/a/b", false},
	} {
		if got := matchPath(c.pat, c.path); got != c.want {
			t.Errorf("matchPath(%q, %q) = %v", c.pat, c.path, got)
		}
	}
}

func TestUnknownKeyNamesNearest(t *testing.T) {
	_, err := Parse([]byte("suppressions:\n  - chek: SHARE-001\n    reason: r\n    expires: 2026-01-01\n"))
	if err == nil || !strings.Contains(err.Error(), `unknown key "chek" (did you mean check?)`) {
		t.Errorf("err %v, want the key and the nearest valid one", err)
	}
	for name, want := range map[string]string{"fial_on": "fail_on", "fail-on": "fail_on", "partner_domain": "partner_domains",
		"FAIL_ON": "fail_on", "colour": ""} {
		if got := Nearest(name, []string{"fail_on", "partner_domains", "concurrency", "format"}); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", name, got, want)
		}
	}
}

package notify

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestReadPlan reads the hand-written plan fixture: findings of actions
// and notices, each once, with the plan's tenant.
func TestReadPlan(t *testing.T) {
	in := load(t, "plan.json")
	if in.Source != "plan" || in.HasStatus {
		t.Errorf("source %q, has status %v", in.Source, in.HasStatus)
	}
	if got := len(in.Doc.Findings); got != 3 {
		t.Errorf("%d findings, want 3 (two actions on one finding count once)", got)
	}
	if in.Doc.Run.Tenant.PrimaryDomain != "city.sakura.example.jp" {
		t.Errorf("tenant %q", in.Doc.Run.Tenant.PrimaryDomain)
	}
	b := build(t, in, Options{Lang: "ja"})
	if len(b.Notices) != 3 {
		t.Fatalf("%d notices, want 3", len(b.Notices))
	}
	for _, n := range b.Notices {
		if strings.Contains(n.Body, "に監査したところ") {
			t.Errorf("a plan has no audit date, but the message gives one:\n%s", n.Body)
		}
	}
}

// TestReadRejects refuses what is not a report or plan.
func TestReadRejects(t *testing.T) {
	cases := map[string]string{
		"not JSON":          `{`,
		"other schema":      `{"schema":"gwsaudit.report/v2","findings":[]}`,
		"no schema":         `{"findings":[]}`,
		"plan without find": `{"schema":"gwsaudit.fix-plan/v1","actions":[{"op":"delete"}]}`,
		"plan bad finding":  `{"schema":"gwsaudit.fix-plan/v1","actions":[{"finding":{"severity":"urgent"}}]}`,
		"trailing data":     `{"schema":"gwsaudit.report/v1","findings":[]} {}`,
	}
	for name, src := range cases {
		if _, err := Read(strings.NewReader(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	old := maxInputBytes
	maxInputBytes = 64
	defer func() { maxInputBytes = old }()
	data, _ := os.ReadFile(filepath.Join("testdata", "plan.json"))
	if _, err := Read(bytes.NewReader(data)); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("oversized input: %v", err)
	}
}

// FuzzRead feeds arbitrary bytes to the run/plan reader: nothing may
// panic, and what it accepts is consistent (planned findings are among the
// findings, each fingerprint once). Building messages from accepted
// inputs is left to TestBuildHostile: the messages go through
// text/template, whose map iteration makes coverage vary between runs of
// one input, so the fuzzer's minimization would spend its minute on every
// new input.
func FuzzRead(f *testing.F) {
	for _, seed := range hostileInputs {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, f := range in.Doc.Findings {
			if f.Fingerprint != "" && seen[f.Fingerprint] && in.Source == "plan" {
				t.Fatalf("fingerprint %s twice in a plan's findings", f.Fingerprint)
			}
			seen[f.Fingerprint] = true
		}
		for fp := range in.Planned {
			if !seen[fp] {
				t.Fatalf("planned %s is not a finding", fp)
			}
		}
	})
}

// FuzzMessage renders a message to any owner the checks let through with
// any text: it parses back to one recipient, the owner, and the same
// subject and body (no header injection, no lost text).
func FuzzMessage(f *testing.F) {
	f.Add("sato@example.jp", "件名", "本文\n二行目")
	f.Add("a@b.jp\r\nBcc: c@d.jp", "x\r\nBcc: e@f.jp", "=?utf-8?q?x?=")
	f.Fuzz(func(t *testing.T, owner, subject, body string) {
		owner, ok := ownerAddress(owner)
		if !ok || !utf8.ValidString(subject+body) {
			return
		}
		n := &Notice{Owner: owner, Lang: "ja", Subject: subject, Body: body, Date: fixedNow(), MessageID: "<x@example.jp>"}
		raw, err := Message(n, testFrom, "")
		if err != nil {
			t.Fatal(err)
		}
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("unreadable message: %v", err)
		}
		to, err := m.Header.AddressList("To")
		if err != nil || len(to) != 1 || to[0].Address != owner || m.Header.Get("Bcc") != "" || m.Header.Get("Cc") != "" {
			t.Fatalf("To %v (%v), Bcc %q, Cc %q for owner %q", to, err, m.Header.Get("Bcc"), m.Header.Get("Cc"), owner)
		}
		got, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		if err != nil || strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(subject), " ") {
			t.Fatalf("subject %q came back as %q (%v)", subject, got, err)
		}
		b, err := io.ReadAll(quotedprintable.NewReader(m.Body))
		if err != nil || strings.ReplaceAll(string(b), "\r\n", "\n") != lines.Replace(body) {
			t.Fatalf("body %q came back as %q (%v)", body, b, err)
		}
	})
}

// hostileInputs are inputs a broken or hostile tool might write.
var hostileInputs = []string{
	`{"schema":"gwsaudit.report/v1","run":{"tenant":{"primary_domain":"example.jp"},"started_at":"2026-12-01T02:30:00+09:00"},` +
		`"findings":[{"fingerprint":"a","check_id":"SHARE-002","severity":"high","status":"new","resource":{"kind":"file","id":"f1","name":"名簿","owner":"sato@example.jp","url":"https://drive.google.com/file/d/f1"},` +
		`"principal":{"type":"anyone","role":"reader"},"evidence":{"items_reached":3,"personal_data":["名簿"]}}]}`,
	`{"schema":"gwsaudit.fix-plan/v1","tenant":{"primary_domain":"example.jp"},"actions":[{"finding":{"fingerprint":"b","check_id":"SHARE-005","severity":"medium",` +
		`"resource":{"kind":"folder","id":"d1","owner":"ito@example.jp"},"principal":{"type":"user","email":"x@gmail.com","role":"writer"},"evidence":{}}}],` +
		`"notices":[{"finding":{"fingerprint":"c","check_id":"FORM-001","severity":"high","resource":{"kind":"form","id":"x","owner":"sato@example.jp"},"evidence":{"audience":"anyone"}},"reason":"x"}]}`,
	`{"schema":"gwsaudit.fix-plan/v1","notices":[{"finding":{"check_id":"FORM-001","severity":"high","resource":{"kind":"form","id":"x","owner":"a@b.jp\r\nBcc: c@d.jp"},"evidence":{}}}]}`,
	`{"schema":"gwsaudit.report/v1","findings":[{"check_id":"SHARE-006","severity":"critical","resource":{"kind":"file","id":"y","owner":"s@example.jp"},` +
		`"principal":{"type":"user","email":"s@exarnple.jp"},"evidence":{"items_reached":1e300,"reason":["x"],"lookalike_of":{"a":1},"personal_data":[1,2]}}]}`,
	`{"schema":"gwsaudit.report/v1","findings":[{"check_id":"NOPE-999","severity":"info","status":"open","first_seen":"0001-01-01T00:00:00Z","resource":{"kind":"page","id":"","owner":"x@y.jp"},"evidence":{}}]}`,
	`{"schema":"gwsaudit.fix-plan/v1","actions":[{"finding":{"fingerprint":"d","check_id":"SHARE-002","severity":"high","resource":{"kind":"file","id":"z","owner":"o@example.jp"},"evidence":{}}}],` +
		`"notices":[{"finding":{"fingerprint":"d","check_id":"SHARE-002","severity":"high","resource":{"kind":"file","id":"z","owner":"o@example.jp"},"evidence":{}}}]}`,
}

// TestBuildHostile builds and renders the messages of every hostile input
// in both languages: nothing panics, every message goes to a bare address
// and parses back.
func TestBuildHostile(t *testing.T) {
	for i, src := range hostileInputs {
		in, err := Read(strings.NewReader(src))
		if err != nil {
			t.Fatalf("input %d: %v", i, err)
		}
		for _, lang := range []string{"ja", "en"} {
			b := build(t, in, Options{Lang: lang})
			for _, n := range b.Notices {
				if _, ok := ownerAddress(n.Owner); !ok {
					t.Errorf("input %d: message to %q", i, n.Owner)
				}
				raw, err := Message(n, testFrom, "")
				if err != nil {
					t.Fatal(err)
				}
				decode(t, raw)
			}
		}
	}
	// A finding in both a plan's actions and its notices is the owner's to do.
	in, _ := Read(strings.NewReader(hostileInputs[5]))
	if in.Planned["d"] {
		t.Error("a finding that is also an owner notice is announced as IT's change")
	}
}

// TestPlanMessages: a plan's actions are announced as IT's change, its
// owner notices keep the steps for the owner (FORM-001: the setting to
// turn off); golden in ja and en.
func TestPlanMessages(t *testing.T) {
	in := load(t, "plan.json")
	for _, lang := range []string{"ja", "en"} {
		b := build(t, in, Options{Lang: lang, Contact: "情報政策課（内線 1234）"})
		tx, _ := textsFor(lang)
		for _, n := range b.Notices {
			golden(t, "plan-"+lang+"-"+n.Owner+".txt", []byte("Subject: "+n.Subject+"\n\n"+n.Body))
			for _, f := range n.Findings {
				planned := in.Planned[f.Fingerprint]
				if planned != (f.CheckID != "FORM-001") {
					t.Errorf("%s: planned=%v", f.CheckID, planned)
				}
				if strings.Contains(n.Body, f.Remediation) == planned {
					t.Errorf("%s %s: steps shown=%v for planned=%v", lang, f.CheckID, !planned, planned)
				}
			}
			if strings.Contains(n.Body, tx.planned) != (n.Owner != "kato.e@city.sakura.example.jp") {
				t.Errorf("%s %s: planned line misplaced:\n%s", lang, n.Owner, n.Body)
			}
		}
	}
}

package notify

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

// FuzzRead feeds arbitrary bytes to the run/plan reader and builds the
// messages of whatever it accepts: nothing may panic, and every message
// goes to a bare address.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"run.json", "plan.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"schema":"gwsaudit.fix-plan/v1","notices":[{"finding":{"check_id":"FORM-001","severity":"high","resource":{"kind":"form","id":"x","owner":"a@b.jp\r\nBcc: c@d.jp"},"evidence":{}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		b, err := Build(t.Context(), in, Options{Now: fixedNow, From: testFrom})
		if err != nil {
			return
		}
		for _, n := range b.Notices {
			if _, ok := ownerAddress(n.Owner); !ok {
				t.Fatalf("message to %q", n.Owner)
			}
			if _, err := Message(n, testFrom, ""); err != nil {
				t.Fatal(err)
			}
		}
	})
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

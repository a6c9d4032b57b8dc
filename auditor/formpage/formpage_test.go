package formpage

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// want is what a test expects of a parsed page.
type want struct {
	Summary, Edit, OneResponse, SignIn, SignInFlag, SignInToContinue bool
	RespondAgain, DefaultBlock, SignedIn                             bool
	Email                                                            int
	PublishedID, Title                                               string
	Questions                                                        []string
}

func got(p *Page) want {
	s := p.Settings
	return want{
		Summary: s.SummaryPublished, Edit: s.AllowResponseEdits, OneResponse: s.OneResponsePerUser,
		SignIn: s.SignInRequired, SignInFlag: p.SignInFlag, SignInToContinue: p.SignInToContinue,
		RespondAgain: p.RespondAgainLink, DefaultBlock: p.DefaultResponseSettings, SignedIn: p.SignedIn,
		Email: s.EmailCollection, PublishedID: p.PublishedID, Title: s.Title, Questions: s.Questions,
	}
}

// realPages is where copies of the real captures live (README.md there).
var realPages = filepath.Join("testdata", "real")

// TestRealPages checks every captured page against the values decoded in
// testdata/real/README.md.
func TestRealPages(t *testing.T) {
	dir := realPages
	cases := map[string]want{
		"bhwsite": {
			Summary: true, Edit: true, RespondAgain: true, Email: EmailResponderInput,
			PublishedID: "1FAIpQLScl9PY85twZ0F8LTdk1z34CsV1MpqwTGj612m-FbE0tIAV0QA", Title: "Formulir Pendaftaran",
			Questions: []string{"DATA PRIBADI", "Nama lengkap :", "Jenis kelamin :", "Tempt tanggal lahir :",
				"Alamat pengambilan :", "Telephone (hp) :", "Nama instansi :", "Alamat instansi :"},
		},
		"gomad21": {
			Summary: true, Edit: true, RespondAgain: true,
			PublishedID: "1FAIpQLSe0-5lmgfLYA7z0W_I-puRioBwTqPWvUC1xj653jSzqNbnHHg", Title: "완성한 주소를 알려주세요",
			Questions: []string{"주소를 알려주세요", "어떤 주제의 웹사이트인가요?", "앞으로 계획은 무엇인가요?"},
		},
		"apilka": {
			Edit: true, SignedIn: true, Email: EmailResponderInput,
			PublishedID: "1FAIpQLSewIismFHrOB04-vjzFCIHnxQM-ySbTkAM8MpW4YsrVbf3Oeg", Title: "Get In Touch",
			Questions: []string{"Your Name", "Company Name", "What type of event are you planning?", "When is your event?",
				"What's your estimated event budget range?", "Which services do you need?", "How did you hear about me?",
				"Tell me more about your event vision"},
		},
		"CSSIDDHARTH": {
			Edit: true, OneResponse: true, SignIn: true, SignInFlag: true, SignInToContinue: true, Email: EmailNone,
			PublishedID: "1FAIpQLSfGZ6TjQ0xwIKSFiCReRl89NlIsxRykutA-_u0j40TrIopcCQ", Title: "Contact information",
			Questions: []string{"Name", "Email", "Address", "Phone number", "Comments"},
		},
		"IakoPain": {
			RespondAgain: true, DefaultBlock: true, Email: EmailNone,
			PublishedID: "1FAIpQLSfF0z7639P2ruGwdGehJvdQ4fl3kF4IIWvFzca5P-qeuYBjEQ", Title: "Renseignements BTS",
			Questions: []string{"Prénom", "Nom", "Email valide (que vous consultez)", "Formation"},
		},
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pages in %s (%v)", dir, err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			var key string
			for k := range cases {
				if strings.Contains(name, k) {
					key = k
				}
			}
			if key == "" {
				t.Fatalf("no expectation for %s: add one", name)
			}
			seen[key] = true
			html, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ParsePage(html)
			if err != nil {
				t.Fatalf("ParsePage: %v", err)
			}
			if diff := cmp.Diff(cases[key], got(p)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			s, err := Parse(html)
			if err != nil || s.SummaryPublished != cases[key].Summary {
				t.Errorf("Parse: %+v, %v", s, err)
			}
		})
	}
	for k := range cases {
		if !seen[k] {
			t.Errorf("page %s missing from %s", k, dir)
		}
	}
}

// TestControlledDumps checks the python-gforms one-setting-per-form dumps.
func TestControlledDumps(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(realPages, "gforms-controlled-settings-dumps_2021-09_and_2025-03.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sets map[string]json.RawMessage
	if err := json.Unmarshal(raw, &sets); err != nil {
		t.Fatal(err)
	}
	n := 0
	for set, msg := range sets {
		if !strings.HasPrefix(set, "dumps_") {
			continue
		}
		var forms map[string]json.RawMessage
		if err := json.Unmarshal(msg, &forms); err != nil {
			t.Fatalf("%s: %v", set, err)
		}
		for form, arr := range forms {
			n++
			t.Run(set[:16]+"/"+form, func(t *testing.T) {
				p, err := ParsePage(wrap(arr))
				if err != nil {
					t.Fatalf("ParsePage: %v", err)
				}
				s := p.Settings
				// Every dump has one setting changed: the summary flag must
				// be set only by settings_stats.
				if s.SummaryPublished != (form == "settings_stats") {
					t.Errorf("SummaryPublished = %v", s.SummaryPublished)
				}
				if s.AllowResponseEdits != (form == "settings_edit") {
					t.Errorf("AllowResponseEdits = %v", s.AllowResponseEdits)
				}
				if s.OneResponsePerUser != (form == "settings_submit_once") {
					t.Errorf("OneResponsePerUser = %v", s.OneResponsePerUser)
				}
				wantSignIn := form == "settings_submit_once" || form == "settings_verified_email"
				if s.SignInRequired != wantSignIn {
					t.Errorf("SignInRequired = %v, want %v", s.SignInRequired, wantSignIn)
				}
				switch form {
				case "empty":
					if s.EmailCollection != 0 || p.DefaultResponseSettings || !p.RespondAgainLink {
						t.Errorf("empty: %+v", p)
					}
				case "settings_verified_email":
					if s.EmailCollection != EmailVerified || !p.DefaultResponseSettings {
						t.Errorf("verified email: email %d, default block %v", s.EmailCollection, p.DefaultResponseSettings)
					}
				case "settings_no_resubmit_link":
					if p.RespondAgainLink {
						t.Error("RespondAgainLink on")
					}
				case "settings_confirmation_msg":
					if p.ConfirmationMessage != "custom_text" {
						t.Errorf("ConfirmationMessage = %q", p.ConfirmationMessage)
					}
				}
			})
		}
	}
	if n < 20 {
		t.Errorf("only %d dumps found", n)
	}
}

func wrap(arr []byte) []byte {
	return []byte("<html><script>var FB_PUBLIC_LOAD_DATA_ = " + string(arr) + ";</script></html>")
}

// TestSynthetic covers odd shapes the real pages do not.
func TestSynthetic(t *testing.T) {
	tests := []struct {
		name    string
		html    string
		wantErr error
		check   func(*Page) bool
	}{
		{"no data", `<html><body>hello</body></html>`, ErrNoFormData, nil},
		{"sign-in page", `<html><input id="identifierId"></html>`, ErrSignInPage, nil},
		{"mention only", `<script>x = window.FB_PUBLIC_LOAD_DATA_;</script>`, ErrNoFormData, nil},
		{"elision", `<script>var FB_PUBLIC_LOAD_DATA_ = ["1v60y",[,[["a"]]]];</script>`, ErrNotJSON, nil},
		{"trailing elision", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[1,]];</script>`, ErrNotJSON, nil},
		{"double comma", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,,1];</script>`, ErrNotJSON, nil},
		{"unclosed", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,["x",`, ErrNotJSON, nil},
		{"unclosed string", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,["x`, ErrNotJSON, nil},
		{"single quotes", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,['x']];</script>`, ErrNotJSON, nil},
		{"too deep", `<script>var FB_PUBLIC_LOAD_DATA_ = ` + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + `;</script>`, ErrNotJSON, nil},
		{"body not array", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,"x"];</script>`, ErrNotJSON, nil},
		{"top only", `<script>var FB_PUBLIC_LOAD_DATA_ = [];</script>`, ErrNotJSON, nil},
		// Shapes no real page has: the summary setting is unknown, never
		// "off" (and never "on" from a value like true or 2).
		{"minimal", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[]];</script>`, ErrUnrecognised, nil},
		{"body too short", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,null]];</script>`, ErrUnrecognised, nil},
		{"booleans", `<script>var FB_PUBLIC_LOAD_DATA_=[null,[null,null,["",true,true,false]]];</script>`, ErrUnrecognised, nil},
		{"wrong types", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[1,"items",{"a":1},2,3,4,5,6,[7],8,"x"],2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,"yes"];</script>`, ErrUnrecognised, nil},
		{"huge numbers", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,["",1e999,0.0],null,null,null,null,null,null,null,[0,0,0,0,0,0,99999999999]]];</script>`, ErrUnrecognised, nil},
		{"summary flag 2", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,["",1,2,0,0]]];</script>`, ErrUnrecognised, nil},
		{"short block", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,["",1,1]]];</script>`, ErrUnrecognised, nil},
		{"numeric message", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,[5,1,1,0,0]]];</script>`, ErrUnrecognised, nil},
		{"block null", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,null]];</script>`, nil,
			func(p *Page) bool {
				return !p.Settings.SummaryPublished && p.DefaultResponseSettings && p.RespondAgainLink
			}},
		{"brackets in strings", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,[[1,"a]\"[b"]],["m",1,1,0,0]]];</script>`, nil,
			func(p *Page) bool { return p.Settings.SummaryPublished && p.Settings.Questions[0] == `a]"[b` }},
		{"huge numbers elsewhere", `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,["",0,0,0,0],null,null,null,null,null,null,null,[0,1e999,0,0,0,0,99999999999]]];</script>`, nil,
			func(p *Page) bool {
				return p.Settings.EmailCollection == 0 && !p.Settings.SummaryPublished && !p.RespondAgainLink
			}},
		{"second assignment", `<script>if(!FB_PUBLIC_LOAD_DATA_){} var FB_PUBLIC_LOAD_DATA_ = [null,[null,null,["",1,1,0,0]]];</script>`, nil,
			func(p *Page) bool { return p.Settings.SummaryPublished }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePage([]byte(tt.html))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParsePage: %v", err)
			}
			if !tt.check(p) {
				t.Errorf("unexpected result %+v", p)
			}
		})
	}
}

func TestSignInPageIsNoFormData(t *testing.T) {
	if !errors.Is(ErrSignInPage, ErrNoFormData) {
		t.Fatal("ErrSignInPage must match ErrNoFormData")
	}
}

func TestTooLarge(t *testing.T) {
	big := make([]byte, MaxPageSize+1)
	if _, err := ParsePage(big); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if _, err := Read(strings.NewReader(string(big))); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Read err = %v", err)
	}
}

// TestFixtures parses the small synthetic pages in testdata.
func TestFixtures(t *testing.T) {
	tests := map[string]struct {
		summary, signIn bool
		err             error
	}{
		"summary-on.html":      {summary: true},
		"signin-required.html": {signIn: true},
		"elision-2016.html":    {err: ErrNotJSON},
		"google-signin.html":   {err: ErrSignInPage},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			p, err := Read(f)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Settings.SummaryPublished != tt.summary || p.Settings.SignInRequired != tt.signIn {
				t.Errorf("got %+v", p.Settings)
			}
		})
	}
}

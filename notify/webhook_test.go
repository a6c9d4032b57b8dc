package notify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

const secretPath = "/v1/spaces/AAAA/messages?key=SECRETKEY&token=SECRETTOKEN"

// TestHookSummaryGolden: the summary in ja and en, with a resolved finding.
func TestHookSummaryGolden(t *testing.T) {
	in := load(t, "run.json")
	in.Doc.Resolved = []report.Resolved{{Fingerprint: "x", CheckID: "SHARE-002", ResolvedAt: fixedNow()}}
	for _, lang := range []string{"ja", "en"} {
		text, err := HookSummary(in.Doc, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "webhook-"+lang+".txt", []byte(text+"\n"))
		for _, f := range in.Doc.Findings {
			for _, s := range []string{f.Resource.Name, f.Resource.Owner, f.Resource.URL} {
				if s != "" && strings.Contains(text, s) {
					t.Errorf("%s: summary names %q (names, owners and links stay out of chat)", lang, s)
				}
			}
		}
	}
	if NewFindings(in.Doc) != 5 {
		t.Errorf("NewFindings = %d, want 5", NewFindings(in.Doc))
	}
}

// hook serves answers in turn and records the requests.
type hook struct {
	answers []int
	calls   atomic.Int32
	bodies  []string
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := int(h.calls.Add(1)) - 1
	b, _ := io.ReadAll(r.Body)
	h.bodies = append(h.bodies, string(b))
	if r.Header.Get("Content-Type") != "application/json; charset=UTF-8" {
		w.WriteHeader(http.StatusUnsupportedMediaType)
		return
	}
	code := h.answers[min(i, len(h.answers)-1)]
	if code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "0")
	}
	w.WriteHeader(code)
	_, _ = w.Write([]byte(`{"error":"busy"}`))
}

func TestWebhookPost(t *testing.T) {
	cases := []struct {
		name    string
		answers []int
		calls   int32
		ok      bool
	}{
		{"accepted", []int{200}, 1, true},
		{"retried after 503 and 429", []int{503, 429, 200}, 3, true},
		{"bounded retries", []int{500}, 4, false},
		{"no retry on 400", []int{400, 200}, 1, false},
	}
	for _, c := range cases {
		h := &hook{answers: c.answers}
		srv := httptest.NewServer(h)
		wh := &Webhook{URL: srv.URL + secretPath, Backoff: time.Millisecond}
		err := wh.Post(context.Background(), "新規 1 件")
		srv.Close()
		if (err == nil) != c.ok || h.calls.Load() != c.calls {
			t.Errorf("%s: err %v after %d calls, want ok=%v after %d", c.name, err, h.calls.Load(), c.ok, c.calls)
		}
		if err != nil && (strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "/v1/spaces")) {
			t.Errorf("%s: the error shows the webhook URL: %v", c.name, err)
		}
		var body map[string]string
		if json.Unmarshal([]byte(h.bodies[0]), &body) != nil || body["text"] != "新規 1 件" || len(body) != 1 {
			t.Errorf("%s: body %s, want {\"text\": …} only", c.name, h.bodies[0])
		}
	}
	// Nothing listening: a network error, retried, with the URL hidden.
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	err := (&Webhook{URL: srv.URL + secretPath, Backoff: time.Millisecond, Attempts: 2}).Post(context.Background(), "x")
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("closed server: %v", err)
	}
}

func TestCheckWebhookURL(t *testing.T) {
	for u, ok := range map[string]bool{
		"https://chat.googleapis.com/v1/spaces/X/messages?key=k": true,
		"https://hooks.slack.com/services/T/B/X":                 true,
		"http://127.0.0.1:8080/hook":                             true,
		"http://hooks.slack.com/services/T/B/X":                  false,
		"ftp://example.jp/x":                                     false,
		"not a url":                                              false,
	} {
		err := CheckWebhookURL(u)
		if (err == nil) != ok {
			t.Errorf("%s: err %v, want ok=%v", u, err, ok)
		}
		if err != nil && strings.Contains(err.Error(), "services/T") {
			t.Errorf("%s: the error quotes the URL path", u)
		}
	}
}

// TestHookSummaryCountsOnlyNew: open and suppressed findings are not new.
func TestHookSummaryCountsOnlyNew(t *testing.T) {
	doc := report.New(report.Run{Tenant: report.Tenant{PrimaryDomain: "example.jp"}}, model.Coverage{}, []model.Finding{
		{CheckID: "SHARE-002", Severity: model.High, Status: model.StatusOpen, Resource: model.Resource{ID: "old"}},
		{CheckID: "SHARE-002", Severity: model.High, Status: model.StatusSuppressed, Resource: model.Resource{ID: "accepted"}},
	})
	text, err := HookSummary(doc, "en")
	if err != nil {
		t.Fatal(err)
	}
	if NewFindings(doc) != 0 || strings.Contains(text, "old") || strings.Contains(text, "accepted") {
		t.Errorf("summary of a run without new findings:\n%s", text)
	}
}

package cli_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
)

// chatHook records webhook posts; it answers with code.
type chatHook struct {
	mu    sync.Mutex
	code  int
	texts []string
}

func (h *chatHook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	var body struct{ Text string }
	_ = json.Unmarshal(b, &body)
	h.mu.Lock()
	h.texts = append(h.texts, body.Text)
	code := h.code
	h.mu.Unlock()
	if code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "0")
	}
	w.WriteHeader(code)
}

func (h *chatHook) posts() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.texts...)
}

const hookSecret = "/v1/spaces/AAA/messages?key=SECRET-KEY-77&token=SECRET-TOKEN-77"

// TestAuditWebhook: a scheduled run with new findings posts one summary;
// the next run, with nothing new, posts nothing; the URL from a file works
// as from the environment; a webhook that keeps failing leaves the exit
// code alone and the URL out of the log.
func TestAuditWebhook(t *testing.T) {
	_, base := historyEmulator(t)
	h := &chatHook{code: http.StatusOK}
	srv := httptest.NewServer(h)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "gwsaudit.db")
	args := []string{"audit", "--emulator", base, "--admin", "admin@town.example.jp", "--store", db, "--lang", "ja", "--log-format", "json"}

	t.Setenv("GWSAUDIT_NOTIFY_WEBHOOK", srv.URL+hookSecret)
	code, stdout, stderr := run(t, args...)
	if code != cli.ExitFindings {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	posts := h.posts()
	if len(posts) != 1 || !strings.Contains(posts[0], "新規の露出が 1 件") || !strings.Contains(posts[0], "doc-1") || strings.Contains(posts[0], "議事録") {
		t.Fatalf("posts %q: want one summary naming the item ID, not its name", posts)
	}
	// The post counts what the console headline of the same run counts.
	head := regexp.MustCompile(`新規 (\d+) 件・解消 (\d+) 件`).FindStringSubmatch(stdout)
	post := regexp.MustCompile(`新規の露出が (\d+) 件ありました（解消 (\d+) 件）`).FindStringSubmatch(posts[0])
	if head == nil || post == nil || head[1] != post[1] || head[2] != post[2] {
		t.Errorf("console headline %q, webhook %q: the counts differ", head, post)
	}
	if strings.Contains(stderr, "SECRET") {
		t.Errorf("the webhook URL is logged:\n%s", stderr)
	}

	// Nothing new: nothing posted. The URL comes from a file this time.
	t.Setenv("GWSAUDIT_NOTIFY_WEBHOOK", "")
	file := filepath.Join(t.TempDir(), "hook")
	if err := os.WriteFile(file, []byte(srv.URL+hookSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, append(args, "--notify-webhook-file", file)...); code != cli.ExitFindings || len(h.posts()) != 1 {
		t.Fatalf("second run: exit %d, %d posts\n%s", code, len(h.posts()), stderr)
	}

	// A failing webhook: warned, retried a bounded number of times, the
	// audit's exit code unchanged, the URL hidden.
	h.mu.Lock()
	h.code = http.StatusTooManyRequests
	h.mu.Unlock()
	code, _, stderr = run(t, "audit", "--emulator", base, "--admin", "admin@town.example.jp", "--store", filepath.Join(t.TempDir(), "fresh.db"),
		"--log-format", "json", "--notify-webhook-file", file)
	if code != cli.ExitFindings || !strings.Contains(stderr, "webhook notice not posted") {
		t.Errorf("failing webhook: exit %d\n%s", code, stderr)
	}
	if n := len(h.posts()); n != 1+4 {
		t.Errorf("%d posts, want 1 then 4 tries", n)
	}
	if strings.Contains(stderr, "SECRET") {
		t.Errorf("the webhook URL is logged:\n%s", stderr)
	}
}

// TestAuditWebhookNeedsStore: without a history nothing is new, so a
// webhook is a setting error, named before the audit runs; so is a URL
// that is not https.
func TestAuditWebhookNeedsStore(t *testing.T) {
	_, base := historyEmulator(t)
	t.Setenv("GWSAUDIT_NOTIFY_WEBHOOK", "https://chat.googleapis.com"+hookSecret)
	code, _, stderr := run(t, "audit", "--emulator", base, "--admin", "admin@town.example.jp")
	if code != cli.ExitFailed || !strings.Contains(stderr, "--store") || strings.Contains(stderr, "SECRET") {
		t.Errorf("no store: exit %d\n%s", code, stderr)
	}
	t.Setenv("GWSAUDIT_NOTIFY_WEBHOOK", "http://chat.example.jp"+hookSecret)
	code, _, stderr = run(t, "audit", "--emulator", base, "--admin", "admin@town.example.jp", "--store", filepath.Join(t.TempDir(), "x.db"))
	if code != cli.ExitFailed || !strings.Contains(stderr, "https") || strings.Contains(stderr, "SECRET") {
		t.Errorf("http URL: exit %d\n%s", code, stderr)
	}
}

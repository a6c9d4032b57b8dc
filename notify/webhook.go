package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// Webhook posts to a chat incoming webhook: {"text": …}, which Google
// Chat and Slack both accept. The URL is a secret (it alone lets anyone
// post): errors and logs show only its scheme and host.
type Webhook struct {
	URL    string
	Client *http.Client // nil: a client with a 30-second timeout
	// Attempts bounds the tries (default 4); 429 and 5xx answers and
	// network errors are retried after Backoff·2ⁿ (default 1 s), or the
	// answer's Retry-After up to MaxWait (default 30 s).
	Attempts int
	Backoff  time.Duration
	MaxWait  time.Duration
}

// CheckWebhookURL accepts an https URL, or http on loopback (a test or a
// local relay). Errors never quote the URL.
func CheckWebhookURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return usererr.New(usererr.WebhookNotURL)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http":
		if ip := net.ParseIP(u.Hostname()); u.Hostname() == "localhost" || ip != nil && ip.IsLoopback() {
			return nil
		}
	}
	return usererr.New(usererr.WebhookNotHTTPS, u.Scheme, u.Host)
}

// Redacted is the URL as logs may show it: scheme and host only.
func (h *Webhook) Redacted() string {
	u, err := url.Parse(strings.TrimSpace(h.URL))
	if err != nil || u.Host == "" {
		return "(webhook URL)"
	}
	return u.Scheme + "://" + u.Host + "/…"
}

// Post sends text, retrying as Webhook says.
func (h *Webhook) Post(ctx context.Context, text string) error {
	if err := CheckWebhookURL(h.URL); err != nil {
		return err
	}
	body, err := json.Marshal(map[string]string{"text": text})
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	attempts, backoff, maxWait := h.Attempts, h.Backoff, h.MaxWait
	if attempts <= 0 {
		attempts = 4
	}
	if backoff <= 0 {
		backoff = time.Second
	}
	if maxWait <= 0 {
		maxWait = 30 * time.Second
	}
	client := h.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	var last error
	for try := 0; try < attempts; try++ {
		wait, retry, err := h.once(ctx, client, body)
		if err == nil {
			return nil
		}
		last = err
		if !retry || try == attempts-1 {
			break
		}
		if wait < 0 {
			wait = backoff << try
		}
		wait = min(wait, maxWait)
		select {
		case <-ctx.Done():
			return fmt.Errorf("webhook %s: %w", h.Redacted(), ctx.Err())
		case <-time.After(wait):
		}
	}
	return last
}

// once posts once. retry tells whether trying again can help; wait is the
// wait the answer asked for (Retry-After), or -1 for the default backoff.
func (h *Webhook) once(ctx context.Context, client *http.Client, body []byte) (wait time.Duration, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSpace(h.URL), bytes.NewReader(body))
	if err != nil {
		return -1, false, fmt.Errorf("webhook %s: cannot build the request", h.Redacted())
	}
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // its text quotes the URL
		}
		return -1, true, fmt.Errorf("webhook %s: %w", h.Redacted(), err)
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	if resp.StatusCode/100 == 2 {
		return 0, false, nil
	}
	err = fmt.Errorf("webhook %s answered %s: %s", h.Redacted(), resp.Status, strings.TrimSpace(strings.ReplaceAll(string(snippet), h.URL, "…")))
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
		return -1, false, err
	}
	if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s >= 0 {
		return time.Duration(s) * time.Second, true, err
	}
	return -1, true, err
}

package auditor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"google.golang.org/api/googleapi"

	"github.com/gwsaudit/gwsaudit/auditor/formpage"
	"github.com/gwsaudit/gwsaudit/auditor/site"
)

const (
	googlePagePrefix = "https://docs.google.com/forms/"
	shortLinkPrefix  = "https://forms.gle/"
	maxPageBytes     = 8 << 20
	pageTimeout      = 30 * time.Second
	maxPageRedirects = 5
	// maxErrorPageBytes is how much of a 403 page is read to tell Google's
	// "you need permission" page from its "unusual traffic" one.
	maxErrorPageBytes = 256 << 10
)

// errSignIn means the page sent an anonymous visitor to Google's sign-in.
var errSignIn = errors.New("the public page redirects anonymous visitors to Google sign-in")

// errNoPermission means the Forms application answered a summary page
// (viewanalytics) with 403: the owner has not published the summary.
var errNoPermission = errors.New("the summary page is not public")

// pageFetcher fetches public form pages anonymously, only from the
// allowlist, never following a redirect out of it.
type pageFetcher struct {
	a        *auditor
	client   *http.Client
	prefixes []string
	origin   string // emulator base, "" for Google
}

func newPageFetcher(a *auditor) *pageFetcher {
	pf := &pageFetcher{a: a, prefixes: []string{googlePagePrefix, shortLinkPrefix}}
	if a.opts.Endpoint != "" {
		pf.origin = strings.TrimRight(a.opts.Endpoint, "/")
		pf.prefixes = []string{pf.origin + "/forms/", pf.origin + "/forms.gle/"}
	}
	pf.client = &http.Client{
		Transport: a.transport,
		Timeout:   pageTimeout,
		// Redirects are looked at one by one in fetch.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return pf
}

// allowed rewrites a public Google URL to the emulator in emulator mode and
// reports whether the result is on the allowlist.
func (pf *pageFetcher) allowed(raw string) (string, bool) {
	if pf.origin != "" && strings.HasPrefix(raw, googlePagePrefix) {
		raw = pf.origin + "/forms/" + strings.TrimPrefix(raw, googlePagePrefix)
	}
	if pf.origin != "" && strings.HasPrefix(raw, shortLinkPrefix) {
		raw = pf.origin + "/forms.gle/" + strings.TrimPrefix(raw, shortLinkPrefix)
	}
	u, err := url.Parse(raw)
	if err != nil || u.User != nil {
		return raw, false
	}
	for _, p := range pf.prefixes {
		if strings.HasPrefix(raw, p) && !strings.Contains(u.Path, "..") {
			return raw, true
		}
	}
	return raw, false
}

// fetch returns the page body. A redirect to sign-in is errSignIn; any other
// redirect must stay on the allowlist.
func (pf *pageFetcher) fetch(ctx context.Context, raw string) ([]byte, error) {
	body, _, err := pf.fetchFinal(ctx, raw)
	return body, err
}

// fetchFinal is fetch that also returns the URL the page was finally read
// from (after redirects, forms.gle short links included).
func (pf *pageFetcher) fetchFinal(ctx context.Context, raw string) ([]byte, string, error) {
	return pf.fetchPage(ctx, raw, false)
}

// fetchPage is fetchFinal; with summary set a 403 from the Forms
// application is the answer errNoPermission, not a fault to retry.
func (pf *pageFetcher) fetchPage(ctx context.Context, raw string, summary bool) ([]byte, string, error) {
	target, ok := pf.allowed(raw)
	if !ok {
		return nil, "", fmt.Errorf("refused to fetch %q: not a Google Forms public page", raw)
	}
	for range maxPageRedirects {
		var body []byte
		var next string
		err := pf.a.call(ctx, apiPage, "page.get", func() error {
			var err error
			body, next, err = pf.get(ctx, target, summary)
			return err
		})
		if err != nil {
			return nil, "", err
		}
		if next == "" {
			return body, target, nil
		}
		loc, err := url.Parse(next)
		if err != nil {
			return nil, "", fmt.Errorf("bad redirect from %s: %w", target, err)
		}
		base, _ := url.Parse(target)
		resolved := base.ResolveReference(loc)
		if resolved.Hostname() == "accounts.google.com" || strings.Contains(resolved.Path, "ServiceLogin") {
			return nil, "", errSignIn
		}
		if target, ok = pf.allowed(resolved.String()); !ok {
			return nil, "", fmt.Errorf("refused to follow a redirect from %s to %s (outside the allowlist)", raw, resolved.Redacted())
		}
	}
	return nil, "", fmt.Errorf("too many redirects from %s", raw)
}

// get makes one anonymous GET; next is the Location of a redirect. With
// summary set, a 403 from the Forms application (formpage.ClassifySummary)
// is errNoPermission (final); any other 403 stays worth another try.
func (pf *pageFetcher) get(ctx context.Context, target string, summary bool) (body []byte, next string, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Accept", "text/html")
	req.Header.Set("User-Agent", "gwsaudit (form settings probe)")
	resp, err := pf.client.Do(req)
	if errors.Is(err, site.ErrForbiddenAddress) {
		return nil, "", fmt.Errorf("fetch %s: %w", target, err)
	}
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", errRetryablePage, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return nil, resp.Header.Get("Location"), nil
	case summary && resp.StatusCode == http.StatusForbidden:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorPageBytes))
		if formpage.ClassifySummary(resp.StatusCode, b, "") == formpage.SummaryRefused {
			return nil, "", errNoPermission
		}
		return nil, "", refusedPage(target, resp)
	// Google answers bursts of anonymous requests with 429, and sometimes
	// 403 (its "unusual traffic" page): both are worth another try.
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500:
		return nil, "", refusedPage(target, resp)
	case resp.StatusCode != http.StatusOK:
		return nil, "", fmt.Errorf("%s answered %s", target, resp.Status)
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxPageBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("%w: read %s: %w", errRetryablePage, target, err)
	}
	if len(body) > maxPageBytes {
		return nil, "", fmt.Errorf("%s is larger than %d bytes", target, maxPageBytes)
	}
	return body, "", nil
}

// pageRefusedError is a page answer worth another try (429, 403, 5xx),
// with the answer's Retry-After.
type pageRefusedError struct {
	msg        string
	status     int           // the HTTP status Google answered
	retryAfter time.Duration // 0: none; capped at maxRetryAfter
}

func (e *pageRefusedError) Error() string { return fmt.Sprintf("%s: %s", errRetryablePage, e.msg) }
func (e *pageRefusedError) Unwrap() error { return errRetryablePage }

// refusedPage reads a refused answer's status and Retry-After (seconds or
// an HTTP date, as for API calls, within the same cap).
func refusedPage(target string, resp *http.Response) error {
	e := &pageRefusedError{msg: fmt.Sprintf("%s answered %s", target, resp.Status), status: resp.StatusCode}
	if ra, ok := retryAfter(&googleapi.Error{Header: resp.Header}); ok && ra > 0 {
		e.retryAfter = min(ra, maxRetryAfter)
	}
	return e
}

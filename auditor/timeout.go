package auditor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// DefaultAttemptTimeout bounds one try of one API call: the request, the
// wait for Google's answer and the reading of its body.
const DefaultAttemptTimeout = 60 * time.Second

// errAttemptTimeout marks a try that got no complete answer within the
// per-attempt timeout: a hung connection, worth another try (and, when
// every try hangs, a gap) rather than a cron job that never ends.
var errAttemptTimeout = errors.New("no complete answer within the per-attempt timeout")

// tokenContext returns ctx carrying, for oauth2's token requests (the
// service account's JWT-bearer exchange), an HTTP client over rt, the
// audit's transport: a token endpoint that hangs is then cut off by the
// per-attempt timeout, as an API call is, instead of hanging the run
// (oauth2 would otherwise use http.DefaultClient, which never gives up).
func tokenContext(ctx context.Context, rt http.RoundTripper) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Transport: rt})
}

// attemptTimeout is a transport that gives every request its own deadline,
// covering the body as well as the headers.
type attemptTimeout struct {
	base http.RoundTripper
	d    time.Duration
}

// withAttemptTimeout wraps base; d ≤ 0 leaves it as it is.
func withAttemptTimeout(base http.RoundTripper, d time.Duration) http.RoundTripper {
	if d <= 0 {
		return base
	}
	return attemptTimeout{base: base, d: d}
}

func (t attemptTimeout) RoundTrip(r *http.Request) (*http.Response, error) {
	parent := r.Context()
	ctx, cancel := context.WithTimeout(parent, t.d)
	resp, err := t.base.RoundTrip(r.WithContext(ctx))
	if err != nil {
		err = t.explain(ctx, parent, err)
		cancel()
		return nil, err
	}
	resp.Body = &timeoutBody{ReadCloser: resp.Body, t: t, ctx: ctx, parent: parent, cancel: cancel}
	return resp, nil
}

// explain marks err as a timed-out try when this attempt's deadline, not
// the caller's, ended it.
func (t attemptTimeout) explain(ctx, parent context.Context, err error) error {
	if parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w (%s): %w", errAttemptTimeout, t.d, err)
	}
	return err
}

// timeoutBody ends the attempt's deadline when the body is closed and
// explains a read cut short by it.
type timeoutBody struct {
	io.ReadCloser
	t           attemptTimeout
	ctx, parent context.Context
	cancel      context.CancelFunc
}

func (b *timeoutBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = b.t.explain(b.ctx, b.parent, err)
	}
	return n, err
}

func (b *timeoutBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

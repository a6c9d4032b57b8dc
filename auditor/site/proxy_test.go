package site_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor/site"
)

// publicTarget is a documentation address (RFC 5737): public to the guard,
// reached here only through the test proxy, which sends it to a local server.
const publicTarget = "192.0.2.10"

// testProxy is a loopback forward proxy: CONNECT tunnels and absolute-form
// requests all go to backend (host:port), whatever target they name. It
// counts the requests it receives.
func testProxy(t *testing.T, backend string) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.Method == http.MethodConnect {
			up, err := net.Dial("tcp", backend)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			conn, rw, err := http.NewResponseController(w).Hijack()
			if err != nil {
				up.Close()
				return
			}
			_, _ = conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
			go func() { _, _ = io.Copy(up, rw); up.Close() }()
			_, _ = io.Copy(conn, up)
			conn.Close()
			return
		}
		out, err := http.NewRequestWithContext(r.Context(), r.Method, "http://"+backend+r.URL.RequestURI(), nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp, err := http.DefaultTransport.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// setProxy points every proxy variable at proxy.
func setProxy(t *testing.T, proxy string) {
	for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"} {
		t.Setenv(k, proxy)
	}
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
}

func TestCrawlThroughProxy(t *testing.T) {
	_, base := serve(t, siteTenant())
	proxy, n := testProxy(t, strings.TrimPrefix(base, "http://"))
	setProxy(t, proxy.URL)
	opts := testOpts()
	opts.AllowPrivate = false
	res, err := site.Crawl(context.Background(), []string{"http://" + publicTarget + "/site/index.html"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) < 3 {
		t.Fatalf("crawled %d pages through the proxy, want the site; skipped %v", len(res.Pages), res.Skipped)
	}
	if n.Load() < int64(len(res.Pages)) {
		t.Errorf("proxy saw %d requests for %d pages", n.Load(), len(res.Pages))
	}
}

func TestTransportConnectProxy(t *testing.T) {
	backend := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "hello")
	}))
	defer backend.Close()
	proxy, n := testProxy(t, backend.Listener.Addr().String())
	setProxy(t, proxy.URL)
	tr := site.Transport(false)
	pool := x509.NewCertPool()
	pool.AddCert(backend.Certificate())
	// The test certificate names example.com; the target is an address.
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, ServerName: "example.com"}
	resp, err := (&http.Client{Transport: tr}).Get("https://" + publicTarget + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "hello" || n.Load() != 1 {
		t.Errorf("got %q with %d CONNECTs, want hello through one", b, n.Load())
	}
}

func TestProxyStillRefusesPrivateTargets(t *testing.T) {
	proxy, n := testProxy(t, "127.0.0.1:1")
	setProxy(t, proxy.URL)
	site.ResolveForTest(t, map[string]string{"intranet.city.example": "10.20.30.40", "mixed.example": "::ffff:192.168.1.1"})
	client := &http.Client{Transport: site.Transport(false)}
	for _, target := range []string{"http://10.1.2.3/", "https://10.1.2.3/", "http://intranet.city.example/", "https://mixed.example/",
		"https://[fd00::1]/", "http://127.0.0.1/", "http://localhost/"} {
		_, err := client.Get(target)
		if !errors.Is(err, site.ErrForbiddenAddress) {
			t.Errorf("%s through a proxy: err %v, want %v", target, err, site.ErrForbiddenAddress)
		}
	}
	if n.Load() != 0 {
		t.Errorf("the proxy received %d requests for private targets", n.Load())
	}
	// The emulator mode uses no proxy at all.
	if tr := site.Transport(true); tr.Proxy != nil {
		t.Error("allowPrivate transport uses a proxy")
	}
	if u, _ := url.Parse(proxy.URL); u.Hostname() != "127.0.0.1" {
		t.Fatalf("proxy on %s, want loopback", u.Host)
	}
}

package site

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// ErrForbiddenAddress means a connection to a private, loopback, link-local
// or otherwise non-public address was refused.
var ErrForbiddenAddress = errors.New("refused to connect to a non-public address")

// cgnat is the shared address space (RFC 6598), not routable on the Internet.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// PublicAddr reports whether ip may be fetched from the Internet: not
// loopback, private, link-local, multicast, unspecified or shared.
func PublicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsValid() && !ip.IsLoopback() && !ip.IsPrivate() && !ip.IsLinkLocalUnicast() &&
		!ip.IsLinkLocalMulticast() && !ip.IsInterfaceLocalMulticast() && !ip.IsMulticast() &&
		!ip.IsUnspecified() && !cgnat.Contains(ip) && ip != netip.IPv4Unspecified()
}

// guardControl checks the address a socket is about to connect to, after
// DNS resolution, so that a name resolving (or re-resolving) to an internal
// address cannot slip past.
func guardControl(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	if !PublicAddr(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, ap.Addr())
	}
	return nil
}

// Transport returns an HTTP transport for fetching public pages. Unless
// allowPrivate is set (emulator and test mode), it refuses non-public
// targets and honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY, read when it is
// built. A direct connection is checked at the socket; a target reached
// through a proxy is resolved and checked before the request is handed to
// the proxy, which itself may be on a private address. With allowPrivate
// no proxy is used.
func Transport(allowPrivate bool) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           16,
		IdleConnTimeout:        30 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  20 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
	if allowPrivate {
		return tr
	}
	cfg := httpproxy.FromEnvironment()
	proxies := proxyAddrs(cfg)
	guarded := &net.Dialer{Timeout: d.Timeout, KeepAlive: d.KeepAlive, Control: guardControl}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if proxies[addr] {
			return d.DialContext(ctx, network, addr)
		}
		return guarded.DialContext(ctx, network, addr)
	}
	tr.Proxy = guardedProxy(cfg.ProxyFunc())
	return tr
}

// guardedProxy wraps an environment proxy choice: every target is resolved
// and must be public before it is fetched, through a proxy or not.
func guardedProxy(choose func(*url.URL) (*url.URL, error)) func(*http.Request) (*url.URL, error) {
	return func(req *http.Request) (*url.URL, error) {
		if err := checkTarget(req.Context(), req.URL.Hostname()); err != nil {
			return nil, err
		}
		return choose(req.URL)
	}
}

// lookupNetIP resolves names for checkTarget (replaced in tests).
var lookupNetIP = net.DefaultResolver.LookupNetIP

// checkTarget resolves host and refuses it if any address is non-public.
func checkTarget(ctx context.Context, host string) error {
	if ip, err := netip.ParseAddr(host); err == nil {
		if !PublicAddr(ip) {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, host)
		}
		return nil
	}
	ips, err := lookupNetIP(ctx, "ip", host)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", host, err)
	}
	for _, ip := range ips {
		if !PublicAddr(ip) {
			return fmt.Errorf("%w: %s resolves to %s", ErrForbiddenAddress, host, ip)
		}
	}
	return nil
}

// proxyAddrs lists the host:port the transport dials for each configured
// proxy; only those dials skip the address check.
func proxyAddrs(cfg *httpproxy.Config) map[string]bool {
	out := map[string]bool{}
	for _, raw := range []string{cfg.HTTPProxy, cfg.HTTPSProxy} {
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			// httpproxy also accepts a bare "host:port".
			if u, err = url.Parse("http://" + raw); err != nil || u.Host == "" {
				continue
			}
		}
		port := u.Port()
		if port == "" {
			port = map[string]string{"https": "443", "socks5": "1080", "socks5h": "1080"}[u.Scheme]
			if port == "" {
				port = "80"
			}
		}
		out[net.JoinHostPort(u.Hostname(), port)] = true
	}
	return out
}

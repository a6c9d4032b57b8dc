package site

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
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
// allowPrivate is set (emulator and test mode), it refuses to connect to
// non-public addresses. It never uses a proxy, which would hide the address
// actually reached.
func Transport(allowPrivate bool) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = guardControl
	}
	return &http.Transport{
		Proxy:                  nil,
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           16,
		IdleConnTimeout:        30 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  20 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
}

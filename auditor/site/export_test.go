package site

import (
	"context"
	"net/netip"
	"testing"
)

// ResolveForTest makes names in hosts resolve to the given address during t;
// other names resolve as usual.
func ResolveForTest(t *testing.T, hosts map[string]string) {
	prev := lookupNetIP
	lookupNetIP = func(ctx context.Context, network, host string) ([]netip.Addr, error) {
		if a, ok := hosts[host]; ok {
			return []netip.Addr{netip.MustParseAddr(a)}, nil
		}
		return prev(ctx, network, host)
	}
	t.Cleanup(func() { lookupNetIP = prev })
}

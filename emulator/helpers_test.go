package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
)

// testTenant loads testdata/tenant.yaml.
func testTenant(t *testing.T) *emulator.Tenant {
	t.Helper()
	tn, err := emulator.Load("testdata/tenant.yaml")
	if err != nil {
		t.Fatalf("load tenant: %v", err)
	}
	return tn
}

// serve runs an emulator for tn under httptest and returns it with its base URL.
func serve(t *testing.T, tn *emulator.Tenant, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	s, err := emulator.New(tn, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	s.SetBaseURL(ts.URL)
	return s, ts.URL
}

// bearer adds "Authorization: Bearer <who>" (emulator identity mode).
type bearer string

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if b != "" {
		r.Header.Set("Authorization", "Bearer "+string(b))
	}
	return http.DefaultTransport.RoundTrip(r)
}

func clientFor(who string) *http.Client { return &http.Client{Transport: bearer(who)} }

// opts builds the client options for an API rooted at base+path.
func opts(base, path, who string) []option.ClientOption {
	return []option.ClientOption{option.WithEndpoint(base + path), option.WithHTTPClient(clientFor(who))}
}

func driveAs(t *testing.T, base, who string) *drive.Service {
	t.Helper()
	svc, err := drive.NewService(context.Background(), opts(base, "/drive/v3/", who)...)
	if err != nil {
		t.Fatalf("drive client: %v", err)
	}
	return svc
}

// getJSON does a raw GET and decodes the JSON body into a generic value.
func getJSON(t *testing.T, who, url string) (int, map[string]any) {
	t.Helper()
	resp, err := clientFor(who).Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("GET %s: %d, body not JSON: %v: %s", url, resp.StatusCode, err, body)
	}
	return resp.StatusCode, m
}

// wantAPIError asserts err is a *googleapi.Error with code and reason.
func wantAPIError(t *testing.T, err error, code int, reason string) *googleapi.Error {
	t.Helper()
	var ge *googleapi.Error
	if !errors.As(err, &ge) {
		t.Fatalf("want *googleapi.Error %d %s, got %v", code, reason, err)
	}
	if ge.Code != code || len(ge.Errors) == 0 || ge.Errors[0].Reason != reason {
		t.Fatalf("want %d %s, got %d %+v", code, reason, ge.Code, ge.Errors)
	}
	return ge
}

func keys(m map[string]any) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

func idsOf(files []*drive.File) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		out[f.Id] = true
	}
	return out
}

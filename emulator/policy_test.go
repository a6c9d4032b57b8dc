package emulator_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

func policyGet(t *testing.T, url, bearer string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var body map[string]any
	_ = json.Unmarshal(data, &body)
	return resp.StatusCode, body
}

// Drive refuses the users of an org unit with the Drive SDK off, and of its
// sub-units, with Google's domainPolicy body; other units are served. A
// disabled API answers in the google.rpc.Status format.
func TestPolicyRefusals(t *testing.T) {
	tn, err := emulator.Parse([]byte(`
primary_domain: city.example.jp
users:
  - {email: admin@city.example.jp, admin: true}
  - {email: a@city.example.jp, org_unit: /教職員/保健室}
  - {email: b@city.example.jp, org_unit: /教職員/保健室/分室}
  - {email: c@city.example.jp, org_unit: /教職員/保健室別館}
drive_sdk_disabled_org_units: [/教職員/保健室/]
disabled_apis: [forms]
`), "yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	for user, refused := range map[string]bool{"a": true, "b": true, "c": false, "admin": false} {
		code, body := policyGet(t, srv.BaseURL()+"/drive/v3/files", user+"@city.example.jp")
		got := fmt.Sprint(body)
		if refused != (code == 403 && strings.Contains(got, "domainPolicy") && strings.Contains(got, "The domain administrators have disabled Drive apps.")) {
			t.Errorf("%s: %d %s, refused: want %v", user, code, got, refused)
		}
	}
	code, body := policyGet(t, srv.BaseURL()+"/v1/forms/x", "c@city.example.jp")
	e, _ := body["error"].(map[string]any)
	details, _ := e["details"].([]any)
	if code != 403 || e["status"] != "PERMISSION_DENIED" || e["errors"] != nil || len(details) == 0 ||
		!strings.Contains(fmt.Sprint(details[0]), "SERVICE_DISABLED") || !strings.Contains(fmt.Sprint(details[0]), "forms.googleapis.com") {
		t.Errorf("disabled Forms API: %d %v, want 403 google.rpc.Status with an ErrorInfo SERVICE_DISABLED", code, body)
	}
	if _, err := emulator.Parse([]byte("primary_domain: x.jp\ndisabled_apis: [gmail]\n"), "yaml"); err == nil {
		t.Error("disabled_apis accepts an API the emulator does not serve")
	}
	if _, err := emulator.Parse([]byte("primary_domain: x.jp\ndrive_sdk_disabled_org_units: [教職員]\n"), "yaml"); err == nil {
		t.Error("drive_sdk_disabled_org_units accepts a relative path")
	}
}

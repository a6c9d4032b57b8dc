package suppress

import (
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// FuzzParse: any input either fails to parse or gives rules that each
// carry a reason and an expiry, and that apply without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte("suppressions:\n  - check: SHARE-00*\n    path: /a/**/b\n    reason: r\n    expires: 2026-01-01\n"))
	f.Add([]byte("suppressions:\n  - principal: anyone\n    owner: '*@x.jp'\n    reason: r\n    expires: 2099-12-31\n"))
	f.Add([]byte("suppressions: []\n"))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse(data)
		if err != nil {
			return
		}
		for _, r := range l.Rules {
			if r.Reason == "" || r.expires.IsZero() {
				t.Fatalf("rule without reason or expiry: %+v", r)
			}
		}
		fs := []model.Finding{
			{CheckID: "SHARE-001", Resource: model.Resource{ID: "a", Path: "/a/b/c", Owner: "o@x.jp"}, Principal: &model.Principal{Type: "anyone"}},
			{CheckID: "FORM-001", Resource: model.Resource{ID: "f"}},
		}
		l.Apply(fs, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	})
}

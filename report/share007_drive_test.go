package report

import (
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// SHARE-007 after a shared-drive member was removed names the shared drive,
// not a folder.
func TestShare007SharedDriveMessage(t *testing.T) {
	p := &model.Principal{Type: model.TypeUser, Email: "okada@city.example.lg.jp", Role: "writer"}
	r := model.Resource{Kind: model.KindSpreadsheet, ID: "f", Name: "健診結果.xlsx", Path: "/保健/健診結果.xlsx"}
	d := &Document{Findings: []model.Finding{{Fingerprint: model.Fingerprint("SHARE-007", "f", p), CheckID: "SHARE-007",
		Severity: model.Critical, Resource: r, Principal: p,
		Evidence: map[string]any{"folder_id": "drv", "folder_name": "保健", "folder_kind": "shared_drive"}}}}
	for lang, want := range map[string]string{"en": `removed from shared drive "保健"`, "ja": "共有ドライブ「保健」から"} {
		l, err := d.Localized(lang)
		if err != nil {
			t.Fatal(err)
		}
		if m := l.Findings[0].Message; !strings.Contains(m, want) {
			t.Errorf("%s: %q not in %q", lang, want, m)
		}
	}
}

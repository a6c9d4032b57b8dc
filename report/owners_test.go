package report

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func TestOwnerAndLocationWording(t *testing.T) {
	mine := model.Resource{Kind: model.KindFile, ID: "f", Owner: "sato@city.example.lg.jp", OwnerName: "佐藤 健", OwnerOrgUnit: "/本庁/市民課", Path: "/課/名簿.xlsx"}
	bare := model.Resource{Kind: model.KindFile, ID: "g", Owner: "x@city.example.lg.jp", Path: "/a.xlsx"}
	onDrive := model.Resource{Kind: model.KindFile, ID: "h", DriveID: "drv", DriveName: "教務課", DriveManagers: []string{"a@city.example.lg.jp", "b@city.example.lg.jp"}, Path: "/教務課/2026/成績.xlsx"}
	drive := model.Resource{Kind: model.KindSharedDrive, ID: "drv", Name: "教務課", DriveID: "drv", Path: "/教務課"}
	partial := model.Resource{Kind: model.KindFile, ID: "i", DriveID: "drv", DriveName: "教務課", Path: "…/奥/c.pdf"}
	unnamed := model.Resource{Kind: model.KindFile, ID: "j", DriveID: "drv-9", Path: "…/d.pdf"}
	cases := []struct {
		lang            string
		r               model.Resource
		cell, label, at string
	}{
		{"ja", mine, "sato@city.example.lg.jp", "sato@city.example.lg.jp（佐藤 健・/本庁/市民課）", "/課/名簿.xlsx"},
		{"en", mine, "sato@city.example.lg.jp", "sato@city.example.lg.jp (佐藤 健, /本庁/市民課)", "/課/名簿.xlsx"},
		{"ja", bare, "x@city.example.lg.jp", "x@city.example.lg.jp", "/a.xlsx"},
		{"ja", onDrive, "共有ドライブ「教務課」（管理者: a@city.example.lg.jp、b@city.example.lg.jp）", "共有ドライブ「教務課」（管理者: a@city.example.lg.jp、b@city.example.lg.jp）", "共有ドライブ「教務課」/2026/成績.xlsx"},
		{"en", onDrive, `Shared drive "教務課" (managers: a@city.example.lg.jp, b@city.example.lg.jp)`, `Shared drive "教務課" (managers: a@city.example.lg.jp, b@city.example.lg.jp)`, `Shared drive "教務課"/2026/成績.xlsx`},
		{"ja", drive, "共有ドライブ「教務課」", "共有ドライブ「教務課」", "共有ドライブ「教務課」"},
		{"ja", partial, "共有ドライブ「教務課」", "共有ドライブ「教務課」", "共有ドライブ「教務課」/…/奥/c.pdf"},
		{"en", unnamed, `Shared drive "drv-9"`, `Shared drive "drv-9"`, "…/d.pdf"},
	}
	for _, tc := range cases {
		c := catalogs[tc.lang]
		if got := c.ownerCell(tc.r); got != tc.cell {
			t.Errorf("%s ownerCell(%s) = %q, want %q", tc.lang, tc.r.ID, got, tc.cell)
		}
		if got := c.ownerLabel(tc.r); got != tc.label {
			t.Errorf("%s ownerLabel(%s) = %q, want %q", tc.lang, tc.r.ID, got, tc.label)
		}
		if got := c.location(tc.r); got != tc.at {
			t.Errorf("%s location(%s) = %q, want %q", tc.lang, tc.r.ID, got, tc.at)
		}
	}
}

// The spreadsheets have the owner's name and 所属 in columns of their own;
// the owner column of a shared-drive item names the drive and managers.
func TestOwnerColumns(t *testing.T) {
	d := sampleDoc()
	if got := sheetCellOf(t, d, "ja", "form-kenko", colOwnerName); got != "保健 花子" {
		t.Errorf("owner name %q", got)
	}
	if got := sheetCellOf(t, d, "ja", "form-kenko", colOrgUnit); got != "/本庁/保健福祉課" {
		t.Errorf("org unit %q", got)
	}
	if got := sheetCellOf(t, d, "ja", "form-kenko", colOwner); got != "hoken@city.example.lg.jp" {
		t.Errorf("owner %q", got)
	}
	if got := sheetCellOf(t, d, "ja", "form-staff", colOwnerName); got != "" {
		t.Errorf("owner without a Directory name got %q", got)
	}
	if got := sheetCellOf(t, d, "ja", "file-meibo", colOwner); got != "共有ドライブ「学務課」（管理者: gakumu-kanri@city.example.lg.jp、kyoiku@city.example.lg.jp）" {
		t.Errorf("shared-drive owner %q", got)
	}
	if got := sheetCellOf(t, d, "ja", "file-meibo", colLocation); got != "共有ドライブ「学務課」/名簿" {
		t.Errorf("shared-drive location %q", got)
	}
	if got := sheetCellOf(t, d, "en", "file-meibo", colSharedDrive); got != "学務課 (drv-gakumu)" {
		t.Errorf("shared drive column %q", got)
	}
}

// PrincipalName names a grantee as the "shared with" column does, in
// either language; an unknown language falls back to the address or type.
func TestPrincipalName(t *testing.T) {
	anyone := &model.Principal{Type: model.TypeAnyone}
	for _, c := range []struct {
		lang         string
		p            *model.Principal
		discoverable bool
		want         string
	}{
		{"ja", anyone, false, "リンクを知っている全員"},
		{"ja", anyone, true, "ウェブ上で一般公開（検索可能）"},
		{"en", anyone, false, "anyone with the link"},
		{"ja", &model.Principal{Type: model.TypeUser, Email: "x@gmail.com"}, false, "x@gmail.com"},
		{"fr", anyone, false, "anyone"},
		{"fr", nil, false, ""},
	} {
		if got := PrincipalName(c.lang, c.p, c.discoverable); got != c.want {
			t.Errorf("%s %+v %v: %q, want %q", c.lang, c.p, c.discoverable, got, c.want)
		}
	}
}

package report

import (
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

var jst = time.FixedZone("JST", 9*60*60)

// sampleDoc is a fixed document for golden tests: Japanese names, a hostile
// name (HTML, a leading "=", an escape sequence) and every evidence shape.
func sampleDoc() *Document {
	anyone := &model.Principal{Type: model.TypeAnyone, Role: "reader"}
	finding := func(id string, sev model.Severity, r model.Resource, p *model.Principal, ev map[string]any) model.Finding {
		return model.Finding{Fingerprint: model.Fingerprint(id, r.ID, p), CheckID: id, Severity: sev, Resource: r, Principal: p, Evidence: ev}
	}
	findings := []model.Finding{
		finding("SHARE-004", model.Low, model.Resource{Kind: model.KindFolder, ID: "fold-somu", Name: "総務課 共有", Owner: "somu@city.example.lg.jp", Path: "/総務課 共有",
			OwnerName: "総務 一郎", OwnerOrgUnit: "/本庁/総務部/総務課"},
			&model.Principal{Type: model.TypeDomain, Domain: "city.example.lg.jp", Role: "reader"},
			map[string]any{"items_reached": 1234, "domain": "city.example.lg.jp", "discoverable": false,
				"personal_data_items": []string{"職員住所録.xlsx", "緊急連絡先一覧"}}),
		finding("FORM-001", model.Critical, model.Resource{Kind: model.KindForm, ID: "form-kenko", Name: "令和7年度 健康観察フォーム", Owner: "hoken@city.example.lg.jp",
			OwnerName: "保健 花子", OwnerOrgUnit: "/本庁/保健福祉課", Path: "/保健福祉課/健康観察", URL: "https://docs.google.com/forms/d/form-kenko/edit"}, nil,
			map[string]any{"personal_data": []string{"氏名", "住所", "電話番号"}, "audience": "anyone", "sign_in_required": false}),
		finding("SHARE-002", model.Critical, model.Resource{Kind: model.KindSpreadsheet, ID: "file-meibo", Name: "児童名簿_2025",
			DriveID: "drv-gakumu", DriveName: "学務課", DriveManagers: []string{"gakumu-kanri@city.example.lg.jp", "kyoiku@city.example.lg.jp"},
			Path: "/学務課/名簿", URL: "https://docs.google.com/spreadsheets/d/file-meibo"}, anyone,
			map[string]any{"personal_data": []string{"名簿"}}),
		finding("SHARE-005", model.Medium, model.Resource{Kind: model.KindFile, ID: "file-evil",
			Name: "=HYPERLINK(\"http://evil.example\",\"請求書\")<script>alert(1)</script>\x1b[2J", Owner: "keiri@city.example.lg.jp", Path: "/会計課"},
			&model.Principal{Type: model.TypeUser, Email: "vendor@gmail.com", Role: "writer"},
			map[string]any{"domain": "gmail.com", "free_mail": true}),
		finding("SHARE-006", model.High, model.Resource{Kind: model.KindFile, ID: "file-kokuho", Name: "国保 滞納者一覧.xlsx", Owner: "tanaka@city.example.lg.jp", Path: "/保険年金課"},
			&model.Principal{Type: model.TypeUser, Email: "tanaka@city-example.lg.jp", Role: "reader"},
			map[string]any{"lookalike_of": "city.example.lg.jp", "reason": "hyphen for dot", "personal_data": []string{"一覧"}}),
		finding("SHARE-007", model.Critical, model.Resource{Kind: model.KindFile, ID: "file-kansen", Name: "陽性者リスト.csv", Owner: "hoken@city.example.lg.jp", Path: "/保健福祉課/共有用",
			OwnerName: "保健 花子", OwnerOrgUnit: "/本庁/保健福祉課"},
			&model.Principal{Type: model.TypeUser, Email: "contractor@partner.example.com", Role: "reader"},
			map[string]any{"folder_id": "fold-share", "folder_name": "共有用", "revoked_at": "2025-05-20T08:30:00Z", "revoked_by": "hoken@city.example.lg.jp", "personal_data": []string{"陽性"}}),
		finding("SHARE-005", model.Medium, model.Resource{Kind: model.KindFile, ID: "file-itaku", Name: "委託先 連絡票.xlsx", Owner: "hoken@city.example.lg.jp", Path: "/保健福祉課/委託",
			OwnerName: "保健 花子", OwnerOrgUnit: "/本庁/保健福祉課"},
			&model.Principal{Type: model.TypeUser, Email: "staff@partner.example.com", Role: "reader"},
			map[string]any{"domain": "partner.example.com"}),
		finding("FORM-004", model.Info, model.Resource{Kind: model.KindForm, ID: "form-staff", Name: "職員アンケート", Owner: "jinji@city.example.lg.jp"}, nil,
			map[string]any{"reason": "sign-in page"}),
	}
	cov := model.Coverage{
		Users:        model.Count{Total: 120, Audited: 118},
		SharedDrives: model.Count{Total: 15, Audited: 14},
		Items:        48210,
		Forms:        model.FormCount{Total: 40, Verified: 37},
		Gaps: []model.Gap{
			{Scope: model.ScopeUser, ID: "suzuki@city.example.lg.jp", Name: "鈴木", Code: model.GapUserWalkFailed, Reason: "Drive API: 403 insufficient permissions", Action: "Grant the service account domain-wide delegation for drive.metadata.readonly."},
			{Scope: model.ScopeForm, ID: "form-staff", Name: "職員アンケート", Code: model.GapFormSignInRequired, Reason: "public page requires organisation sign-in", Action: "Configure the Apps Script bridge."},
		},
	}
	run := Run{
		ID: "run-20250601-0900", StartedAt: time.Date(2025, 6, 1, 9, 0, 0, 0, jst), FinishedAt: time.Date(2025, 6, 1, 9, 42, 7, 0, jst),
		Mode: ModeFull, Tenant: Tenant{PrimaryDomain: "city.example.lg.jp", Domains: []string{"city.example.lg.jp", "school.city.example.lg.jp"}},
	}
	d := New(run, cov, findings)
	d.Tool.Version = "v0.1.0-test"
	return d
}

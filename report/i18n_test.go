package report

import (
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// catalogIDs are the check IDs every language must cover: the registry's.
var catalogIDs = func() []string {
	var ids []string
	for _, d := range checks.Descriptors() {
		ids = append(ids, d.ID)
	}
	return ids
}()

func TestCatalogComplete(t *testing.T) {
	if got := strings.Join(Languages(), ","); got != "en,ja" {
		t.Fatalf("Languages() = %s", got)
	}
	for _, lang := range Languages() {
		c := catalogs[lang]
		for _, id := range catalogIDs {
			tx, ok := CheckText(lang, id)
			if !ok || tx.Title == "" || tx.Message == "" || tx.Remediation == "" {
				t.Errorf("%s: %s lacks title, message or remediation", lang, id)
			}
		}
		for id := range c.checks {
			if !contains(catalogIDs, id) {
				t.Errorf("%s: %s is not a known check ID", lang, id)
			}
		}
		for s := model.Info; s <= model.Critical; s++ {
			if SeverityName(lang, s) == "" {
				t.Errorf("%s: no name for %v", lang, s)
			}
		}
		for _, k := range []model.Kind{model.KindFile, model.KindFolder, model.KindForm, model.KindSpreadsheet, model.KindSharedDrive, model.KindPage, model.KindGroup} {
			if c.kinds[k] == "" {
				t.Errorf("%s: no word for kind %s", lang, k)
			}
		}
		for _, s := range []string{model.ScopeUser, model.ScopeSharedDrive, model.ScopeItem, model.ScopeForm, model.ScopeAuditLog, model.ScopeDirectory, model.ScopePage} {
			if c.scopes[s] == "" {
				t.Errorf("%s: no word for gap scope %s", lang, s)
			}
		}
	}
	if SeverityName("ja", model.Critical) != "重大" || SeverityName("ja", model.Info) != "情報" {
		t.Error("Japanese severity names")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestTemplatesExecute runs every template on findings with no evidence,
// no principal, Go-typed evidence and JSON-typed evidence.
func TestTemplatesExecute(t *testing.T) {
	goTyped := map[string]any{
		"personal_data": []string{"氏名", "住所"}, "items_reached": 12, "personal_data_items": []string{"電話"}, "free_mail": true, "discoverable": true,
		"audience": "domain", "sign_in_required": true, "lookalike_of": "a@example.jp",
		"revoked_at": time.Date(2025, 1, 2, 3, 4, 0, 0, time.UTC), "revoked_by": "admin@example.jp",
		"folder_id": "f1", "folder_name": "フォルダ", "parent_id": "p1", "parent_name": "親", "form_id": "fm1", "form_name": "フォーム", "reason": "why",
	}
	jsonTyped := map[string]any{
		"personal_data": []any{"氏名", "住所"}, "items_reached": float64(12), "personal_data_items": []any{"電話"}, "free_mail": true, "discoverable": true,
		"audience": "domain", "sign_in_required": true, "lookalike_of": "a@example.jp",
		"revoked_at": "2025-01-02T03:04:00Z", "revoked_by": "admin@example.jp",
		"folder_id": "f1", "folder_name": "フォルダ", "parent_id": "p1", "parent_name": "親", "form_id": "fm1", "form_name": "フォーム", "reason": "why",
	}
	odd := map[string]any{"personal_data": "氏名", "items_reached": "x", "audience": 3, "sign_in_required": "yes", "revoked_at": map[string]any{}}
	principals := []*model.Principal{nil,
		{Type: model.TypeAnyone, Role: "reader"}, {Type: model.TypeDomain, Domain: "example.jp", Role: "writer"},
		{Type: model.TypeUser, Email: "u@example.com", Role: "commenter"}, {Type: model.TypeGroup, Email: "g@example.jp", Role: "odd"}}
	for _, lang := range Languages() {
		c := catalogs[lang]
		for _, id := range catalogIDs {
			for _, ev := range []map[string]any{nil, {}, goTyped, jsonTyped, odd} {
				for _, p := range principals {
					f := model.Finding{CheckID: id, Resource: model.Resource{Kind: model.KindForm, ID: "id1"}, Principal: p, Evidence: ev}
					if err := c.localize(&f, jst); err != nil {
						t.Fatalf("%s %s: %v", lang, id, err)
					}
					if f.Message == "" || f.Remediation == "" || strings.Contains(f.Message+f.Remediation, "<no value>") {
						t.Errorf("%s %s evidence %v: message %q remediation %q", lang, id, ev, f.Message, f.Remediation)
					}
				}
			}
		}
	}
}

// TestMessageContent spot-checks the wording that matters most.
func TestMessageContent(t *testing.T) {
	d := sampleDoc()
	ja, err := d.Localized("ja")
	if err != nil {
		t.Fatal(err)
	}
	en, err := d.Localized("en")
	if err != nil {
		t.Fatal(err)
	}
	find := func(d *Document, id string) model.Finding {
		for _, f := range d.Findings {
			if f.CheckID == id {
				return f
			}
		}
		t.Fatalf("no %s", id)
		return model.Finding{}
	}
	checksText := []struct {
		doc  *Document
		id   string
		want []string
	}{
		{ja, "FORM-001", []string{"「結果の概要を表示する」", "リンクを知っている全員", "氏名、住所、電話番号", "「設定」→「表示設定」"}},
		{en, "FORM-001", []string{"View results summary: off", "anyone with the link", "氏名, 住所, 電話番号"}},
		{ja, "SHARE-005", []string{"vendor@gmail.com（個人向けフリーメール）"}},
		{ja, "SHARE-006", []string{"（見間違えやすい文字）"}},
		{ja, "SHARE-002", []string{"「共有」→「一般的なアクセス」を「制限付き」", "名簿"}},
		{en, "SHARE-002", []string{"Share → General access → Restricted"}},
		{ja, "SHARE-004", []string{"1,234 件", "city.example.lg.jp の全員に共有"}},
		{ja, "SHARE-006", []string{"city.example.lg.jp に酷似"}},
		{ja, "SHARE-007", []string{"（2025-05-20 17:30 +09:00、操作者 hoken@city.example.lg.jp）", "「共有用」から contractor@partner.example.com の共有が解除されました"}},
		{en, "SHARE-007", []string{"removed from folder \"共有用\" on 2025-05-20 17:30 +09:00 by hoken@city.example.lg.jp"}},
	}
	for _, tc := range checksText {
		f := find(tc.doc, tc.id)
		for _, w := range tc.want {
			if !strings.Contains(f.Message+f.Remediation+f.AdminNote, w) {
				t.Errorf("%s: %q not in %q / %q", tc.id, w, f.Message, f.Remediation)
			}
		}
	}
}

// SHARE-006 says in the reader's language how the address is off, naming
// the characters mistaken for each other when it can.
func TestLookalikeReasonInTheReadersLanguage(t *testing.T) {
	finding := func(reason, who, of string) model.Finding {
		return model.Finding{CheckID: "SHARE-006", Resource: model.Resource{Kind: model.KindFile, ID: "f", Name: "名簿.xlsx"},
			Principal: &model.Principal{Type: model.TypeUser, Email: who, Domain: who[strings.Index(who, "@")+1:], Role: "reader"},
			Evidence:  map[string]any{"reason": reason, "lookalike_of": of}}
	}
	for _, c := range []struct {
		lang, reason, who, of, want string
	}{
		{"ja", checks.ReasonConfusable, "tanaka@clty.example.jp", "tanaka@city.example.jp", "（l と i の取り違え）"},
		{"en", checks.ReasonConfusable, "tanaka@clty.example.jp", "tanaka@city.example.jp", `("l" where "i" was meant)`},
		{"ja", checks.ReasonConfusable, "x@other.example", "tanaka@city.example.jp", "（見間違えやすい文字）"},
		{"ja", checks.ReasonEditDistance, "tanaka@city.exampel.jp", "tanaka@city.example.jp", "（1文字違い）"},
		{"en", checks.ReasonTLDSwap, "tanaka@city.example.co.jp", "city.example.jp", "(another domain ending)"},
		{"ja", "hyphen for dot", "a@b.jp", "a@c.jp", "（見間違えやすい文字）"},
	} {
		f := finding(c.reason, c.who, c.of)
		if err := catalogs[c.lang].localize(&f, jst); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(f.Message, c.want) {
			t.Errorf("%s %s: message %q lacks %q", c.lang, c.reason, f.Message, c.want)
		}
		if c.lang == "ja" && strings.ContainsAny(f.Message, "()") {
			t.Errorf("ja message has English parentheses: %q", f.Message)
		}
	}
}

// The groups' wording names what is open and the Groups UI setting to
// change, in both languages, whichever combination of settings fired.
func TestGroupMessages(t *testing.T) {
	r := model.Resource{Kind: model.KindGroup, ID: "pta@city.example.lg.jp", Name: "PTA 名簿連絡"}
	cases := []struct {
		lang, id string
		ev       map[string]any
		want     []string
	}{
		{"ja", "GROUP-001", map[string]any{"conversations_public": true, "personal_data": []string{"名簿"}},
			[]string{"グループ「PTA 名簿連絡」（pta@city.example.lg.jp）は、会話をインターネット上の誰でも閲覧できます。", "「グループの設定」→「会話を閲覧できるユーザー」", "名簿"}},
		{"ja", "GROUP-001", map[string]any{"members_public": true, "anyone_can_join": true},
			[]string{"メンバー一覧をインターネット上の誰でも表示でき、Google アカウントがあれば誰でも参加して過去の会話を読めます。", "管理コンソール"}},
		{"en", "GROUP-001", map[string]any{"conversations_public": true, "members_public": true},
			[]string{"lets anyone on the internet read its conversations and shows its member list to anyone on the internet.", `Group settings → "Who can see conversations"`}},
		{"en", "GROUP-001", map[string]any{"domain_can_view": true, "audience_from": "staff", "audience_to": "pupils"},
			[]string{`(pta@city.example.lg.jp) belongs to staff, and everyone in the organisation can read it, pupils included: they share its domain with staff.`}},
		{"ja", "GROUP-001", map[string]any{"domain_can_view": true, "audience_from": "staff", "audience_to": "pupils"},
			[]string{"は staff のグループですが、組織内の全員が閲覧できます。pupils は staff と同じドメインにいるため"}},
		{"en", "GROUP-001", map[string]any{"members_public": true, "audience_to": "pupils", "audience_members": 12},
			[]string{`to anyone on the internet. Mail sent`, ` 12 of its members are pupils.`}},
		{"en", "GROUP-001", map[string]any{"anyone_can_join": true},
			[]string{`(pta@city.example.lg.jp) lets anyone with a Google account join it`}},
		{"ja", "GROUP-002", map[string]any{"external_members": []string{"a@gmail.com"}, "anyone_can_post": true},
			[]string{"組織外のメンバー（a@gmail.com）", "。また、誰からでも投稿", "「投稿できるユーザー」", "「組織外のメンバーを許可する」をオフ"}},
		{"en", "GROUP-002", map[string]any{"anyone_can_post": true},
			[]string{`accepts posts from anyone`, `"Who can post"`}},
	}
	for _, tc := range cases {
		d := &Document{Findings: []model.Finding{{CheckID: tc.id, Severity: model.High, Resource: r, Evidence: tc.ev}}}
		l, err := d.Localized(tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		f := l.Findings[0]
		for _, w := range tc.want {
			if !strings.Contains(f.Message+f.Remediation+f.AdminNote, w) {
				t.Errorf("%s %s %v: %q not in %q / %q / %q", tc.lang, tc.id, tc.ev, w, f.Message, f.Remediation, f.AdminNote)
			}
		}
	}
}

// A discoverable anyone grant (SHARE-001) is named as public on the web,
// so the grantee agrees with the title; a link-only one stays "anyone with
// the link". A finding seen before is 継続 in Japanese.
func TestDiscoverableGranteeAndOpenStatus(t *testing.T) {
	for _, c := range []struct {
		lang string
		ev   map[string]any
		want string
	}{
		{"ja", map[string]any{"discoverable": true}, "ウェブ上で一般公開（検索可能）"},
		{"en", map[string]any{"discoverable": true}, "anyone on the web (findable by search)"},
		{"ja", map[string]any{}, "リンクを知っている全員"},
	} {
		v := view{Finding: model.Finding{Principal: &model.Principal{Type: model.TypeAnyone, Role: "reader"}, Evidence: c.ev}, c: catalogs[c.lang]}
		if got := v.Who(); got != c.want {
			t.Errorf("%s %v: grantee %q, want %q", c.lang, c.ev, got, c.want)
		}
	}
	if got := catalogs["ja"].statuses[model.StatusOpen]; got != "継続" {
		t.Errorf("open is %q in Japanese, want 継続", got)
	}
}

// SHARE-009 says which audience the grant reaches and how.
func TestShare009Messages(t *testing.T) {
	r := model.Resource{Kind: model.KindFolder, ID: "fo", Name: "指導要録"}
	dom := &model.Principal{Type: model.TypeDomain, Domain: "gakko.example.jp", Role: "reader"}
	grp := &model.Principal{Type: model.TypeGroup, Email: "club@gakko.example.jp", Role: "writer"}
	cases := []struct {
		lang string
		p    *model.Principal
		ev   map[string]any
		want []string
	}{
		{"ja", dom, map[string]any{"audience_from": "staff", "audience_to": "pupils", "audience_via": "shared_domain"},
			[]string{"pupils は staff と同じドメインにいて、組織部門でしか区別されていません", "「一般的なアクセス」を「制限付き」"}},
		{"en", grp, map[string]any{"audience_from": "staff", "audience_to": "pupils", "audience_via": "group", "audience_members": 3},
			[]string{"reaches pupils: 3 of them are among the group's members", "Share → remove group club@gakko.example.jp"}},
		{"ja", grp, map[string]any{"audience_from": "staff", "audience_to": "pupils", "audience_via": "group", "audience_members": 3},
			[]string{"3 人の pupils がいます"}},
	}
	for _, tc := range cases {
		d := &Document{Findings: []model.Finding{{CheckID: "SHARE-009", Severity: model.High, Resource: r, Principal: tc.p, Evidence: tc.ev}}}
		l, err := d.Localized(tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		f := l.Findings[0]
		for _, w := range tc.want {
			if !strings.Contains(f.Message+f.Remediation+f.AdminNote, w) {
				t.Errorf("%s %v: %q not in %q / %q", tc.lang, tc.ev, w, f.Message, f.Remediation)
			}
		}
	}
}

// A writer on a shared drive's item is a contributor (投稿者), as the
// shared drive's own sharing dialog says; in My Drive an editor (編集者).
func TestSharedDriveRoleNames(t *testing.T) {
	for _, c := range []struct {
		lang, drive, want string
	}{{"ja", "sd1", "投稿者"}, {"ja", "", "編集者"}, {"en", "sd1", "contributor"}, {"en", "", "editor"}} {
		v := view{Finding: model.Finding{Resource: model.Resource{DriveID: c.drive}, Principal: &model.Principal{Type: model.TypeUser, Email: "a@b.jp", Role: "writer"}}, c: catalogs[c.lang]}
		if got := v.Role(); got != c.want {
			t.Errorf("%s drive %q: writer is %q, want %q", c.lang, c.drive, got, c.want)
		}
	}
}

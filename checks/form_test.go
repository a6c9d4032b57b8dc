package checks

import (
	"slices"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func summaryForm(page *model.PageSettings, questions []string, ps ...model.Permission) *model.Item {
	return form("form1", "イベント", &model.Form{FormID: "form1", Title: "イベント", Questions: questions, Page: page}, ps...)
}

func TestForm001PublishedSummary(t *testing.T) {
	on := func(signIn bool) *model.PageSettings {
		return &model.PageSettings{SummaryPublished: true, SignInRequired: signIn}
	}
	pd := []string{"氏名", "住所"}
	runItemCases(t, "FORM-001", []itemCase{
		{"anyone, personal data (INAC Kobe)", summaryForm(on(false), pd, responder(anyoneLink(""))), []string{"critical"}},
		{"anonymous page, personal data in page questions", form("f", "x", &model.Form{Page: &model.PageSettings{SummaryPublished: true, Questions: []string{"氏名"}}}), []string{"critical"}},
		{"anyone, no personal data", summaryForm(on(false), []string{"好きな色"}), []string{"high"}},
		{"sign-in but anyone responder grant", summaryForm(on(true), nil, responder(anyoneLink(""))), []string{"high"}},
		// The page was read anonymously: responder grants naming a domain did
		// not keep the public out, so the audience is anyone.
		{"domain responder grant, page read anonymously", summaryForm(on(true), nil, responder(domainGrant("city.example.jp", ""))), []string{"high"}},
		{"domain responder grant, personal data", summaryForm(on(true), pd, responder(domainGrant("city.example.jp", ""))), []string{"critical"}},
		{"decoy: summary off", summaryForm(&model.PageSettings{}, pd, responder(anyoneLink(""))), nil},
		{"decoy: page unread", summaryForm(nil, pd), nil},
		{"decoy: not a form", file("f", "x", "", anyoneLink(RoleReader)), nil},
		{"deleted responder grant, page served to anyone with a Google account", summaryForm(on(true), nil, deleted(responder(anyoneLink("")))), []string{"high"}},
		{"sign-in with any Google account is still anyone", summaryForm(on(true), pd), []string{"critical"}},
	})
	c, _ := Lookup("FORM-001")
	fs := c.(ItemCheck).CheckItem(testEnv(), summaryForm(on(false), pd))
	ev := fs[0].Evidence
	if ev[EvAudience] != AudienceAnyone || ev[EvSignInRequired] != false || !slices.Equal(ev[EvPersonalData].([]string), pd) || fs[0].Principal != nil {
		t.Errorf("finding %+v", fs[0])
	}
}

func sheetOf(name string, ps ...model.Permission) *model.Item {
	return &model.Item{ID: "sheet1", Name: name, Kind: model.KindSpreadsheet, MimeType: model.MimeSpreadsheet, Parents: []string{"fold"},
		Permissions: append([]model.Permission{owner()}, ps...)}
}

func TestForm002ResponseSheet(t *testing.T) {
	linked := func(sheet *model.Item, questions []string, ps ...model.Permission) *model.Item {
		return form("form1", "説明会", &model.Form{LinkedSheetID: sheet.ID, LinkedSheet: sheet, Questions: questions}, ps...)
	}
	runItemCases(t, "FORM-002", []itemCase{
		{"anyone on the sheet", linked(sheetOf("説明会（回答）", anyoneLink(RoleReader)), nil), []string{"high"}},
		{"anyone, personal data in questions", linked(sheetOf("説明会（回答）", anyoneLink(RoleReader)), []string{"住所"}), []string{"critical"}},
		{"personal data in sheet name", linked(sheetOf("参加者名簿", domainGrant("city.example.jp", RoleReader)), nil), []string{"critical"}},
		{"outside user not an editor", linked(sheetOf("回答", userGrant(outsider, RoleReader)), nil, userGrant("sato.y@city.example.jp", RoleWriter)), []string{"high"}},
		{"domain on sheet, form editors are users", linked(sheetOf("回答", domainGrant("city.example.jp", RoleReader)), nil, userGrant("sato.y@city.example.jp", RoleWriter)), []string{"high"}},
		{"decoy: outside editor of the form too", linked(sheetOf("回答", userGrant(outsider, RoleWriter)), nil, userGrant(outsider, RoleWriter)), nil},
		{"decoy: domain editors on the form", linked(sheetOf("回答", domainGrant("city.example.jp", RoleReader)), nil, domainGrant("city.example.jp", RoleWriter)), nil},
		{"decoy: form reader is no editor but user is internal", linked(sheetOf("回答", userGrant("sato.y@city.example.jp", RoleReader)), nil), nil},
		{"decoy: private sheet", linked(sheetOf("回答"), []string{"氏名"}), nil},
		{"decoy: no linked sheet", form("f", "x", &model.Form{LinkedSheetID: "s"}), nil},
		{"decoy: responder grant on the form does not count as editor, sheet private", linked(sheetOf("回答"), nil, responder(anyoneLink(""))), nil},
	})
	c, _ := Lookup("FORM-002")
	fs := c.(ItemCheck).CheckItem(testEnv(), linked(sheetOf("回答", anyoneLink(RoleReader)), nil, responder(anyoneLink(""))))
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	f := fs[0]
	if f.Resource.ID != "sheet1" || f.Resource.Kind != model.KindSpreadsheet || f.Evidence[EvFormID] != "form1" || f.Evidence[EvFormName] != "説明会" {
		t.Errorf("finding %+v", f)
	}
}

func TestForm004Unverified(t *testing.T) {
	runItemCases(t, "FORM-004", []itemCase{
		{"sign-in wall", form("f", "x", &model.Form{PageGap: "redirected to accounts.google.com"}), []string{"info"}},
		{"decoy: page read", form("f", "x", &model.Form{Page: &model.PageSettings{}, PageGap: "stale"}), nil},
		{"decoy: no gap recorded", form("f", "x", &model.Form{}), nil},
		{"decoy: not a form", file("f", "x", ""), nil},
	})
	c, _ := Lookup("FORM-004")
	fs := c.(ItemCheck).CheckItem(testEnv(), form("f", "x", &model.Form{PageGap: "login"}))
	if fs[0].Evidence[EvReason] != "login" || fs[0].Principal != nil {
		t.Errorf("finding %+v", fs[0])
	}
}

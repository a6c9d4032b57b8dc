package checks

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func page(url string, links ...model.AdminLink) *model.Item {
	return &model.Item{ID: url, URL: url, Name: "電話診療のご案内", Kind: model.KindPage, Page: &model.WebPage{AdminLinks: links}}
}

func TestForm003AdminURLOnPage(t *testing.T) {
	const u = "https://hosp.example.jp/denwa.html"
	edit := func(id string) model.AdminLink {
		return model.AdminLink{URL: "https://docs.google.com/forms/d/" + id + "/edit", FormID: id}
	}
	probed := func(l model.AdminLink, opens bool) model.AdminLink {
		l.Probed, l.OpensAnonymously = true, opens
		return l
	}
	tied := func(l model.AdminLink, broad bool) model.AdminLink {
		l.Tenant = &model.TenantRef{ID: l.FormID, Name: "処方箋 申込", Owner: "shimizu@hosp.example.jp", BroadEditors: broad}
		return l
	}
	runItemCases(t, "FORM-003", []itemCase{
		{"edit URL, nothing else known", page(u, edit("f1")), []string{"high"}},
		{"edit URL needs sign-in", page(u, probed(edit("f1"), false)), []string{"high"}},
		{"edit URL opens anonymously", page(u, probed(edit("f1"), true)), []string{"critical"}},
		{"whole domain may edit (Keio)", page(u, tied(probed(edit("f1"), false), true)), []string{"critical"}},
		{"tied, named editors only", page(u, tied(edit("f1"), false)), []string{"high"}},
		{"two forms on one page", page(u, edit("f1"), tied(edit("f2"), true)), []string{"high", "critical"}},
		{"same form linked twice", page(u, edit("f1"), edit("f1")), []string{"high"}},
		{"decoy: page without admin links", page(u), nil},
		{"decoy: link without a form ID", page(u, model.AdminLink{URL: "https://docs.google.com/forms/"}), nil},
		{"decoy: a form item, not a page", form("f1", "x", &model.Form{}), nil},
		{"decoy: page kind without page data", &model.Item{ID: u, Kind: model.KindPage}, nil},
	})
	c, _ := Lookup("FORM-003")
	fs := c.(ItemCheck).CheckItem(testEnv(), page(u, tied(probed(edit("f1"), false), true), edit("f2")))
	if len(fs) != 2 {
		t.Fatalf("got %d findings", len(fs))
	}
	ev := fs[0].Evidence
	if fs[0].Resource.Kind != model.KindPage || fs[0].Resource.ID != u || fs[0].Resource.URL != u || fs[0].Principal != nil ||
		ev[EvFormID] != "f1" || ev[EvAdminURL] != "https://docs.google.com/forms/d/f1/edit" || ev[EvLinkedFrom] != u ||
		ev[EvOpensAnonymously] != "no" || ev[EvBroadEditors] != "yes" || ev[EvFormOwner] != "shimizu@hosp.example.jp" || ev[EvFormName] != "処方箋 申込" {
		t.Errorf("finding %+v", fs[0])
	}
	if ev := fs[1].Evidence; ev[EvOpensAnonymously] != "unknown" || ev[EvBroadEditors] != "unknown" {
		t.Errorf("unknowns: %+v", ev)
	}
	if fs[0].Fingerprint == fs[1].Fingerprint {
		t.Error("two forms on one page share a fingerprint")
	}
	// Through the engine: both findings survive deduplication.
	e := NewEngine(testEnv())
	e.Add(page(u, edit("f1"), edit("f2")))
	if got := e.Finish(); len(got) != 2 {
		t.Errorf("engine kept %d FORM-003 findings, want 2", len(got))
	}
}

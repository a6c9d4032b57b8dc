package auditor_test

import (
	"context"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// A form that inherits its edit grant from its folder is still broadly
// editable: the audit keeps SHARE-003 on the form (not only on the folder,
// "one grant, one finding"), so scan-site ties a published admin URL of the
// form to it and FORM-003 is critical (慶應義塾大学病院).
func TestScanSiteFormInheritsEditGrant(t *testing.T) {
	anyoneAnswers := emulator.Permission{Type: "anyone", Role: "reader", View: "published"}
	tn := &emulator.Tenant{
		PrimaryDomain: "hosp.example.jp",
		Users:         []emulator.User{{Email: "admin@hosp.example.jp", Admin: true}, {Email: "shimizu@hosp.example.jp"}},
		Files: []emulator.File{
			{ID: "fo-forms", Name: "申込フォーム", Kind: "folder", Owner: "shimizu@hosp.example.jp",
				Permissions: []emulator.Permission{{Type: "domain", Role: "writer", Domain: "hosp.example.jp"}}},
			{ID: "form-rx", Name: "処方箋 申込", Kind: "form", Owner: "shimizu@hosp.example.jp", Parent: "fo-forms",
				Permissions: []emulator.Permission{anyoneAnswers},
				Form:        &emulator.Form{PublishedID: "1FAIpQLSrx", Title: "処方箋 申込", Questions: []string{"患者氏名"}}},
			{ID: "doc", Name: "案内.pdf", Kind: "pdf", Owner: "shimizu@hosp.example.jp", Parent: "fo-forms"},
		},
		Site: map[string]string{
			"/index.html": `<title>電話診療のご案内</title><a href="https://docs.google.com/forms/d/form-rx/edit">申込フォーム</a>`,
		},
	}
	srv := serve(t, tn, emulator.Options{})
	audited := audit(t, testOptions(srv, "admin@hosp.example.jp"))
	var onForm, onFolder bool
	for _, f := range audited.Findings {
		if f.CheckID == "SHARE-003" {
			onForm = onForm || f.Resource.ID == "form-rx" && f.Severity == model.Critical
			onFolder = onFolder || f.Resource.ID == "fo-forms" && f.Severity == model.High && f.Evidence[checks.EvItemsReached] == 2
		}
	}
	if !onForm || !onFolder {
		t.Errorf("SHARE-003 on the form %v, on the folder %v:\n%v", onForm, onFolder, findingLines(audited.Findings))
	}

	opts := auditor.ScanOptions{Probe: probeOptions(srv), Tenant: audited.Findings}
	opts.Site.Rate = 1000
	res, err := auditor.Scan(context.Background(), []string{srv.BaseURL() + "/site/index.html"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var f3 *model.Finding
	for i := range res.Findings {
		if res.Findings[i].CheckID == "FORM-003" {
			f3 = &res.Findings[i]
		}
	}
	if f3 == nil || f3.Severity != model.Critical || f3.Evidence[checks.EvBroadEditors] != "yes" || f3.Evidence[checks.EvFormName] != "処方箋 申込" {
		t.Errorf("tied FORM-003 %+v", f3)
	}
}

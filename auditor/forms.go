package auditor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/api/drive/v3"
	"google.golang.org/api/forms/v1"

	"github.com/gwsaudit/gwsaudit/auditor/formpage"
	"github.com/gwsaudit/gwsaudit/model"
)

// checkSummaryByHand is the action of a form gap: where the owner finds the
// summary setting gwsaudit could not read.
const checkSummaryByHand = "open the form as its owner and check Settings → Presentation → View results summary (older forms: Settings → General → See summary charts and text responses)"

// inspectForm fills it.Form from the Forms API (as the form's owner or
// editor), the anonymous public page, and the responses spreadsheet.
// Whatever cannot be read is a gap and a PageGap, never an "ok".
func (a *auditor) inspectForm(ctx context.Context, uc *userClients, it *model.Item) {
	form := &model.Form{FormID: it.ID}
	it.Form = form
	defer a.countForm(form)

	var f *forms.Form
	err := a.call(ctx, apiForms, "forms.forms.get", func() error {
		var err error
		f, err = uc.forms.Forms.Get(it.ID).Context(ctx).Do()
		return err
	})
	if err != nil {
		action := "check that " + uc.subject + " can edit the form, then run the audit again"
		if disabledService(err) != "" || isDailyQuota(err) {
			action = accessHint(err, uc.subject, a.opts.Credentials)
		}
		err = explain(err, "read the form", uc.subject, a.opts.Credentials)
		form.PageGap = "the Forms API refused the form, so its settings are unknown: " + summarize(err)
		a.formGap(it, model.GapFormAPIRefused, form.PageGap, action)
		return
	}
	fillForm(form, f)

	if f.LinkedSheetId != "" {
		form.LinkedSheet = a.linkedSheet(ctx, uc, f.LinkedSheetId, taskKeyOf(it))
	}

	a.probeFormPage(ctx, it, form)
}

// probeFormPage reads the form's settings from its public page, as an
// anonymous visitor: form.Page, or form.PageGap and a gap. A closed form's
// page shows no settings: its summary page is probed instead.
func (a *auditor) probeFormPage(ctx context.Context, it *model.Item, form *model.Form) {
	form.Page, form.PageGap = nil, ""
	if form.ResponderURI == "" {
		form.PageGap = "the Forms API gave no responder URL, so the public page was not checked"
		a.formGap(it, model.GapFormNoResponderURI, form.PageGap, checkSummaryByHand)
		return
	}
	body, final, err := a.pages.fetchFinal(ctx, form.ResponderURI)
	if errors.Is(err, errSignIn) {
		form.PageGap = "the form's page requires signing in with an account of the organisation, so an anonymous probe cannot read the summary setting"
		a.formGap(it, model.GapFormSignInRequired, form.PageGap, checkSummaryByHand)
		return
	}
	if err != nil {
		form.PageGap = "the public page could not be read: " + summarize(err)
		a.formGap(it, model.GapFormPageUnreadable, form.PageGap, "run the audit again; if it persists, check the form by hand")
		return
	}
	page, err := formpage.Parse(body)
	switch {
	case err == nil:
		form.Page = page
	case isClosedPage(final) || !form.AcceptingResponses && !errors.Is(err, formpage.ErrSignInPage):
		a.probeClosedSummary(ctx, it, form, final)
	default:
		form.PageGap = "the public page did not contain readable form settings: " + err.Error()
		a.formGap(it, model.GapFormPageNoSettings, form.PageGap, checkSummaryByHand)
	}
}

// fillForm copies what the Forms REST API says.
func fillForm(form *model.Form, f *forms.Form) {
	form.ResponderURI = f.ResponderUri
	form.LinkedSheetID = f.LinkedSheetId
	form.Published, form.AcceptingResponses = true, true
	if ps := f.PublishSettings; ps != nil && ps.PublishState != nil {
		form.Published = ps.PublishState.IsPublished
		form.AcceptingResponses = ps.PublishState.IsAcceptingResponses
	}
	if f.Info != nil {
		form.Title = f.Info.Title
	}
	if f.Settings != nil {
		form.EmailCollection = f.Settings.EmailCollectionType
	}
	for _, item := range f.Items {
		if t := strings.TrimSpace(item.Title); t != "" {
			form.Questions = append(form.Questions, t)
		}
	}
}

// linkedSheet reads the responses spreadsheet with its grants. Nil when it
// cannot be read (a gap).
func (a *auditor) linkedSheet(ctx context.Context, uc *userClients, id, task string) *model.Item {
	var f *drive.File
	err := a.call(ctx, apiDrive, "drive.files.get", func() error {
		var err error
		f, err = uc.drive.Files.Get(id).SupportsAllDrives(true).
			Fields(itemFields + ",driveId,permissions(" + permissionFields + ")").Context(ctx).Do()
		return err
	})
	if err != nil {
		a.addGap(model.Gap{Scope: model.ScopeItem, ID: id, Task: task, Code: model.GapLinkedSheetUnreadable, Reason: "the responses spreadsheet of a form could not be read: " + summarize(err),
			Action: fmt.Sprintf("check that %s can open the spreadsheet, then run the audit again", uc.subject)})
		return nil
	}
	sheet := toItem(f)
	if f.DriveId != "" || f.Permissions == nil {
		perms, err := a.listPermissions(ctx, uc.drive, id, false)
		if err != nil {
			// The gap belongs to the form's walk (task), which read the
			// sheet, not to the sheet's owner's.
			a.addGap(model.Gap{Scope: model.ScopeItem, ID: id, Name: sheet.Name, Task: task, Code: model.GapItemPermissions,
				Reason: "permissions of a form's responses spreadsheet could not be read: " + summarize(err),
				Action: fmt.Sprintf("check that %s can still open the spreadsheet, then run the audit again", uc.subject)})
			return nil
		}
		sheet.Permissions = perms
	}
	return sheet
}

func (a *auditor) formGap(it *model.Item, code, reason, action string) {
	a.addGap(model.Gap{Scope: model.ScopeForm, ID: it.ID, Name: it.Name, Task: taskKeyOf(it), Code: code, Reason: reason, Action: action})
}

func (a *auditor) countForm(form *model.Form) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.forms.Total++
	if form.Page != nil {
		a.forms.Verified++
	}
}

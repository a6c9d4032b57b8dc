package auditor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/api/drive/v3"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// selfSubject is the subject asked of the credentials in a self-audit; the
// signed-in user's address comes from Drive about.get.
const selfSubject = "me"

// runSelf audits the signed-in user's own My Drive and forms with the same
// checks. What a user without admin rights cannot see is listed as gaps.
func (a *auditor) runSelf(ctx context.Context) (*model.Result, error) {
	res := &model.Result{StartedAt: a.opts.Now().UTC()}
	uc, err := a.newUserClients(ctx, selfSubject)
	if err != nil {
		return nil, fmt.Errorf("build clients: %w", err)
	}
	var about *drive.About
	err = a.call(ctx, apiDrive, "drive.about.get", func() error {
		var err error
		about, err = uc.drive.About.Get().Fields("user(emailAddress)").Context(ctx).Do()
		return err
	})
	if err == nil && (about.User == nil || about.User.EmailAddress == "") {
		err = errors.New("drive about.get did not say who is signed in")
	}
	if err != nil {
		return nil, fmt.Errorf("find out who signed in (Drive about.get): %w", explain(err, "read your Drive", selfSubject, a.opts.Credentials))
	}
	me := strings.ToLower(about.User.EmailAddress)
	uc.subject = me
	_, domain, _ := strings.Cut(me, "@")
	res.PrimaryDomain, res.Domains = domain, []string{domain}
	env := &checks.Env{
		InternalDomains:      unionLower(a.opts.ExtraInternalDomains),
		PartnerDomains:       unionLower(a.opts.PartnerDomains),
		FreeMailDomains:      unionLower(a.opts.FreeMailDomains),
		InternalUsers:        []string{me},
		PersonalDataKeywords: a.opts.Keywords,
	}
	// A personal account's domain (gmail.com) is everyone's: not internal.
	if !env.IsFreeMail(domain) {
		env.InternalDomains = unionLower([]string{domain}, env.InternalDomains)
	}
	engine := checks.NewEngineWith(env, a.opts.catalog())
	if err := a.walkMyDrive(ctx, uc, engine); err != nil {
		return nil, explain(err, "list your My Drive", me, a.opts.Credentials)
	}
	for _, g := range []model.Gap{
		{Scope: model.ScopeDirectory, ID: domain, Reason: "self-audit: other users' drives and the organisation's domains were not read (no admin rights)"},
		{Scope: model.ScopeSharedDrive, ID: "*", Reason: "self-audit: shared drives were not audited"},
		{Scope: model.ScopeAuditLog, ID: "drive", Reason: "self-audit: the Drive audit log (SHARE-007) needs an admin"},
	} {
		g.Code, g.Action = model.GapSelfAuditOnly, "ask an administrator to run the full audit"
		a.addGap(g)
	}
	res.Findings = engine.Finish()
	res.FinishedAt = a.opts.Now().UTC()
	a.mu.Lock()
	defer a.mu.Unlock()
	res.Coverage.Users = model.Count{Total: 1, Audited: 1}
	res.Coverage.Items = a.items
	res.Coverage.Forms = a.forms
	res.Coverage.Gaps = sortedGaps(a.gaps)
	res.Calls = a.calls
	return res, nil
}

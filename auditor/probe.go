package auditor

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor/formpage"
	"github.com/gwsaudit/gwsaudit/auditor/site"
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// ProbeOptions configure anonymous probes of public Google pages: no
// credentials, nothing but Google's public-page allowlist (or the emulator).
type ProbeOptions struct {
	// Endpoint is an emulator base URL: docs.google.com and forms.gle URLs
	// are fetched from it instead (docs/EMULATOR.md).
	Endpoint string
	// Transport replaces the guarded transport, which refuses non-public
	// addresses unless AllowPrivate is set.
	Transport    http.RoundTripper
	AllowPrivate bool
	RateLimits   RateLimits
	Retry        RetryPolicy
	Keywords     []string
	Log          zerolog.Logger
	Now          func() time.Time
}

// Probe outcomes, one per URL (the console verdict).
const (
	OutcomeSummaryPublished = "summary_published" // respondents can read everyone's answers
	OutcomeSummaryOff       = "summary_off"
	OutcomeSignInWall       = "sign_in_wall" // organisation-only form: settings unreadable
	OutcomeUnreadable       = "unreadable"
	OutcomeEditSignIn       = "edit_sign_in" // edit URL sends anonymous visitors to sign-in
	OutcomeEditOpen         = "edit_open"    // edit URL opened without sign-in
	OutcomeNotForm          = "not_form"
)

// FormProbe is what an anonymous visitor learns about one form URL.
type FormProbe struct {
	URL      string // as given
	Link     site.GoogleLink
	FinalURL string // the respondent page read, after redirects
	Outcome  string
	// Page is the respondent page's settings; nil when unread (Reason).
	Page   *formpage.Page
	Reason string
	// SignInWall: the respondent page needs an organisation account.
	SignInWall bool
	// EditProbed and EditOpens: for an edit URL, whether it was fetched
	// anonymously and whether it opened without sign-in.
	EditProbed, EditOpens bool
	PersonalData          []string
}

// Prober probes form URLs anonymously, reusing the audit's page fetcher
// (allowlist, no redirects out, size cap, rate limit, retries).
type Prober struct {
	a   *auditor
	env *checks.Env

	mu    sync.Mutex
	cache map[string]*FormProbe
}

// NewProber builds a prober.
func NewProber(opts ProbeOptions) *Prober {
	if opts.Retry.MaxAttempts == 0 {
		opts.Retry = RetryPolicy{MaxAttempts: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 5 * time.Second}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	tr := opts.Transport
	if tr == nil {
		tr = site.Transport(opts.AllowPrivate)
	}
	a := &auditor{
		opts:      Options{Endpoint: opts.Endpoint, Retry: opts.Retry, Log: opts.Log, Now: opts.Now},
		transport: tr, limiters: opts.RateLimits.limiters(), log: opts.Log, calls: map[string]int64{},
	}
	a.pages = newPageFetcher(a)
	env := &checks.Env{PersonalDataKeywords: opts.Keywords}
	env.Prepare()
	return &Prober{a: a, env: env, cache: map[string]*FormProbe{}}
}

// Probe reads one URL: a respondent page, a forms.gle link or an edit URL.
// Probes of the same form are made once.
func (p *Prober) Probe(ctx context.Context, raw string) *FormProbe {
	l, ok := site.ClassifyGoogle(raw)
	if !ok || (l.Kind != site.FormView && l.Kind != site.FormEdit && l.Kind != site.FormShort) {
		return &FormProbe{URL: raw, Outcome: OutcomeNotForm, Reason: "not a Google Forms URL"}
	}
	p.mu.Lock()
	if fp, ok := p.cache[l.Canonical]; ok {
		p.mu.Unlock()
		c := *fp
		c.URL = raw
		return &c
	}
	p.mu.Unlock()
	fp := &FormProbe{URL: raw, Link: l}
	if l.Kind == site.FormEdit {
		p.probeEdit(ctx, fp)
		p.readPage(ctx, fp, strings.TrimSuffix(l.Canonical, "/edit")+"/viewform")
	} else {
		p.readPage(ctx, fp, l.Canonical)
	}
	p.mu.Lock()
	p.cache[l.Canonical] = fp
	p.mu.Unlock()
	return fp
}

// probeEdit fetches an edit URL as an anonymous visitor: a sign-in
// redirect (or sign-in page) means it does not open.
func (p *Prober) probeEdit(ctx context.Context, fp *FormProbe) {
	body, err := p.a.pages.fetch(ctx, fp.Link.Canonical)
	switch {
	case errors.Is(err, errSignIn):
		fp.EditProbed = true
	case err != nil:
		fp.Reason = "the edit URL could not be fetched: " + summarize(err)
	default:
		_, perr := formpage.ParsePage(body)
		fp.EditProbed = true
		fp.EditOpens = !errors.Is(perr, formpage.ErrSignInPage)
	}
	fp.Outcome = OutcomeEditSignIn
	if fp.EditOpens {
		fp.Outcome = OutcomeEditOpen
	}
}

// readPage reads the respondent page's settings.
func (p *Prober) readPage(ctx context.Context, fp *FormProbe, target string) {
	body, final, err := p.a.pages.fetchFinal(ctx, target)
	outcome := ""
	switch {
	case errors.Is(err, errSignIn):
		outcome, fp.SignInWall = OutcomeSignInWall, true
		fp.Reason = "the form's page requires signing in with an account of the organisation, so an anonymous probe cannot read its settings"
	case err != nil:
		outcome = OutcomeUnreadable
		fp.Reason = "the public page could not be read: " + summarize(err)
	default:
		fp.FinalURL = final
		page, perr := formpage.ParsePage(body)
		switch {
		case errors.Is(perr, formpage.ErrSignInPage):
			outcome, fp.SignInWall = OutcomeSignInWall, true
			fp.Reason = "the form's page shows Google sign-in, so an anonymous probe cannot read its settings"
		case perr != nil && isClosedPage(final):
			outcome = p.readClosed(ctx, fp, final)
		case perr != nil:
			outcome = OutcomeUnreadable
			fp.Reason = "the public page did not contain readable form settings: " + perr.Error()
		default:
			fp.Page = page
			outcome = OutcomeSummaryOff
			if page.Settings.SummaryPublished {
				outcome = OutcomeSummaryPublished
			}
			fp.PersonalData = p.env.PersonalData(append([]string{page.Settings.Title}, page.Settings.Questions...)...)
		}
	}
	if fp.Outcome == "" {
		fp.Outcome = outcome
	}
}

// readClosed reads whether a closed form's summary is published from its
// summary page (see probeClosedSummary): served by Google Forms to an
// anonymous visitor means published, refused by it (403) means not; a
// sign-in redirect leaves it unknown (a sign-in wall), and any other page
// leaves it unreadable.
func (p *Prober) readClosed(ctx context.Context, fp *FormProbe, final string) string {
	const closed = "the form no longer accepts responses, so its page shows no settings"
	u, pid, ok := summaryURL(final)
	if !ok {
		fp.Reason = closed + ", and no summary page URL could be derived from " + final
		return OutcomeUnreadable
	}
	served, err := p.a.pages.summaryServed(ctx, u, pid)
	if errors.Is(err, errSignIn) {
		fp.SignInWall = true
		fp.Reason = closed + ", and its summary page asks for sign-in, so whether respondents see the summary is unknown"
		return OutcomeSignInWall
	}
	if err != nil {
		fp.Reason = closed + ", and its summary page could not be read: " + summarize(err)
		return OutcomeUnreadable
	}
	fp.Page = &formpage.Page{PublishedID: pid, Settings: model.PageSettings{SummaryPublished: served}}
	if served {
		return OutcomeSummaryPublished
	}
	return OutcomeSummaryOff
}

// Item is the probed form as the checks see it; nil for a non-form URL.
// An edit URL that opened anonymously is an anyone-with-the-link editor.
func (fp *FormProbe) Item() *model.Item {
	if fp.Outcome == OutcomeNotForm {
		return nil
	}
	id := fp.Link.ID
	if fp.Page != nil && fp.Link.Published && fp.Page.PublishedID != "" {
		id = fp.Page.PublishedID
	}
	it := &model.Item{ID: id, Kind: model.KindForm, MimeType: model.MimeForm, URL: fp.URL,
		Form: &model.Form{FormID: fp.Link.FileID(), ResponderURI: fp.FinalURL, Published: true, AcceptingResponses: true}}
	if fp.Link.Kind == site.FormShort && fp.Page != nil && fp.Page.PublishedID != "" {
		it.ID = fp.Page.PublishedID
	}
	if fp.Page != nil {
		s := fp.Page.Settings
		it.Form.Page = &s
		it.Form.Title, it.Form.Questions = s.Title, s.Questions
		it.Name = s.Title
	} else {
		it.Form.PageGap = fp.Reason
	}
	if it.Name == "" {
		it.Name = fp.URL
	}
	if fp.EditOpens {
		it.Permissions = []model.Permission{{Type: model.TypeAnyone, Role: checks.RoleWriter}}
	}
	return it
}

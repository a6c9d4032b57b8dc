// Package auditor walks a Google Workspace tenant through Google's APIs —
// Directory, Drive, Forms, Reports and the forms' public pages — and feeds
// every item to the checks. It owns retries, rate limits, concurrency and
// coverage accounting; nothing else in gwsaudit talks to Google.
package auditor

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// Options configure one audit run.
type Options struct {
	// Admin is the super admin the Directory, Reports and drive-admin calls
	// act as.
	Admin string
	// Endpoint is the base URL of a Workspace emulator (docs/EMULATOR.md); empty
	// for Google.
	Endpoint    string
	Credentials Credentials
	// Transport is the base HTTP transport (nil: http.DefaultTransport).
	Transport http.RoundTripper

	Concurrency    int           // users walked at once; shared drives, a quarter of it, alongside
	AuditLogWindow time.Duration // how far back to read Drive ACL events (default and at most MaxAuditLogWindow)
	RateLimits     RateLimits
	Retry          RetryPolicy
	// AttemptTimeout bounds each try of each API call, answer body
	// included; a try that runs out is retried like a network error.
	// 0 means DefaultAttemptTimeout; negative means no bound.
	AttemptTimeout time.Duration

	// Policy: extra internal domains, partner domains, free-mail domains and
	// personal-data keywords (see checks.Env).
	ExtraInternalDomains []string
	PartnerDomains       []string
	FreeMailDomains      []string
	Keywords             []string
	// Checks are the IDs of the checks to run (a school board checking its
	// forms only); empty runs the whole catalog.
	Checks []string
	// Audiences and AudienceRules are the audience policy (SHARE-009, see
	// checks.Env); with rules the run resolves every group's members.
	Audiences     []checks.Audience
	AudienceRules []checks.AudienceRule

	// Inventory, when set, records every item and the Drive changes tokens
	// for incremental runs (see RunIncremental).
	Inventory model.Inventory

	// SelfOnly audits only the signed-in user's own My Drive and forms
	// (--oauth-client, no admin rights): no Directory, shared drives or
	// audit log. Admin is not needed.
	SelfOnly bool

	Log zerolog.Logger
	Now func() time.Time
	// Checkpoint is a file where the run saves its progress so that a killed
	// run can be finished with Resume; removed when the run completes.
	Checkpoint string
	// Resume continues from Checkpoint, re-walking only the users and shared
	// drives that had not finished.
	Resume bool
	// CheckpointEvery is the least time between two writes of the
	// checkpoint. By default it is rewritten whenever walks have finished,
	// resting between writes as long as the last one took.
	CheckpointEvery time.Duration
	// OnProgress, when set, is called every half second during the walk and
	// once at its end (from another goroutine).
	OnProgress func(Progress)
}

// auditor is the state of one run.
type auditor struct {
	opts      Options
	transport http.RoundTripper
	limiters  map[string]*adaptiveLimiter
	pages     *pageFetcher
	log       zerolog.Logger
	refusals  refusals    // token requests refused for good
	spent     spentQuotas // APIs whose daily quota is used up

	mu       sync.Mutex
	gaps     []model.Gap
	calls    map[string]int64
	items    int
	forms    model.FormCount
	usersOK  int
	drivesOK int
	// usersDone and drivesDone count walks finished, with or without a gap.
	usersDone, drivesDone int

	domain   string          // the tenant's primary domain, once known
	done     map[string]bool // walks merged into the engine (see runTask)
	ckptMu   sync.Mutex      // orders merges with checkpoint writes
	ckptFile *os.File        // the checkpoint being appended to, if any
	ckptEnc  *gob.Encoder    // … and its gob stream
}

// Run audits the tenant. It returns an error only when the run as a whole
// cannot proceed (no Directory access, bad credentials); anything narrower
// becomes a coverage gap in the result.
func Run(ctx context.Context, opts Options) (*model.Result, error) {
	a, err := newAuditor(opts)
	if err != nil {
		return nil, err
	}
	return a.run(ctx)
}

// newAuditor checks opts, fills in defaults and builds the run's state; the
// full and the incremental run share it.
func newAuditor(opts Options) (*auditor, error) {
	if opts.Admin == "" && !opts.SelfOnly {
		return nil, errors.New("no admin account: pass --admin (a super admin address of the tenant)")
	}
	if opts.Credentials == nil {
		return nil, errors.New("no credentials: pass --credentials KEY.json or --impersonate SA (or --emulator URL)")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.AuditLogWindow <= 0 {
		opts.AuditLogWindow = MaxAuditLogWindow
	}
	if opts.AuditLogWindow > MaxAuditLogWindow {
		// Clamped, not refused: a configuration written for the old default
		// (180 days) keeps working, and Google has nothing older anyway.
		opts.Log.Warn().Int("configured_days", int(opts.AuditLogWindow/(24*time.Hour))).Int("days", int(MaxAuditLogWindow/(24*time.Hour))).
			Msg("the Reports API keeps 180 days of Drive events and refuses an older start: reading the audit log of the last 179 days")
		opts.AuditLogWindow = MaxAuditLogWindow
	}
	if opts.Retry.MaxAttempts == 0 {
		opts.Retry = DefaultRetryPolicy
	}
	a := &auditor{
		opts:      opts,
		transport: opts.Transport,
		limiters:  opts.RateLimits.limiters(),
		log:       opts.Log,
		calls:     map[string]int64{},
		done:      map[string]bool{},
	}
	if a.transport == nil {
		a.transport = http.DefaultTransport
	}
	if opts.AttemptTimeout == 0 {
		a.opts.AttemptTimeout = DefaultAttemptTimeout
	}
	a.transport = withAttemptTimeout(a.transport, a.opts.AttemptTimeout)
	a.pages = newPageFetcher(a)
	return a, nil
}

func (a *auditor) run(ctx context.Context) (*model.Result, error) {
	if a.opts.SelfOnly {
		return a.runSelf(ctx)
	}
	res := &model.Result{StartedAt: a.opts.Now().UTC()}
	admin, err := a.newAdminClients(ctx)
	if err != nil {
		return nil, explain(err, "build admin clients", a.opts.Admin, a.opts.Credentials)
	}
	tenant, err := a.readDirectory(ctx, admin)
	if err != nil {
		return nil, err
	}
	res.PrimaryDomain, res.Domains = tenant.primary, tenant.domains
	a.log.Info().Str("domain", tenant.primary).Int("users", len(tenant.active)+len(tenant.suspended)).Msg("directory read")

	// Groups are read before the walk: the audience policy needs their
	// members, and the shared drives' group resolution reuses them.
	groups := a.readGroups(ctx, admin)
	env := &checks.Env{
		InternalDomains:      unionLower(tenant.internalDomains(), a.opts.ExtraInternalDomains),
		PartnerDomains:       unionLower(a.opts.PartnerDomains),
		FreeMailDomains:      unionLower(a.opts.FreeMailDomains),
		InternalUsers:        tenant.userEmails(),
		PersonalDataKeywords: a.opts.Keywords,
		Revocations:          a.readRevocations(ctx, admin),
	}
	a.audiencePolicy(ctx, admin, tenant, groups, env)
	engine := checks.NewEngineWith(env, a.opts.catalog())
	a.domain = tenant.primary
	if a.opts.Resume && a.opts.Checkpoint != "" {
		n, err := a.loadCheckpoint(engine)
		if err != nil {
			return nil, err
		}
		a.log.Info().Int("walks", n).Str("checkpoint", a.opts.Checkpoint).Msg("resuming: finished walks are not repeated")
	}

	drives := a.listSharedDrives(ctx, admin)
	res.Coverage.Users.Total = len(tenant.active) + len(tenant.suspended)
	res.Coverage.SharedDrives.Total = len(drives)
	for _, u := range tenant.suspended {
		a.addGap(model.Gap{Scope: model.ScopeUser, ID: u, Code: model.GapUserSuspended, Reason: "suspended: Google does not let a suspended user be impersonated, so files this user owns (and still shares) were not listed",
			Action: "reactivate the user for the audit (Admin console → Users → the user → Reactivate), or transfer their files (Admin console → Users → Transfer ownership) before deleting the account"})
	}

	stopProgress := a.watchProgress(ctx, len(tenant.active), len(drives))
	closeCheckpoint := a.startCheckpoint(engine)
	walkSideBySide(ctx, a.opts.Concurrency, drives, tenant.active,
		func(ctx context.Context, d sharedDrive) {
			a.runTask(ctx, driveTask(d.id), engine, func(ctx context.Context, eng *checks.Engine) {
				a.auditSharedDrive(ctx, admin, d, tenant, eng)
				a.finished(&a.drivesDone)
			})
		},
		func(ctx context.Context, u string) {
			a.runTask(ctx, userTask(u), engine, func(ctx context.Context, eng *checks.Engine) {
				a.auditUser(ctx, u, eng)
				a.finished(&a.usersDone)
			})
		})
	stopProgress()
	closeCheckpoint()
	if err := ctx.Err(); err != nil {
		if a.opts.Checkpoint != "" {
			return nil, fmt.Errorf("audit interrupted (finish it with --resume; progress is in %s): %w", a.opts.Checkpoint, err)
		}
		return nil, fmt.Errorf("audit interrupted: %w", err)
	}
	for _, it := range groups {
		engine.Add(it)
	}

	counts := engine.Counts()
	res.Findings = engine.Finish()
	tenant.nameOwners(res.Findings)
	res.FinishedAt = a.opts.Now().UTC()
	if a.opts.Checkpoint != "" {
		if err := os.Remove(a.opts.Checkpoint); err != nil && !errors.Is(err, fs.ErrNotExist) {
			a.log.Warn().Err(err).Msg("finished checkpoint not removed")
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	res.Coverage.Users.Audited = a.usersOK
	res.Coverage.SharedDrives.Audited = a.drivesOK
	res.Coverage.Items = counts.Items
	res.Coverage.Forms = counts.Forms
	res.Coverage.Gaps = sortedGaps(a.gaps)
	res.Calls = a.calls
	return res, nil
}

// call runs one API request under the API's rate limit and the retry
// policy; once the API's daily quota is used up, it fails without asking.
func (a *auditor) call(ctx context.Context, api, method string, fn func() error) error {
	lim := a.limiters[api]
	return a.opts.Retry.do(ctx, func() error {
		if err := a.spent.get(api); err != nil {
			return err
		}
		if err := lim.Wait(ctx); err != nil {
			return err
		}
		a.count(method)
		err := fn()
		a.spent.note(api, err)
		a.paced(api, lim, lim.observe(err))
		return err
	}, func(attempt int, err error, wait time.Duration) {
		a.count(method + ".retry")
		a.log.Debug().Str("method", method).Int("attempt", attempt).Dur("wait", wait).Str("error", summarize(err)).Msg("retrying")
	})
}

func (a *auditor) finished(counter *int) {
	a.mu.Lock()
	*counter++
	a.mu.Unlock()
}

func (a *auditor) count(method string) {
	a.mu.Lock()
	a.calls[method]++
	a.mu.Unlock()
}

func (a *auditor) addGap(g model.Gap) {
	a.log.Warn().Str("scope", g.Scope).Str("id", g.ID).Str("reason", g.Reason).Msg("coverage gap")
	a.mu.Lock()
	a.gaps = append(a.gaps, g)
	a.mu.Unlock()
}

func sortedGaps(gaps []model.Gap) []model.Gap {
	out := slices.Clone(gaps)
	slices.SortFunc(out, func(x, y model.Gap) int {
		if c := strings.Compare(x.Scope, y.Scope); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	if out == nil {
		out = []model.Gap{}
	}
	return out
}

func unionLower(lists ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, s := range l {
			s = strings.ToLower(strings.TrimSpace(s))
			if s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// callCounts returns a copy of the requests sent so far, by method, retries
// included.
func (a *auditor) callCounts() map[string]int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return maps.Clone(a.calls)
}

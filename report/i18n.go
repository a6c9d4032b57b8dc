package report

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// Text is the catalog entry of one check in one language. Message,
// Remediation and AdminNote are text/template sources executed over a
// finding view (see view); Title is plain text. Remediation speaks to the
// item's owner (the person a department forwards the row to); AdminNote,
// often empty, to the admin running the audit (the config, the Admin
// console).
type Text struct {
	Title       string
	Message     string
	Remediation string
	AdminNote   string
}

// catalog is all text of one language. Each language lives in one file
// (i18n_en.go, i18n_ja.go).
type catalog struct {
	lang     string
	listSep  string
	common   string // shared {{define}} blocks: "reach", "pd"
	severity [model.Critical + 1]string
	kinds    map[model.Kind]string
	roles    map[string]string
	scopes   map[string]string
	modes    map[string]string
	// driveRoles name the roles on a shared drive's items where they differ
	// from My Drive's (a writer there is a contributor, 投稿者).
	driveRoles map[string]string
	audiences  map[string]string // evidence "audience" → phrase; "" = fallback
	// lookalikes phrase SHARE-006's reason codes; "confusable" takes the
	// characters read (%s) and meant (%s), "confusable?" is its phrase
	// when they cannot be told.
	lookalikes map[string]string
	who        whoText
	labels     labels
	sheet      sheetText
	statuses   map[string]string // finding status (run history) → word
	// statusNotes qualify a status from the suppression evidence:
	// "suppressed" gets (until, reason), "expired" (the status, the date).
	statusNotes struct{ suppressed, expired string }
	gaps        map[string]gapText // model.Gap* code → explanation
	checks      map[string]Text
	unknown     Text // for check IDs the catalog lacks

	tmpl map[string]*template.Template // CheckID+"/msg", "/fix"
}

// whoText phrases a principal.
type whoText struct {
	anyone, domain, group, unknown string // domain and group take one %s
	// anyoneWeb is an anyone grant that search engines may list
	// (allowFileDiscovery, evidence "discoverable").
	anyoneWeb string
}

// labels are the console's words.
type labels struct {
	heading, tenant, run, runID, findings, coverage                              string
	users, sharedDrives, items, formsVerified                                    string
	gapsHeading, gapAction, gapDetails, top, item, owner, location, url, grantee string
	fix, none, noneWithGaps, more, moreGaps                                      string
	// checksRan names the checks of a run that ran only some (one %s).
	checksRan string
	// sinceLast opens the console with a run history: new findings, then
	// resolved ones (two %d).
	sinceLast string
	// gapAccepted notes a gap a suppression file accepts: the last day, the
	// reason (two %s), put before its explanation.
	gapAccepted                   string
	durationFmt, hm, ms, s, paren string
}

// sheetText are the words of the file reports (CSV, XLSX, Sheets, HTML,
// Markdown).
type sheetText struct {
	// columns are the findings table's headers, in column order (the
	// spreadsheets' own columns after HTML's).
	columns [numSheetColumns]string
	// describe phrases the description column: lookalike takes the address
	// imitated, revokedBy (when, who), revoked (when), revokedByOnly (who),
	// reached the number of items below (each %s).
	describe struct{ lookalike, revokedBy, revoked, revokedByOnly, reached string }
	// Sheet (tab) names.
	findingsSheet, summarySheet, coverageSheet string
	// Summary sheet.
	bySeverity, byCheck, byOwner, count, total, noOwner string
	// Coverage sheet.
	what, audited, ofTotal, gapsHeading, noGaps   string
	scope, id, name, explanation, details, action string
	formsVerifiedCol                              string
	// HTML and Markdown.
	filter, allSeverities, allChecks, groupByOwner, shown string
	open, generated, noScript, message                    string
}

// gapText explains one gap code: why it happened and what to do.
type gapText struct {
	Explain string
	Action  string // "" = keep the gap's own Action
}

var catalogs = map[string]*catalog{}

// register compiles a catalog's templates; it panics on a broken template,
// which the package tests catch.
func register(c *catalog) {
	c.tmpl = map[string]*template.Template{}
	base := template.Must(template.New("common").Option("missingkey=zero").
		Funcs(template.FuncMap{"cap": capFirst, "num": num}).Parse(c.common))
	compile := func(name, src string) {
		t := template.Must(template.Must(base.Clone()).New(name).Parse(src))
		c.tmpl[name] = t
	}
	for id, tx := range c.checks {
		compile(id+"/msg", tx.Message)
		compile(id+"/fix", tx.Remediation)
		compile(id+"/note", tx.AdminNote)
	}
	compile("/msg", c.unknown.Message)
	compile("/fix", c.unknown.Remediation)
	compile("/note", c.unknown.AdminNote)
	catalogs[c.lang] = c
}

// Languages lists the supported language codes, sorted.
func Languages() []string {
	ls := make([]string, 0, len(catalogs))
	for l := range catalogs {
		ls = append(ls, l)
	}
	slices.Sort(ls)
	return ls
}

// lookup finds the catalog for lang ("ja", "ja-JP", "en_US"…).
func lookup(lang string) (*catalog, error) {
	l := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i]
	}
	if c, ok := catalogs[l]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("report: unsupported language %q (supported: %s)", lang, strings.Join(Languages(), ", "))
}

// CheckText returns the catalog entry of checkID in lang (templates
// unexpanded); ok is false when the language or check is unknown.
func CheckText(lang, checkID string) (Text, bool) {
	c, err := lookup(lang)
	if err != nil {
		return Text{}, false
	}
	t, ok := c.checks[checkID]
	return t, ok
}

// SeverityName is the severity as the reader's language names it.
func SeverityName(lang string, s model.Severity) string {
	c, err := lookup(lang)
	if err != nil || s < model.Info || s > model.Critical {
		return s.String()
	}
	return c.severity[s]
}

// StatusName is a finding status (new, open, suppressed) as the reader's
// language names it.
func StatusName(lang, status string) string {
	c, err := lookup(lang)
	if err != nil {
		return status
	}
	return c.status(status)
}

// ModeName is a run mode (full, incremental, probe …) as the reader's
// language names it.
func ModeName(lang, mode string) string {
	c, err := lookup(lang)
	if err != nil || c.modes[mode] == "" {
		return mode
	}
	return c.modes[mode]
}

// Localize fills every finding's Title, Message, Remediation and AdminNote
// in lang.
// A template that fails leaves the finding's text in a plain fallback and
// the first such error is returned; all findings are still filled.
func (d *Document) Localize(lang string) error {
	c, err := lookup(lang)
	if err != nil {
		return err
	}
	var first error
	for i := range d.Findings {
		if err := c.localize(&d.Findings[i], d.zone()); err != nil && first == nil {
			first = err
		}
	}
	if first == nil {
		d.lang = c.lang
	}
	return first
}

// Localized returns a copy of d localized in lang; d is not changed. A
// document Localize already filled in lang is returned as it is.
func (d *Document) Localized(lang string) (*Document, error) {
	if c, err := lookup(lang); err == nil && d.lang == c.lang {
		return d, nil
	}
	c := *d
	c.Findings = slices.Clone(d.Findings)
	if err := c.Localize(lang); err != nil {
		return nil, err
	}
	return &c, nil
}

// localize fills f's text; times in evidence are shown in loc (nil: as given).
func (c *catalog) localize(f *model.Finding, loc *time.Location) error {
	key := f.CheckID
	t, ok := c.checks[key]
	if !ok {
		key, t = "", c.unknown
		t.Title = f.CheckID
	}
	f.Title = t.Title
	v := view{Finding: *f, c: c, loc: loc}
	var errs []error
	f.Message, errs = c.exec(key+"/msg", v, t.Title, errs)
	f.Remediation, errs = c.exec(key+"/fix", v, "", errs)
	f.AdminNote, errs = c.exec(key+"/note", v, "", errs)
	if len(errs) > 0 {
		return fmt.Errorf("report: localize %s (%s): %w", f.CheckID, c.lang, errs[0])
	}
	return nil
}

func (c *catalog) exec(name string, v view, fallback string, errs []error) (string, []error) {
	var b bytes.Buffer
	if err := c.tmpl[name].Execute(&b, v); err != nil {
		return fallback, append(errs, err)
	}
	return strings.TrimSpace(b.String()), errs
}

// view is what message templates see: the finding's fields plus helpers
// that read evidence of any shape (JSON round-trips turn ints into float64
// and lists into []any) and phrase values in the catalog's language.
type view struct {
	model.Finding
	c   *catalog
	loc *time.Location
}

// zone is the time zone of the run, in which evidence times are shown.
func (d *Document) zone() *time.Location {
	if d.Run.StartedAt.IsZero() {
		return nil
	}
	return d.Run.StartedAt.Location()
}

// Name is the resource name, or its ID when unnamed.
func (v view) Name() string {
	if v.Resource.Name != "" {
		return v.Resource.Name
	}
	return v.Resource.ID
}

// Kind is the resource kind in the reader's language.
func (v view) Kind() string {
	if k, ok := v.c.kinds[v.Resource.Kind]; ok {
		return k
	}
	return string(v.Resource.Kind)
}

// IsForm reports whether the resource is a form.
func (v view) IsForm() bool { return v.Resource.Kind == model.KindForm }

// IsAnyone reports whether the grant is to anyone with the link.
func (v view) IsAnyone() bool { return v.Principal != nil && v.Principal.Type == model.TypeAnyone }

// IsDomain reports whether the finding's grant is to a whole domain.
func (v view) IsDomain() bool { return v.Principal != nil && v.Principal.Type == model.TypeDomain }

// IsSharedDrive reports whether the finding is about a shared drive itself.
func (v view) IsSharedDrive() bool { return v.Resource.Kind == model.KindSharedDrive }

// Who phrases the principal ("anyone with the link", an address…).
func (v view) Who() string {
	p := v.Principal
	if p == nil {
		return v.c.who.unknown
	}
	switch p.Type {
	case model.TypeAnyone:
		if v.Bool("discoverable") {
			return v.c.who.anyoneWeb
		}
		return v.c.who.anyone
	case model.TypeDomain:
		return fmt.Sprintf(v.c.who.domain, p.Domain)
	case model.TypeGroup:
		return fmt.Sprintf(v.c.who.group, p.Email)
	}
	if p.Email != "" {
		return p.Email
	}
	return v.c.who.unknown
}

// WhoCap is Who for a sentence start: catalog phrases are capitalised,
// addresses are left as they are.
func (v view) WhoCap() string {
	if v.Principal != nil && (v.Principal.Type == model.TypeAnyone || v.Principal.Type == model.TypeDomain) {
		return capFirst(v.Who())
	}
	return v.Who()
}

// Role is the grant's role in the reader's language.
func (v view) Role() string {
	if v.Principal == nil {
		return ""
	}
	if v.Resource.DriveID != "" { // a shared drive names its roles its own way
		if r, ok := v.c.driveRoles[v.Principal.Role]; ok {
			return r
		}
	}
	if r, ok := v.c.roles[v.Principal.Role]; ok {
		return r
	}
	return v.Principal.Role
}

// Audience phrases evidence "audience" (who can answer a form).
func (v view) Audience() string {
	if a, ok := v.c.audiences[v.Str("audience")]; ok {
		return a
	}
	return v.c.audiences[""]
}

// LookalikeReason phrases SHARE-006's reason in the reader's language
// ("l と i の取り違え", "one character off"); a reason it does not know (a
// report from another version) is phrased as characters that look alike.
func (v view) LookalikeReason() string {
	code := v.Str("reason")
	if code == checks.ReasonConfusable && v.Principal != nil {
		who := cmp.Or(v.Principal.Email, v.Principal.Domain)
		if got, want, ok := differingRunes(who, v.Str("lookalike_of")); ok {
			return fmt.Sprintf(v.c.lookalikes[code], got, want)
		}
		code += "?"
	}
	if t, ok := v.c.lookalikes[code]; ok {
		return t
	}
	if code == "" {
		return ""
	}
	// A reason this version does not know (a report from another one):
	// the general phrase, never the raw code in a Japanese sentence.
	return v.c.lookalikes[checks.ReasonConfusable+"?"]
}

// differingRunes returns what is left of a and b once their common prefix
// and suffix are cut, when both are short (a confusable pair such as l/i
// or rn/m).
func differingRunes(a, b string) (string, string, bool) {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	for len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0] {
		ra, rb = ra[1:], rb[1:]
	}
	for len(ra) > 0 && len(rb) > 0 && ra[len(ra)-1] == rb[len(rb)-1] {
		ra, rb = ra[:len(ra)-1], rb[:len(rb)-1]
	}
	if len(ra) == 0 || len(rb) == 0 || len(ra) > 2 || len(rb) > 2 {
		return "", "", false
	}
	return string(ra), string(rb), true
}

// List joins a list in the evidence with the language's separator; a
// single value is a list of one.
func (v view) List(key string) string {
	x := v.Evidence[key]
	out, ok := x.([]string)
	if !ok {
		if s := str(x); s != "" {
			out = []string{s}
		}
	}
	return strings.Join(out, v.c.listSep)
}

// Str is an evidence value as text ("" when absent).
func (v view) Str(key string) string { return str(v.Evidence[key]) }

// Int is an evidence number (0 when absent or not a whole number).
func (v view) Int(key string) int {
	n, _ := v.Evidence[key].(int)
	return n
}

// Bool is an evidence flag (false when absent).
func (v view) Bool(key string) bool {
	switch x := v.Evidence[key].(type) {
	case bool:
		return x
	case string:
		b, _ := strconv.ParseBool(x)
		return b
	}
	return false
}

// Time is an evidence time as "2006-01-02 15:04 -07:00" in the run's zone
// (or the raw text when it is not RFC 3339).
func (v view) Time(key string) string {
	var t time.Time
	switch x := v.Evidence[key].(type) {
	case time.Time:
		t = x
	case string:
		var err error
		if t, err = time.Parse(time.RFC3339, x); err != nil {
			return x
		}
	default:
		return ""
	}
	if v.loc != nil {
		t = t.In(v.loc)
	}
	return t.Format("2006-01-02 15:04 -07:00")
}

func str(x any) string {
	switch s := x.(type) {
	case nil:
		return ""
	case string:
		return s
	case time.Time:
		return s.Format(time.RFC3339)
	case fmt.Stringer:
		return s.String()
	case float64:
		return strconv.FormatFloat(s, 'f', -1, 64)
	case bool, int, int64:
		return fmt.Sprint(s)
	}
	return "" // lists and objects are not text
}

// capFirst upper-cases the first letter (for English sentence starts).
func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

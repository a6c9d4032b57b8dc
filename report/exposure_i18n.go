package report

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/suppress"
)

// exposureText is the wording of exposure rows in one language (kept apart
// from the check catalog: exposure_i18n_en.go, exposure_i18n_ja.go).
type exposureText struct {
	// reasons are each check's short label, listed together on one row
	// ("lookalike address / left after folder unshared").
	reasons   map[string]string
	reasonSep string
	// fix is the one action that closes every finding of a grant, by
	// principal type ("anyone", "domain", "user" for users and groups); a
	// text/template over the primary finding's view.
	fix map[string]string
	// closes follows fix: how many findings it closes (%d); the check IDs
	// are in their own column, and mean nothing to an owner reading a mail.
	closes string
	// followUps are what a check adds to the action, when it is on the
	// row (templates over that finding's view).
	followUps map[string]string
	// since is an open exposure's status: the status word, the day first
	// seen; newReason adds a known grant's new reasons.
	since, newReason string
	// resolved and resolvedPartly are the status of a resolved row (the
	// second when the grant is still reported for another reason).
	resolved, resolvedPartly string
	// Headline words: exposures by severity ("Exposures"), the number of
	// findings behind them (one %d), the resolved list's heading (one %d),
	// "only new" (HTML checkbox), the resolved-at column.
	exposures, findingsBehind, resolvedHeading, onlyNew, resolvedSheet string
	// exposuresTotal heads the console's counts: how many exposures (%s).
	exposuresTotal string
	// moreResolved ends a shortened resolved list (one %d).
	moreResolved string
	// onlyNewNote heads a report cut to what is new (--only-new);
	// noneNew replaces "no findings" there.
	onlyNewNote, noneNew string

	tmpl map[string]*template.Template // "fix/"+type, "follow/"+check
}

var exposureTexts = map[string]*exposureText{}

// registerExposureText compiles a language's exposure templates; it
// panics on a broken template, which the package tests catch.
func registerExposureText(lang string, x *exposureText) {
	x.tmpl = map[string]*template.Template{}
	compile := func(name, src string) {
		x.tmpl[name] = template.Must(template.New(name).Option("missingkey=zero").
			Funcs(template.FuncMap{"cap": capFirst, "num": num}).Parse(src))
	}
	for k, src := range x.fix {
		compile("fix/"+k, src)
	}
	for k, src := range x.followUps {
		compile("follow/"+k, src)
	}
	exposureTexts[lang] = x
}

// xt is the catalog's exposure wording (English when the language has
// none).
func (c *catalog) xt() *exposureText {
	if x, ok := exposureTexts[c.lang]; ok {
		return x
	}
	return exposureTexts["en"]
}

// run executes template name over v ("" when there is none or it fails:
// the finding's own remediation is then used).
func (x *exposureText) run(name string, v view) string {
	t, ok := x.tmpl[name]
	if !ok {
		return ""
	}
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return ""
	}
	return strings.TrimSpace(b.String())
}

// reason is a check's short label (its title when it has none).
func (c *catalog) reason(checkID string) string {
	if r, ok := c.xt().reasons[checkID]; ok {
		return r
	}
	if t, ok := c.checks[checkID]; ok {
		return t.Title
	}
	return checkID
}

// exposureTitle names an exposure: the check's title for one finding, the
// short labels of every reason for several.
func (c *catalog) exposureTitle(e Exposure) string {
	if len(e.Findings) == 1 {
		return e.Primary().Title
	}
	return c.reasons(e.CheckIDs())
}

// reasons joins the short labels of checks.
func (c *catalog) reasons(ids []string) string {
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = c.reason(id)
	}
	return strings.Join(labels, c.xt().reasonSep)
}

// principalClass is the fix template for a principal type.
func principalClass(p *model.Principal) string {
	switch {
	case p == nil:
		return ""
	case p.Type == model.TypeAnyone, p.Type == model.TypeDomain:
		return p.Type
	}
	return "user"
}

// exposureFix is the one remediation of an exposure: a finding's own when
// it is alone; for a grant with several findings, the action that removes
// the grant (which closes them all), what it closes, and what each check
// adds (check the activity of a lookalike, the rest of the folder…).
func (c *catalog) exposureFix(e Exposure, loc *time.Location) string {
	p := e.Primary()
	if len(e.Findings) == 1 || p.Principal == nil {
		return p.Remediation
	}
	x := c.xt()
	action := x.run("fix/"+principalClass(p.Principal), view{Finding: p, c: c, loc: loc})
	if action == "" {
		return p.Remediation
	}
	parts := []string{action, fmt.Sprintf(x.closes, len(e.Findings))}
	seen := map[string]bool{}
	// Keeping an outside address on purpose (SHARE-005's follow-up) is no
	// choice when the grant is a lookalike, outlived its folder, reaches a
	// forbidden audience or names a deleted account.
	ids := e.CheckIDs()
	seen["SHARE-005"] = slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(mustRemove, id) })
	for _, f := range e.Findings {
		if seen[f.CheckID] {
			continue
		}
		seen[f.CheckID] = true
		if s := x.run("follow/"+f.CheckID, view{Finding: f, c: c, loc: loc}); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, c.sentenceSep())
}

// mustRemove are the checks whose grant has to go whatever else it is.
var mustRemove = []string{"SHARE-006", "SHARE-007", "SHARE-009", "SHARE-010"}

// exposureStatus phrases an exposure's status: new; open since the day it
// was first seen (with its new reasons, if any); suppressed with the
// suppression's terms; and a suppression that expired.
func (c *catalog) exposureStatus(e Exposure, loc *time.Location) string {
	x := c.xt()
	p := e.Primary()
	st := e.Status()
	if st == model.StatusSuppressed {
		return c.statusOf(view{Finding: p, c: c, loc: loc})
	}
	text := c.status(st)
	if first := e.FirstSeen(); st == model.StatusOpen && first != nil {
		text = fmt.Sprintf(x.since, text, inZone(*first, loc).Format(dateFmt))
	}
	if ids := e.NewChecks(); len(ids) > 0 {
		text = fmt.Sprintf(x.newReason, text, c.reasons(ids))
	}
	for _, f := range e.Findings {
		v := view{Finding: f, c: c, loc: loc}
		if exp := v.Str(suppress.EvExpired); exp != "" {
			text = fmt.Sprintf(c.statusNotes.expired, cmp.Or(text, c.status(model.StatusNew)), exp)
			break
		}
	}
	return text
}

// sentenceSep joins sentences: nothing in Japanese, a space otherwise.
func (c *catalog) sentenceSep() string {
	if c.lang == "ja" {
		return ""
	}
	return " "
}

package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/gwsaudit/gwsaudit/model"
)

// ConsoleOptions tune WriteConsole.
type ConsoleOptions struct {
	Lang  string // "en" (default) or "ja"
	Color bool   // ANSI colours; set it only for a terminal
	Top   int    // findings to show; 0 means DefaultTop, negative means all
}

// DefaultTop is how many findings the console shows by default.
const DefaultTop = 10

// maxGaps is how many coverage gaps the console lists.
const maxGaps = 20

// maxFixColumns bounds the remediation shown per finding: two lines of a
// terminal, counting East Asian wide characters as two columns.
const maxFixColumns = 150

// ANSI colours.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = [...]string{
	model.Info: "\x1b[2m", model.Low: "\x1b[36m", model.Medium: "\x1b[33m",
	model.High: "\x1b[31m", model.Critical: "\x1b[1;37;41m",
}

// WriteConsole writes a short human summary of d: run, counts, coverage,
// gaps, and the most severe findings with how to fix them. Text from the
// tenant (names, paths) is stripped of control characters.
func WriteConsole(w io.Writer, d *Document, opts ConsoleOptions) error {
	lang := opts.Lang
	if lang == "" {
		lang = "en"
	}
	c, err := lookup(lang)
	if err != nil {
		return err
	}
	if d.lang != c.lang {
		l := *d
		l.Findings = slices.Clone(d.Findings)
		_ = l.Localize(c.lang) // a failed template still leaves usable text
		d = &l
	}
	p := &printer{w: bufio.NewWriter(w), c: c, color: opts.Color}
	exps := d.Exposures()
	p.header(d, exps)
	p.gaps(d.Coverage.Gaps)
	if d.Resolved != nil { // the nightly mail lists what is new first
		exps = newFirst(exps)
	}
	p.findings(d, exps, opts.Top)
	p.resolved(d)
	if err := p.w.Flush(); err != nil {
		return fmt.Errorf("report: write console: %w", err)
	}
	return nil
}

type printer struct {
	w     *bufio.Writer
	c     *catalog
	color bool
}

func (p *printer) printf(format string, a ...any) { fmt.Fprintf(p.w, format, a...) }

// paint wraps s in an ANSI style when colour is on.
func (p *printer) paint(style, s string) string {
	if !p.color || style == "" {
		return s
	}
	return style + s + ansiReset
}

func (p *printer) header(d *Document, exps []Exposure) {
	l := p.c.labels
	if d.Resolved != nil { // a run history: what cron mails starts with the news
		p.printf("%s\n", fmt.Sprintf(l.sinceLast, NewExposures(exps), len(d.ResolvedExposures())))
	}
	t := d.Run.Tenant
	p.printf("%s — %s %s", p.paint(ansiBold, l.heading), l.tenant, TermSafe(t.PrimaryDomain))
	if others := slices.DeleteFunc(slices.Clone(t.Domains), func(s string) bool { return s == t.PrimaryDomain }); len(others) > 0 {
		p.printf(l.paren, "+ "+TermSafe(strings.Join(others, p.c.listSep)))
	}
	p.printf("\n")
	p.printf("%s: %s  %s: %s\n", l.run, TermSafe(p.c.runSpan(d.Run)), l.runID, TermSafe(d.Run.ID))
	if len(d.Run.Checks) > 0 {
		p.printf("%s\n", fmt.Sprintf(l.checksRan, TermSafe(strings.Join(d.Run.Checks, p.c.listSep))))
	}
	p.printf("\n")

	s := CountExposures(exps)
	counts := []int{s.Info, s.Low, s.Medium, s.High, s.Critical}
	var parts []string
	for sev := model.Critical; sev >= model.Info; sev-- {
		part := fmt.Sprintf("%s %d", p.c.severity[sev], counts[sev])
		if counts[sev] > 0 {
			part = p.paint(sevColor(sev), part)
		}
		parts = append(parts, part)
	}
	if s.Suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", p.c.status(model.StatusSuppressed), s.Suppressed))
	}
	p.printf("%s: %s%s\n", fmt.Sprintf(p.c.xt().exposuresTotal, num(len(exps))), strings.Join(parts, p.c.listSep),
		fmt.Sprintf(l.paren, fmt.Sprintf(p.c.xt().findingsBehind, len(d.Findings))))
	cv := d.Coverage
	p.printf("%s: %s\n", l.coverage, strings.Join([]string{
		l.users + " " + num(cv.Users.Audited) + "/" + num(cv.Users.Total),
		l.sharedDrives + " " + num(cv.SharedDrives.Audited) + "/" + num(cv.SharedDrives.Total),
		l.items + " " + num(cv.Items),
		l.formsVerified + " " + num(cv.Forms.Verified) + "/" + num(cv.Forms.Total),
	}, p.c.listSep))
}

func (p *printer) gaps(gaps []model.Gap) {
	if len(gaps) == 0 {
		return
	}
	l := p.c.labels
	p.printf("\n%s\n", p.paint("\x1b[1;33m", "!! "+fmt.Sprintf(l.gapsHeading, len(gaps))))
	for i, g := range gaps {
		if i == maxGaps {
			p.printf("  %s\n", fmt.Sprintf(l.moreGaps, len(gaps)-maxGaps))
			break
		}
		v := p.c.gap(g)
		what := TermSafe(v.ID)
		if v.Name != "" {
			what += fmt.Sprintf(l.paren, TermSafe(v.Name))
		}
		p.printf("  - [%s] %s: %s\n", TermSafe(v.Scope), what, TermSafe(v.Explanation))
		if v.Details != "" {
			p.printf("    %s: %s\n", l.gapDetails, TermSafe(v.Details))
		}
		if v.Action != "" {
			p.printf("    %s: %s\n", l.gapAction, TermSafe(v.Action))
		}
	}
}

func (p *printer) findings(d *Document, exps []Exposure, top int) {
	l := p.c.labels
	p.printf("\n")
	if d.onlyNew {
		p.printf("%s\n", p.c.xt().onlyNewNote)
	}
	if len(exps) == 0 {
		if d.onlyNew {
			p.printf("%s\n", p.c.xt().noneNew)
			return
		}
		if len(d.Coverage.Gaps) > 0 {
			p.printf("%s\n", l.noneWithGaps)
		} else {
			p.printf("%s\n", l.none)
		}
		return
	}
	if top == 0 {
		top = DefaultTop
	}
	if top < 0 || top > len(exps) {
		top = len(exps)
	}
	loc := d.zone()
	p.printf("%s\n", fmt.Sprintf(l.top, top, len(exps)))
	for i, e := range exps[:top] {
		f := e.Primary()
		sev := p.paint(sevColor(e.Severity()), strings.ToUpper(p.sevName(e.Severity())))
		title := TermSafe(p.c.exposureTitle(e))
		if e.Status() == model.StatusSuppressed {
			sev = p.paint(ansiDim, strings.ToUpper(p.sevName(e.Severity())))
			title += fmt.Sprintf(l.paren, p.c.status(model.StatusSuppressed))
		}
		p.printf("\n%2d. %s  %s  %s\n", i+1, sev, TermSafe(strings.Join(e.CheckIDs(), p.c.listSep)), title)
		v := view{Finding: f, c: p.c, loc: loc}
		p.field(l.item, TermSafe(v.Name())+fmt.Sprintf(l.paren, v.Kind()))
		p.field(l.owner, TermSafe(p.c.ownerLabel(f.Resource)))
		p.field(l.location, TermSafe(p.c.location(f.Resource)))
		p.field(l.url, TermSafe(f.Resource.URL))
		if f.Principal != nil {
			r := p.c.exposureRow(d, e, nil)
			who := TermSafe(r.Cells[colPrincipal])
			if role := v.Role(); role != "" {
				who += fmt.Sprintf(l.paren, TermSafe(role))
			}
			p.field(l.grantee, who)
		}
		p.field(p.c.sheet.columns[colStatus], TermSafe(p.c.exposureStatus(e, loc)))
		p.field(l.fix, TermSafe(firstSentences(p.c.exposureFix(e, loc), maxFixColumns)))
		if note := exposureAdminNote(e, p.c.sentenceSep()); note != "" {
			p.field(p.c.ownerTextOf().adminNote, TermSafe(firstSentences(note, maxFixColumns)))
		}
	}
	if rest := len(exps) - top; rest > 0 {
		p.printf("\n%s\n", fmt.Sprintf(l.more, rest))
	}
}

// sevColor is the ANSI style of a severity; out-of-range values are clamped.
func sevColor(s model.Severity) string {
	return severityColor[min(max(s, model.Info), model.Critical)]
}

func (p *printer) sevName(s model.Severity) string {
	if s < model.Info || s > model.Critical {
		return s.String()
	}
	return p.c.severity[s]
}

// field prints one "Label: value" line; empty values are skipped.
func (p *printer) field(label, value string) {
	if value != "" {
		p.printf("    %s: %s\n", p.paint(ansiDim, label), value)
	}
}

// TermSafe makes text read from a tenant or a store safe to print on a
// terminal: control characters (ESC and every other C0 and C1 control, DEL,
// tabs and newlines), bidirectional formatting characters (embeddings,
// overrides, isolates and marks, which can make a name read backwards) and
// invalid UTF-8 become U+FFFD, so that a hostile file name can neither drive
// the terminal nor hide what it is.
func TermSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) || r == utf8.RuneError {
			return '\uFFFD'
		}
		return r
	}, s)
}

// isBidiControl reports the Unicode bidirectional formatting characters:
// LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM and ALM.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// firstSentences keeps whole sentences of s up to max columns (at least one).
func firstSentences(s string, max int) string {
	if Columns(s) <= max {
		return s
	}
	var out strings.Builder
	n := 0
	for _, sent := range splitSentences(s) {
		k := Columns(sent)
		if n > 0 && n+k > max {
			break
		}
		out.WriteString(sent)
		n += k
	}
	return strings.TrimSpace(out.String())
}

// splitSentences splits after "。" and after ". " / "! " / "? ".
func splitSentences(s string) []string {
	var parts []string
	start := 0
	for i, r := range s {
		end := -1
		switch {
		case r == '。':
			end = i + len("。")
		case (r == '.' || r == '!' || r == '?') && i+1 < len(s) && s[i+1] == ' ':
			end = i + 2
		}
		if end > 0 {
			parts = append(parts, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		parts = append(parts, s[start:])
	}
	return parts
}

// Columns is the terminal width of s: wide and fullwidth characters (most
// Japanese) take two.
func Columns(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// runSpan phrases when a run started and ended, how long it took and its
// mode.
func (c *catalog) runSpan(r Run) string {
	mode := c.modes[r.Mode]
	if mode == "" {
		mode = r.Mode
	}
	return fmt.Sprintf(c.labels.durationFmt, fmtTime(r.StartedAt), fmtTime(r.FinishedAt),
		c.fmtDuration(r.FinishedAt.Sub(r.StartedAt)), mode)
}

// fmtDuration prints d with the catalog's hour/minute/second formats.
func (c *catalog) fmtDuration(d time.Duration) string {
	l := c.labels
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf(l.hm, h, m)
	case m > 0:
		return fmt.Sprintf(l.ms, m, s)
	}
	return fmt.Sprintf(l.s, s)
}

// fmtTime prints a time in its own zone, minutes precision.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02 15:04 -07:00")
}

// num formats n with thousands separators.
func num(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

package report

import (
	"bufio"
	"fmt"
	"io"

	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// markdownTop is how many findings the Markdown summary lists.
const markdownTop = 10

// markdownGaps is how many coverage gaps the Markdown summary lists.
const markdownGaps = 10

// WriteMarkdown writes a short summary for tickets and e-mail: with a run
// history what is new and resolved, counts of exposures, coverage and its
// gaps, the most severe exposures (one row per grant) and what was
// resolved. Text from the
// tenant is escaped so that it cannot add links, markup or table cells.
func WriteMarkdown(w io.Writer, d *Document, lang string) error {
	t, err := newTable(d, lang)
	if err != nil {
		return err
	}
	c, s, l := t.c, t.c.sheet, t.c.labels
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }

	p("## %s — %s\n\n", l.heading, md(d.Run.Tenant.PrimaryDomain))
	p("%s: %s  \n%s: %s\n\n", l.run, md(c.runSpan(d.Run)), l.runID, md(d.Run.ID))

	x := c.xt()
	if d.Resolved != nil { // a run history: the news first
		p("**%s**\n\n", md(fmt.Sprintf(l.sinceLast, NewExposures(t.exps), len(t.resolved))))
	}
	es := CountExposures(t.exps)
	p("| %s | %s |\n| --- | ---: |\n", s.columns[colSeverity], x.exposures)
	for _, sc := range es.severityCounts() {
		p("| %s | %d |\n", c.sevName(sc.Sev), sc.Count)
	}
	if n := es.Suppressed; n > 0 {
		p("| %s | %d |\n", c.status(model.StatusSuppressed), n)
	}
	p("| **%s** | **%d** |\n\n", s.total, len(t.exps))
	p("%s\n\n", md(fmt.Sprintf(x.findingsBehind, len(d.Findings))))

	cv := d.Coverage
	p("%s: %s\n", l.coverage, strings.Join([]string{
		l.users + " " + num(cv.Users.Audited) + "/" + num(cv.Users.Total),
		l.sharedDrives + " " + num(cv.SharedDrives.Audited) + "/" + num(cv.SharedDrives.Total),
		l.items + " " + num(cv.Items),
		l.formsVerified + " " + num(cv.Forms.Verified) + "/" + num(cv.Forms.Total),
	}, c.listSep))
	if gaps := t.gaps(); len(gaps) > 0 {
		p("\n> **%s**\n>\n", md(fmt.Sprintf(l.gapsHeading, len(gaps))))
		for i, g := range gaps {
			if i == markdownGaps {
				p("> - %s\n", md(fmt.Sprintf(l.moreGaps, len(gaps)-markdownGaps)))
				break
			}
			what := g.ID
			if g.Name != "" {
				what += fmt.Sprintf(l.paren, g.Name)
			}
			p("> - [%s] %s: %s\n", md(g.Scope), md(what), md(g.Explanation))
		}
	}

	p("\n")
	if d.onlyNew {
		p("%s\n\n", md(x.onlyNewNote))
	}
	if len(t.rows) == 0 {
		if d.onlyNew {
			p("%s\n", md(x.noneNew))
			writeMarkdownResolved(p, t)
			return flushMarkdown(b)
		}
		if len(cv.Gaps) > 0 {
			p("%s\n", l.noneWithGaps)
		} else {
			p("%s\n", l.none)
		}
		writeMarkdownResolved(p, t)
		return flushMarkdown(b)
	}
	rows := t.rows
	if d.Resolved != nil { // the news first, as in the console
		rows = make([]row, 0, len(t.rows))
		for _, fresh := range []bool{true, false} {
			for _, r := range t.rows {
				if (r.New && r.Status != model.StatusSuppressed) == fresh {
					rows = append(rows, r)
				}
			}
		}
	}
	top := min(markdownTop, len(rows))
	p("### %s\n\n", fmt.Sprintf(l.top, top, len(t.rows)))
	cols := []int{colSeverity, colCheck, colTitle, colItem, colOwner, colPrincipal}
	if d.Resolved != nil {
		cols = append(cols, colStatus)
	}
	for i, col := range cols {
		if i > 0 {
			p(" ")
		}
		p("| %s", s.columns[col])
	}
	p(" |\n|%s\n", strings.Repeat(" --- |", len(cols)))
	for _, r := range rows[:top] {
		for i, col := range cols {
			if i > 0 {
				p(" ")
			}
			v := r.Cells[col]
			if col == colItem && r.Cells[colURL] != "" && safeURL(r.Cells[colURL]) {
				p("| [%s](<%s>)", md(v), mdURL(r.Cells[colURL]))
				continue
			}
			p("| %s", md(v))
		}
		p(" |\n")
	}
	if rest := len(t.rows) - top; rest > 0 {
		p("\n%s\n", md(fmt.Sprintf(l.more, rest)))
	}
	writeMarkdownResolved(p, t)
	return flushMarkdown(b)
}

func flushMarkdown(b *bufio.Writer) error {
	if err := b.Flush(); err != nil {
		return fmt.Errorf("report: write Markdown: %w", err)
	}
	return nil
}

// mdEscaper backslash-escapes the Markdown punctuation that could add a
// link, code or a table cell, and turns HTML's special characters into
// entities, so tenant text cannot add markup that does anything. Emphasis
// is left alone (harmless, and escaping it would litter "名簿_2025"), and
// values never start a line, so block markers (#, -, 1.) need no escape.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "[", `\[`, "]", `\]`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
)

// md makes s safe inside Markdown text and table cells: control
// characters (newlines included) become U+FFFD, markup is escaped.
func md(s string) string { return mdEscaper.Replace(TermSafe(s)) }

// safeURL allows only web links in Markdown.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// mdURL escapes a link destination written inside <…>.
func mdURL(u string) string {
	return strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20", "|", "%7C", "\n", "", "\r", "").Replace(TermSafe(u))
}

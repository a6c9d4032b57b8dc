package notify

import (
	"fmt"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// HookTop is how many new exposures the webhook summary lists.
const HookTop = 5

// NewExposures counts the run's exposures with something new in them (a
// new grant, or a new reason on a known one; suppressed ones left out):
// the number the console's headline 「新規 N 件」 shows.
func NewExposures(doc *report.Document) int {
	return report.NewExposures(doc.Exposures())
}

// HookSummary is the admin's short summary of a run with new exposures,
// counted as the console counts them (one per item and grantee, see
// report.Exposure): the new ones by severity, the resolved ones by check,
// and the most severe new ones by check, title and item ID. It names no
// item, person or address: a chat room is read more widely than the
// report, and item names often carry personal data (患者名簿_山田.xlsx);
// the ID finds the item in the report. Every value from the run is
// escaped for Slack mrkdwn and Google Chat (see chatSafe).
func HookSummary(doc *report.Document, lang string) (string, error) {
	tx, err := textsFor(lang)
	if err != nil {
		return "", err
	}
	var fresh []report.Exposure
	for _, e := range doc.Exposures() {
		if e.Status() != model.StatusSuppressed && e.HasNew() {
			fresh = append(fresh, e)
		}
	}
	resolved := doc.ResolvedExposures()
	var w strings.Builder
	fmt.Fprintf(&w, tx.hookHead+"\n", chatSafe(doc.Run.Tenant.PrimaryDomain), len(fresh), len(resolved))
	counts := report.CountExposures(fresh)
	var parts []string
	for _, sc := range []struct {
		sev model.Severity
		n   int
	}{{model.Critical, counts.Critical}, {model.High, counts.High}, {model.Medium, counts.Medium}, {model.Low, counts.Low}, {model.Info, counts.Info}} {
		parts = append(parts, fmt.Sprintf("%s %d", report.SeverityName(tx.lang, sc.sev), sc.n))
	}
	w.WriteString(tx.hookNew + tx.colon + strings.Join(parts, " / ") + "\n")
	if len(resolved) > 0 {
		w.WriteString(tx.hookResolved + tx.colon + resolvedByCheck(resolved) + "\n")
	}
	if len(fresh) > 0 {
		w.WriteString(tx.hookTop + "\n")
	}
	for i, e := range fresh {
		if i == HookTop {
			fmt.Fprintf(&w, tx.hookMore+"\n", len(fresh)-HookTop)
			break
		}
		w.WriteString(hookItem(tx, e) + "\n")
	}
	return strings.TrimRight(w.String(), "\n"), nil
}

// hookItem is one new exposure's line: severity, checks, the primary
// check's title, item ID, and for a known grant the note that a reason is
// new.
func hookItem(tx *texts, e report.Exposure) string {
	p := e.Primary()
	title := p.CheckID
	if t, ok := report.CheckText(tx.lang, p.CheckID); ok {
		title = t.Title
	}
	ids := e.CheckIDs()
	for i := range ids {
		ids[i] = chatSafe(ids[i])
	}
	line := fmt.Sprintf(tx.hookItem, report.SeverityName(tx.lang, e.Severity()), strings.Join(ids, tx.idSep), chatSafe(title), chatSafe(p.Resource.ID))
	if news := e.NewChecks(); len(news) > 0 {
		for i := range news {
			news[i] = chatSafe(news[i])
		}
		line += fmt.Sprintf(tx.hookNewReason, strings.Join(news, tx.idSep))
	}
	return line
}

// resolvedByCheck counts resolved exposures by the check of their first
// finding, in the order first met: "SHARE-002 2 / FORM-001 1".
func resolvedByCheck(rs []report.ResolvedExposure) string {
	byCheck := map[string]int{}
	var ids []string
	for _, r := range rs {
		id := r.Findings[0].CheckID
		if byCheck[id] == 0 {
			ids = append(ids, id)
		}
		byCheck[id]++
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d", chatSafe(id), byCheck[id])
	}
	return strings.Join(parts, " / ")
}

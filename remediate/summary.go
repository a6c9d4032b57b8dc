package remediate

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// summaryText is the plan summary's wording in one language.
type summaryText struct {
	heading, counts, byCheck, byOwner, actions, notices, noActions string
	noOwner, closes                                                string
	actionLine, noticeLine, roleFmt, listSep                       string
	kinds                                                          map[string]string
	noticeReasons                                                  map[string]string
}

var summaryTexts = map[string]summaryText{
	"en": {
		heading: "Fix plan for %s, from audit %s (finished %s UTC)",
		counts:  "%d changes to %d items; %d owner notices",
		byCheck: "Changes by check:", byOwner: "Changes by owner:",
		actions:   "Changes (fix apply makes each only if the grant is still as the audit saw it):",
		notices:   "Owner notices (no permission change can close these; the owner must act):",
		noActions: "No changes: nothing selected can be closed by removing a grant.",
		noOwner:   "none", closes: "closes %s",
		actionLine: "  #%d [%s] %s: %s — %s; owner: %s; %s\n", noticeLine: "  [%s] %s %s; owner: %s — %s\n", roleFmt: "%s (%s)", listSep: ", ",
		kinds: map[string]string{KindRestrictLink: "Restrict link sharing", KindDeletePermission: "Remove", KindRemoveMember: "Remove member"},
		noticeReasons: map[string]string{
			NoticeNoAPI:             "no Google API can change this setting: turn off Settings → Presentation → \"See summary charts and text responses\" in the form",
			NoticeNotAGrant:         "not a Drive grant: change it where the report's remediation says",
			NoticeOwnerGrant:        "the grant is the owner's: transfer ownership instead",
			NoticeSuppressedSibling: "another finding on this grant is an accepted risk: decide by hand",
		},
	},
	"ja": {
		heading: "修正計画: %s（監査 %s、%s 終了・協定世界時）",
		counts:  "変更 %d 件（対象 %d 件）、所有者への通知 %d 件",
		byCheck: "チェック別の変更件数:", byOwner: "所有者別の変更件数:",
		actions:   "変更内容（監査時と同じ共有が残っている場合にだけ変更します）:",
		notices:   "所有者への通知（権限の変更では解消できないため、所有者の対応が必要です）:",
		noActions: "変更はありません: 選んだ検出結果に、共有の削除で解消できるものはありません。",
		noOwner:   "なし", closes: "解消: %s",
		actionLine: "  #%d ［%s］%s: %s ─ %s／所有者: %s／%s\n", noticeLine: "  ［%s］%s %s／所有者: %s ─ %s\n", roleFmt: "%s・%s", listSep: "、",
		kinds: map[string]string{KindRestrictLink: "リンク共有を制限", KindDeletePermission: "共有を削除", KindRemoveMember: "メンバーを削除"},
		noticeReasons: map[string]string{
			NoticeNoAPI:             "この設定を変更できる Google の仕組みがありません: フォームの「設定 → 表示設定 → 結果の概要を表示する」をオフにしてください",
			NoticeNotAGrant:         "ドライブの共有ではありません: レポートの対処に従って変更してください",
			NoticeOwnerGrant:        "所有者の権限です: 削除ではなくオーナー権限の移行で対応してください",
			NoticeSuppressedSibling: "同じ共有の別の検出結果が許容済みです: 手作業で判断してください",
		},
	},
}

// WriteSummary writes the plan for people in lang (en or ja).
func WriteSummary(w io.Writer, p *Plan, lang string) error {
	t, ok := summaryTexts[lang]
	if !ok {
		return fmt.Errorf("fix plan summary: unsupported language %q (en, ja)", lang)
	}
	var b strings.Builder
	fmt.Fprintf(&b, t.heading+"\n", p.Tenant.PrimaryDomain, p.SourceRun.ID, p.SourceRun.FinishedAt.UTC().Format("2006-01-02 15:04"))
	items := map[string]bool{}
	for _, a := range p.Actions {
		items[a.ItemID] = true
	}
	fmt.Fprintf(&b, t.counts+"\n", len(p.Actions), len(items), len(p.Notices))
	if len(p.Actions) == 0 {
		b.WriteString("\n" + t.noActions + "\n")
	} else {
		b.WriteString("\n" + t.byCheck + "\n")
		writeCounts(&b, countBy(p.Actions, func(a Action) []string { return a.CheckIDs }))
		b.WriteString("\n" + t.byOwner + "\n")
		writeCounts(&b, countBy(p.Actions, func(a Action) []string { return []string{t.ownerOf(lang, a)} }))
		b.WriteString("\n" + t.actions + "\n")
		for _, a := range p.Actions {
			fmt.Fprintf(&b, t.actionLine, a.ID, report.SeverityName(lang, a.Finding.Severity),
				t.kinds[a.Kind], t.who(lang, a), a.ItemName, t.ownerOf(lang, a), fmt.Sprintf(t.closes, strings.Join(a.CheckIDs, t.listSep)))
		}
	}
	if len(p.Notices) > 0 {
		b.WriteString("\n" + t.notices + "\n")
		for _, n := range p.Notices {
			f := n.Finding
			fmt.Fprintf(&b, t.noticeLine, report.SeverityName(lang, f.Severity), f.CheckID, f.Resource.Name,
				t.ownerLabel(lang, f.Resource), cmp.Or(t.noticeReasons[n.Code], n.Reason))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CountsByCheckAndOwner are the confirmation prompt's numbers.
func CountsByCheckAndOwner(p *Plan, lang string) (byCheck, byOwner [][2]string) {
	t := summaryTexts[lang]
	return countBy(p.Actions, func(a Action) []string { return a.CheckIDs }),
		countBy(p.Actions, func(a Action) []string { return []string{t.ownerOf(lang, a)} })
}

// ownerOf names who answers for an action's item as the report does (see
// ownerLabel); the action's owner and drive stand in for what its finding
// lacks.
func (t summaryText) ownerOf(lang string, a Action) string {
	r := a.Finding.Resource
	r.Owner, r.DriveID = cmp.Or(r.Owner, a.Owner), cmp.Or(r.DriveID, a.DriveID)
	return t.ownerLabel(lang, r)
}

// ownerLabel is the report's owner label of r: the owner's address, name
// and org unit, or the shared drive by name with its managers (by ID when
// the report did not name it).
func (t summaryText) ownerLabel(lang string, r model.Resource) string {
	return cmp.Or(report.OwnerLabel(lang, r), t.noOwner)
}

// who names the grant an action changes, and its role, as the report does.
func (t summaryText) who(lang string, a Action) string {
	p := model.PrincipalOf(a.Permission)
	r := model.Resource{ID: a.ItemID, DriveID: a.DriveID}
	return fmt.Sprintf(t.roleFmt, report.PrincipalName(lang, p, a.Permission.AllowFileDiscovery), report.RoleName(lang, r, p))
}

// countBy counts actions by the keys each yields, most first.
func countBy(as []Action, keys func(Action) []string) [][2]string {
	n := map[string]int{}
	for _, a := range as {
		for _, k := range keys(a) {
			n[k]++
		}
	}
	out := make([][2]string, 0, len(n))
	for k := range n {
		out = append(out, [2]string{k, fmt.Sprint(n[k])})
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(n[b[0]], n[a[0]]), cmp.Compare(a[0], b[0]))
	})
	return out
}

func writeCounts(b *strings.Builder, rows [][2]string) {
	width := 0
	for _, r := range rows {
		width = max(width, report.Columns(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(b, "  %s%s  %s\n", r[0], strings.Repeat(" ", width-report.Columns(r[0])), r[1])
	}
}

package cli

import (
	"cmp"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/remediate"
)

// fixWords are the fix commands' prompt and result lines.
type fixWords struct {
	applyAsk, undoAsk, byCheck, byOwner               string
	removed, restored, gone, already, skipped, failed string
	// reasons by skip code; failedLine replaces Google's (English) error
	// when set.
	reasons    map[string]string
	failedLine string
	itemLine   string // action, item name, item ID, reason
}

var fixText = map[string]fixWords{
	"en": {
		applyAsk: "This changes %d grants on %d items of %s. Continue? [y/N] ",
		undoAsk:  "This restores %d grants the journal recorded as removed. Continue? [y/N] ",
		byCheck:  "By check:", byOwner: "By owner:",
		removed: "removed: %d", restored: "restored: %d", gone: "already closed, nothing to do: %d",
		already: "done by an earlier run (journal): %d", skipped: "skipped, left as they are: %d", failed: "failed (rerun to retry): %d",
		itemLine: "  #%d %s (%s): %s\n",
	},
	"ja": {
		applyAsk: "%[3]s の %[2]d 件のアイテムで共有を %[1]d 件変更します。続けますか？ [y/N] ",
		undoAsk:  "記録に残る削除済みの共有 %d 件を元に戻します。続けますか？ [y/N] ",
		byCheck:  "チェック別:", byOwner: "所有者別:",
		removed: "削除: %d 件", restored: "復元: %d 件", gone: "すでに解消済み（変更なし）: %d 件",
		already: "前回の実行で完了済み（記録による）: %d 件", skipped: "変更せずに残したもの: %d 件", failed: "失敗（再実行で再試行します）: %d 件",
		reasons: map[string]string{
			remediate.SkipChanged:   "監査の後に共有が変更されていたため、そのままにしました",
			remediate.SkipInherited: "上位のフォルダまたは共有ドライブから継承した共有のため、ここでは削除できません",
			remediate.UndoPresent:   "すでに再びアクセスできるため、そのままにしました",
		},
		failedLine: "変更できませんでした（理由は記録ファイルとログにあります）",
		itemLine:   "  #%d %s（%s）: %s\n",
	},
}

// confirmApply shows what apply will change and asks to go on.
func confirmApply(cmd *cobra.Command, w io.Writer, p *remediate.Plan, lang string) bool {
	t := fixText[lang]
	items := map[string]bool{}
	for _, a := range p.Actions {
		items[a.ItemID] = true
	}
	byCheck, byOwner := remediate.CountsByCheckAndOwner(p, lang)
	for _, part := range []struct {
		heading string
		counts  [][2]string
	}{{t.byCheck, byCheck}, {t.byOwner, byOwner}} {
		fmt.Fprintln(w, part.heading)
		rows := make([][]string, len(part.counts))
		for i, r := range part.counts { // aligned by display width: owners' names are Japanese
			rows[i] = []string{"  " + r[0], r[1]}
		}
		_ = writeColumns(w, rows)
	}
	return ask(cmd, w, fmt.Sprintf(t.applyAsk, len(p.Actions), len(items), p.Tenant.PrimaryDomain))
}

// confirmUndo says how many grants undo may restore and asks to go on.
func confirmUndo(cmd *cobra.Command, w io.Writer, j *remediate.Journal, lang string) bool {
	n := 0
	for _, r := range j.Records() {
		if r.Op == remediate.OpRemoved {
			n++
		}
	}
	return ask(cmd, w, fmt.Sprintf(fixText[lang].undoAsk, n))
}

// writeOutcome prints what apply or undo did, each skip and failure with
// its reason.
func writeOutcome(w io.Writer, o *remediate.Outcome, lang string, undo bool) {
	t := fixText[lang]
	if undo {
		fmt.Fprintf(w, t.restored+"\n", o.Changed)
	} else {
		fmt.Fprintf(w, t.removed+"\n", o.Changed)
		fmt.Fprintf(w, t.gone+"\n", o.Gone)
	}
	fmt.Fprintf(w, t.already+"\n", o.Already)
	fmt.Fprintf(w, t.skipped+"\n", len(o.Skipped))
	for _, r := range o.Skipped {
		fmt.Fprintf(w, t.itemLine, r.Action, r.ItemName, r.ItemID, cmp.Or(t.reasons[r.Code], r.Reason))
	}
	fmt.Fprintf(w, t.failed+"\n", len(o.Failed))
	for _, r := range o.Failed {
		fmt.Fprintf(w, t.itemLine, r.Action, r.ItemName, r.ItemID, cmp.Or(t.failedLine, r.Reason))
	}
}

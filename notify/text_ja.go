package notify

// 日本語: オーナーあての通知と管理者向け通知の文言です。チェックごとの文言は
// report パッケージのカタログ（report/i18n_ja.go）を使います。
func init() {
	textsByLang["ja"] = &texts{
		lang:        "ja",
		subject:     "【要対応】共有・フォーム設定の見直しのお願い（%d 件）",
		greeting:    "%s 様",
		intro:       "%s の Google Workspace を%sに監査したところ、%sファイルやフォームに、個人情報が漏れるおそれのある設定が %d 件見つかりました。各項目の「対処」の手順で設定を変更してください。",
		introNoDate: "%s の Google Workspace の監査で、%sファイルやフォームに、個人情報が漏れるおそれのある設定が %d 件見つかりました。各項目の「対処」の手順で設定を変更してください。",
		dateFormat:  "2006年1月2日",
		item:        "■ %d.【%s】%s",
		target:      "対象：",
		drive:       "共有ドライブ：",
		asManager:   "共有ドライブのアイテムは、その共有ドライブの管理者であるあなたにお知らせしています。",
		yours:       "あなたがオーナーの",
		yoursShared: "あなたがオーナーまたは共有ドライブの管理者である",
		link:        "リンク：",
		state:       "状況：",
		fix:         "対処：",
		firstSeen:   "初回検出：",
		newMark:     "・新規",
		planned:     "対処：情報システム担当がこの共有を解除する予定です。業務に必要な共有であれば、解除の前に下記の問い合わせ先へご連絡ください。",
		more:        "ほかに %d 件あります。一覧は下記の問い合わせ先にご請求ください。",
		ask:         "業務上必要な共有か判断に迷う場合や、心当たりのない共有がある場合は、変更する前に %s にご相談ください。",
		askDefault:  "情報システム担当",
		copyNote:    "このメールの写しを所属の連絡先（%s）にもお送りしています。",
		footer:      "このメールは gwsaudit（Google Workspace の定期監査）が自動で送信しています。設定を変更すると、次回の監査で解消として記録されます。",

		hookHead:     "gwsaudit：%s の監査で新規の検出が %d 件ありました（解消 %d 件）。",
		hookNew:      "新規",
		hookResolved: "解消",
		colon:        "：",
		hookTop:      "主な新規検出：",
		hookMore:     "ほか %d 件はレポートを参照してください。",

		sumOwner:   "%s：%d 件（%s）%s",
		sumCopy:    "、写し：%s",
		sumSent:    "%d / %d 通を送信しました。",
		sumWritten: "%d / %d 通を %s に書き出しました（送信はしていません）。",
		sumUnowned: "通知先のない検出（グループ、管理者の分からない共有ドライブ）%d 件は通知していません。管理者から担当者へ連絡してください：",
		langNames:  map[string]string{"ja": "日本語", "en": "英語"},
		hookItem:   "・【%s】%s %s（ID：%s）",
	}
}

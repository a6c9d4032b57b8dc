package report

import "github.com/gwsaudit/gwsaudit/checks"

// 日本語: この言語の文言はすべてこのファイルにまとめています。
func init() {
	register(&catalog{
		lang:    "ja",
		listSep: "、",
		common: `{{define "reach"}}{{with .Int "items_reached"}}この共有はここに設定されており、配下の {{num .}} 件に及びます。{{end}}{{end}}` +
			`{{define "pd"}}{{with .List "personal_data"}}個人情報を含むおそれがあります（該当語: {{.}}）。{{end}}` +
			`{{with .List "personal_data_items"}}配下に個人情報を含むとみられるアイテムがあります（{{.}} など）。{{end}}{{end}}`,
		severity: [...]string{checks.Info: "情報", checks.Low: "低", checks.Medium: "中", checks.High: "高", checks.Critical: "重大"},
		kinds: map[checks.Kind]string{
			checks.KindFile: "ファイル", checks.KindFolder: "フォルダ", checks.KindForm: "フォーム",
			checks.KindSpreadsheet: "スプレッドシート", checks.KindSharedDrive: "共有ドライブ",
			checks.KindPage: "ページ", checks.KindGroup: "グループ",
		},
		roles: map[string]string{
			"owner": "オーナー", "organizer": "管理者", "fileOrganizer": "コンテンツ管理者",
			"writer": "編集者", "commenter": "閲覧者（コメント可）", "reader": "閲覧者",
		},
		scopes: map[string]string{
			checks.ScopeUser: "ユーザー", checks.ScopeSharedDrive: "共有ドライブ", checks.ScopeItem: "アイテム",
			checks.ScopeForm: "フォーム", checks.ScopeAuditLog: "監査ログ", checks.ScopeDirectory: "ディレクトリ",
		},
		modes: map[string]string{ModeFull: "全体", ModeIncremental: "差分"},
		audiences: map[string]string{
			"anyone": "リンクを知っている全員", "domain": "組織内の全員",
			"users": "回答を許可された人", "": "回答者",
		},
		who: whoText{anyone: "リンクを知っている全員", domain: "%s の全員", group: "グループ %s", unknown: "不明な相手"},
		labels: labels{
			heading: "gwsaudit 監査結果", tenant: "テナント", run: "実行", runID: "ID",
			findings: "検出件数", coverage: "監査範囲", users: "ユーザー", sharedDrives: "共有ドライブ",
			items: "アイテム", formsVerified: "設定確認済みフォーム",
			gapsHeading: "監査できなかった範囲（%d 件）: 未確認のため、検出なしでも安全とは限りません",
			gapAction:   "対応", top: "主な検出結果（%d / %d 件）",
			item: "対象", owner: "オーナー", location: "場所", url: "URL", grantee: "共有先", fix: "対処",
			none: "検出はありません。", noneWithGaps: "監査できた範囲では検出はありません。上記の未確認範囲を確認してください。",
			more: "ほか %d 件はレポート本体を参照してください。", moreGaps: "ほか %d 件はレポート本体を参照してください。",
			durationFmt: "%s 〜 %s（%s、%s）",
			hm:          "%d時間%d分", ms: "%d分%d秒", s: "%d秒", paren: "（%s）",
		},
		unknown: Text{
			Message:     `{{.Kind}}「{{.Name}}」: {{.CheckID}} が検出されました。`,
			Remediation: `{{.CheckID}} の内容は gwsaudit checks で確認してください。`,
		},
		checks: map[string]Text{
			"SHARE-001": {
				Title:       "ウェブ上で一般公開",
				Message:     `{{.Kind}}「{{.Name}}」がウェブ上で一般公開されています。検索で見つけられ、ログインなしで誰でも開けます。{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `ドライブで「共有」→「一般的なアクセス」を「制限付き」に変更してください。公開が必要な場合は、先に個人情報を取り除いてください。`,
			},
			"SHARE-002": {
				Title:       "リンクを知っている全員が閲覧可能",
				Message:     `{{.Kind}}「{{.Name}}」は、リンクを知っていれば誰でもログインなしで開けます（{{.Role}}）。{{template "reach" .}}{{template "pd" .}}リンクが転送・掲載・誤送信されると、意図しない相手にも閲覧されます。`,
				Remediation: `「共有」→「一般的なアクセス」を「制限付き」に変更し、必要な人だけを追加してください。組織外に渡す場合は、個人情報を除いたコピーを共有してください。`,
			},
			"SHARE-003": {
				Title:       "リンクを知っている全員または組織全体が編集可能",
				Message:     `{{.Who}}が{{.Kind}}「{{.Name}}」を編集できます（{{.Role}}）。{{if .IsForm}}フォームを編集できると、これまでの回答をすべて閲覧できます。{{end}}{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `「共有」→「一般的なアクセス」を「制限付き」にするか、役割を「閲覧者」に変更してください。{{if .IsForm}}回答者には「送信」→ リンク（…/viewform）だけを案内してください。{{end}}変更履歴に不審な変更がないかも確認してください。`,
			},
			"SHARE-004": {
				Title:       "組織全体に共有",
				Message:     `{{.Kind}}「{{.Name}}」が {{.Who}}に共有されています（{{.Role}}）。{{if .Bool "discoverable"}}組織内の検索で見つけることもできます。{{end}}{{template "reach" .}}{{template "pd" .}}業務上必要のない職員も閲覧できる状態です。`,
				Remediation: `「共有」→「一般的なアクセス」で組織の設定を「制限付き」に変更し、必要なユーザーまたはグループだけを追加してください。`,
			},
			"SHARE-005": {
				Title:       "組織外のユーザーと共有",
				Message:     `{{.Kind}}「{{.Name}}」が組織外の {{.Who}}{{if .Bool "free_mail"}}（個人向けフリーメール）{{else}} {{end}}と共有されています（{{.Role}}）。{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `共有が必要な相手かオーナーに確認してください。不要であれば「共有」→ 該当するアドレス →「アクセス権を削除」を選んでください。業務上の取引先は設定ファイルの取引先ドメインに登録してください。`,
			},
			"SHARE-006": {
				Title:       "組織内のアドレスに酷似した宛先と共有",
				Message:     `{{.Kind}}「{{.Name}}」が {{.Who}} と共有されています。{{with .Str "lookalike_of"}}{{.}} に{{else}}組織内のアドレスまたはドメインに{{end}}酷似しており{{with or (.Str "lookalike_reason") (.Str "reason")}}（{{.}}）{{end}}、宛先の入力誤りによる漏えいのおそれがあります。{{template "pd" .}}`,
				Remediation: `本来の相手に電話などでアドレスを確認してください。誤りであれば「共有」→ 該当するアドレス →「アクセス権を削除」を選び、正しいアドレスで共有し直したうえで、「アクティビティ」で誤った宛先からの閲覧がないか確認してください。`,
			},
			"SHARE-007": {
				Title:       "フォルダの共有解除後もアクセス権が残存",
				Message:     `フォルダ{{with .Str "folder_name"}}「{{.}}」{{else}} {{.Str "folder_id"}} {{end}}{{if .IsAnyone}}のリンク共有がオフにされました{{else}}から {{.Who}} の共有が解除されました{{end}}{{if or (.Time "revoked_at") (.Str "revoked_by")}}（{{.Time "revoked_at"}}{{if and (.Time "revoked_at") (.Str "revoked_by")}}、{{end}}{{with .Str "revoked_by"}}操作者 {{.}}{{end}}）{{end}}。しかし、中の{{.Kind}}「{{.Name}}」には個別の共有が残っており、まだアクセスできます。{{template "pd" .}}`,
				Remediation: `この{{.Kind}}でも「共有」から{{if .IsAnyone}}リンク共有を外し、「一般的なアクセス」を「制限付き」にしてください{{else}}該当する相手を削除してください{{end}}。フォルダの共有を解除しても、中のファイルに個別に設定した共有は残ります。同じフォルダのほかのファイルも確認してください。`,
			},
			"SHARE-008": {
				Title:       "親フォルダより広く共有",
				Message:     `{{.Kind}}「{{.Name}}」は{{.Who}}と共有されていますが（{{.Role}}）、親フォルダ{{with .Str "parent_name"}}「{{.}}」{{else}} {{.Str "parent_id"}} {{end}}には同じ共有がありません。フォルダは非公開に見えても、この{{.Kind}}のリンクは有効なままです。{{template "pd" .}}`,
				Remediation: `この{{.Kind}}で「共有」→「一般的なアクセス」を「制限付き」にするか、該当する共有を削除してください。広く共有するものは、その目的で共有したフォルダに移してください。`,
			},
			"SHARE-009": {
				Title:       "共有が禁止された相手と共有",
				Message:     `{{.Kind}}「{{.Name}}」{{with .Str "folder_name"}}（フォルダ「{{.}}」）{{end}}が{{.Who}}と共有されています。この場所では、ポリシーによりこの相手への共有が禁止されています{{with .Str "reason"}}（{{.}}）{{end}}。{{template "pd" .}}`,
				Remediation: `「共有」から{{.Who}}を削除してください。共有が必要な場合は、対象を制限のない場所へ移すか、設定ファイルのポリシーを見直してください。`,
			},
			"FORM-001": {
				Title:       "フォームの回答が回答者に公開",
				Message:     `フォーム「{{.Name}}」は「結果の概要を表示する」がオンです。{{.Audience}}が、回答後に「前の回答を表示」から他の人の回答（記述式の回答を含む）を閲覧できます。{{if .Bool "sign_in_required"}}ログイン必須の設定でも閲覧は防げません。{{end}}{{template "pd" .}}`,
				Remediation: `フォームの「設定」→「表示設定」→「結果の概要を表示する」をオフにしてください（旧画面では「全般」→「概要グラフとテキストの回答を表示」）。回答はすでに閲覧された可能性があるため、所定の手順で情報セキュリティ担当へ報告してください。`,
			},
			"FORM-002": {
				Title:       "回答用スプレッドシートが広く共有",
				Message:     `スプレッドシート「{{.Name}}」にはフォーム{{with .Str "form_name"}}「{{.}}」{{else}} {{.Str "form_id"}} {{end}}の回答が保存されていますが、{{.Who}}と共有されています（{{.Role}}）。フォームの編集者より広い範囲から回答を閲覧できます。{{template "pd" .}}`,
				Remediation: `スプレッドシートを開き、「共有」→「一般的なアクセス」を「制限付き」に変更し、組織外のユーザーを削除してください。回答を閲覧できるのはフォームの編集者だけにしてください。`,
			},
			"FORM-003": {
				Title:       "フォームの編集用リンクがウェブページに掲載",
				Message:     `フォーム{{with .Str "form_name"}}「{{.}}」{{else}} {{.Str "form_id"}} {{end}}の編集用リンクが {{with .Resource.URL}}{{.}}{{else}}{{$.Name}}{{end}} に掲載されています。フォームを編集できると、これまでの回答をすべて閲覧できます。`,
				Remediation: `ページの編集用リンク（…/edit）を回答用リンク（…/viewform）に差し替えてください。あわせてフォームの「共有」→「一般的なアクセス」を「制限付き」にし、不要な編集者を削除してください。`,
			},
			"FORM-004": {
				Title:       "フォームの設定を確認できず",
				Message:     `フォーム「{{.Name}}」の公開ページを読み取れなかったため{{with .Str "reason"}}（{{.}}）{{end}}、「結果の概要を表示する」の設定を確認できていません。問題がないという意味ではありません。`,
				Remediation: `フォームの「設定」→「表示設定」→「結果の概要を表示する」を目視で確認するか、Apps Script 連携を設定して gwsaudit から確認できるようにしてください。`,
			},
		},
	})
}

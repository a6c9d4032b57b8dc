package report

import (
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// 日本語: この言語の文言はすべてこのファイルにまとめています。
func init() {
	register(&catalog{
		lang:    "ja",
		listSep: "、",
		common: `{{define "reach"}}{{with .Int "items_reached"}}この共有はここに設定されており、配下の {{num .}} 件に及びます。{{end}}{{end}}` +
			`{{define "pd"}}{{with .List "personal_data"}}個人情報を含むおそれがあります（該当語: {{.}}）。{{end}}` +
			`{{with .List "personal_data_items"}}配下に個人情報を含むとみられるアイテムがあります（{{.}} など）。{{end}}{{end}}`,
		severity: [...]string{model.Info: "情報", model.Low: "低", model.Medium: "中", model.High: "高", model.Critical: "重大"},
		kinds: map[model.Kind]string{
			model.KindFile: "ファイル", model.KindFolder: "フォルダ", model.KindForm: "フォーム",
			model.KindSpreadsheet: "スプレッドシート", model.KindSharedDrive: "共有ドライブ",
			model.KindPage: "ページ", model.KindGroup: "グループ",
		},
		driveRoles: map[string]string{"writer": "投稿者"},
		roles: map[string]string{
			"owner": "オーナー", "organizer": "管理者", "fileOrganizer": "コンテンツ管理者",
			"writer": "編集者", "commenter": "閲覧者（コメント可）", "reader": "閲覧者",
		},
		scopes: map[string]string{
			model.ScopeUser: "ユーザー", model.ScopeSharedDrive: "共有ドライブ", model.ScopeItem: "アイテム",
			model.ScopeForm: "フォーム", model.ScopeAuditLog: "監査ログ", model.ScopeDirectory: "ディレクトリ", model.ScopePage: "ウェブページ",
			model.ScopeGroup: "グループ",
		},
		modes: map[string]string{ModeFull: "全体", ModeIncremental: "差分", ModeProbe: "フォームの確認", ModeScanSite: "サイトの確認"},
		lookalikes: map[string]string{
			checks.ReasonConfusable: "%s と %s の取り違え", checks.ReasonConfusable + "?": "見間違えやすい文字",
			checks.ReasonEditDistance: "1文字違い", checks.ReasonTransposition: "隣り合う文字の入れ替え",
			checks.ReasonDroppedDot: "ドットやハイフンの欠落・入れ替え", checks.ReasonTLDSwap: "ドメイン末尾の違い",
		},
		audiences: map[string]string{
			"anyone": "リンクを知っている全員", "domain": "組織内の全員",
			"users": "回答を許可された人", "": "回答者",
		},
		who: whoText{anyoneWeb: "ウェブ上で一般公開（検索可能）", anyone: "リンクを知っている全員", domain: "%s の全員", group: "グループ %s", unknown: "不明な相手"},
		labels: labels{
			heading: "gwsaudit 監査結果", tenant: "テナント", run: "実行", runID: "ID",
			findings: "検出件数", coverage: "監査範囲", users: "ユーザー", sharedDrives: "共有ドライブ",
			items: "アイテム", formsVerified: "設定確認済みフォーム",
			gapsHeading: "監査できなかった範囲（%d 件）: 未確認のため、検出なしでも安全とは限りません",
			checksRan:   "実行したチェック: %s（ほかのチェックは実行していません）",
			sinceLast:   "新規 %d 件・解消 %d 件",
			gapAccepted: "［%s まで許容：%s］",
			gapAction:   "対応", gapDetails: "", top: "主な検出結果（%d / %d 件）",
			item: "対象", owner: "オーナー", location: "場所", url: "URL", grantee: "共有先", fix: "対処",
			none: "検出はありません。", noneWithGaps: "監査できた範囲では検出はありません。上記の未確認範囲を確認してください。",
			more: "ほか %d 件はレポート本体を参照してください。", moreGaps: "ほか %d 件はレポート本体を参照してください。",
			durationFmt: "%s 〜 %s（%s、%s）",
			hm:          "%d時間%d分", ms: "%d分%d秒", s: "%d秒", paren: "（%s）",
		},
		sheet: sheetText{
			columns: [numSheetColumns]string{
				colSeverity: "重要度", colCheck: "チェックID", colTitle: "検出内容", colItem: "対象",
				colURL: "URL", colOwner: "オーナー", colPrincipal: "共有先", colRole: "権限",
				colLocation: "場所", colPersonalData: "個人情報の可能性", colStatus: "対応状況",
				colRemediation: "対処方法",
				colKind:        "種類", colItemID: "アイテムID", colDescription: "概要",
				colSharedDrive: "共有ドライブ", colFirstSeen: "初回検出日", colAuditDate: "監査日",
				colSevRank: "重要度ランク", colOwnerName: "オーナー名", colOrgUnit: "所属", colAdminNote: "管理者向けメモ",
				colFingerprints: "フィンガープリント",
			},
			describe: struct{ lookalike, revokedBy, revoked, revokedByOnly, reached string }{
				lookalike: "%s に酷似", revokedBy: "%s に %s がフォルダの共有を解除",
				revoked: "%s にフォルダの共有を解除", revokedByOnly: "%s がフォルダの共有を解除",
				reached: "配下の %s 件に及びます",
			},
			findingsSheet: "検出結果", summarySheet: "集計", coverageSheet: "監査範囲",
			bySeverity: "重要度別の露出件数", byCheck: "チェック別の件数", byOwner: "オーナー別の露出件数",
			count: "件数", total: "合計", noOwner: "（オーナー不明）",
			what: "監査対象", audited: "監査済み", ofTotal: "全体",
			gapsHeading: "監査できなかった範囲", noGaps: "監査できなかった範囲はありません。すべての対象を確認しました。",
			scope: "種類", id: "ID", name: "名前", explanation: "監査できなかった理由", details: "", action: "対応",
			formsVerifiedCol: "設定を確認できたフォーム",
			filter:           "絞り込み（ファイル名、アドレスなど）", allSeverities: "すべての重要度", allChecks: "すべてのチェック",
			groupByOwner: "オーナーごとに表示", shown: "%d 件を表示（全 %d 件）",
			message: "説明を表示", open: "開く", generated: "gwsaudit %s で作成",
			noScript: "並べ替えと絞り込みには JavaScript が必要です。下の表にはすべての検出結果が載っています。",
		},
		statuses: map[string]string{"new": "新規", "open": "継続", "suppressed": "許容（除外中）"},
		statusNotes: struct{ suppressed, expired string }{
			suppressed: "許容（%s まで除外: %s）", expired: "%s（除外期限 %s 切れ）"},
		gaps: map[string]gapText{
			model.GapUserSuspended: {Explain: "停止中のユーザーのため、所有ファイルを確認できませんでした。停止中でも、共有済みのファイルは相手から開ける場合があります。",
				Action: "監査の間だけユーザーを再開するか、アカウントを削除する前に管理コンソールの「ユーザー」→「データを移行」でファイルのオーナーを移してください。"},
			model.GapUserWalkFailed: {Explain: "マイドライブを読み取れませんでした。",
				Action: "JSON レポートの reason（または実行ログ）にある Google の応答でアクセスの問題を確かめて解消し、再度監査してください。"},
			model.GapDrivesUnlisted: {Explain: "共有ドライブの一覧を取得できなかったため、共有ドライブは一つも監査できていません。",
				Action: "監査に使う管理者に「ドライブとドキュメント」の管理権限（共有ドライブの管理）を付与してから、再度監査してください。"},
			model.GapDriveMembersUnlisted: {Explain: "共有ドライブのメンバーを取得できませんでした。",
				Action: "監査に使う管理者に「ドライブとドキュメント」の管理権限（共有ドライブの管理）を付与してから、再度監査してください。"},
			model.GapDriveNoMember: {Explain: "組織内の有効なユーザーがメンバーになっていないため、共有ドライブの中身を確認できませんでした。",
				Action: "管理コンソールの「アプリ」→「Google Workspace」→「ドライブとドキュメント」→「共有ドライブの管理」で、組織内のユーザーをメンバーに追加してください。"},
			model.GapDriveWalkFailed: {Explain: "共有ドライブの中身を読み取れませんでした。",
				Action: "JSON レポートの reason（または実行ログ）にある Google の応答でアクセスの問題を確かめて解消し、再度監査してください。"},
			model.GapDriveReadersOnly: {Explain: "共有ドライブのメンバーが閲覧者・閲覧者（コメント可）だけで、ファイルの共有設定を読み取れないため、中身を監査できていません。",
				Action: "管理コンソールの「アプリ」→「Google Workspace」→「ドライブとドキュメント」→「共有ドライブの管理」で、監査に使う管理者または組織内のユーザーをコンテンツ管理者か管理者として追加してから、再度監査してください。"},
			model.GapItemPermissions: {Explain: "アイテムの共有設定を読み取れませんでした。",
				Action: "オーナーがまだアイテムを開けるか確認してから、再度監査してください。"},
			model.GapLinkedSheetUnreadable: {Explain: "フォームの回答用スプレッドシートを読み取れなかったため、その共有設定（FORM-002）を確認できていません。",
				Action: "フォームのオーナーが回答用スプレッドシートを開けるか確認してから、再度監査してください。"},
			model.GapFormAPIRefused: {Explain: "Forms API がフォームの取得を拒否したため、設定を確認できていません。",
				Action: "フォームのオーナーがフォームを編集できるか確認してから、再度監査してください。"},
			model.GapFormNoResponderURI: {Explain: "フォームの回答用リンクがないため、公開ページを確認できませんでした。",
				Action: "フォームを開き、「設定」→「回答」を目視で確認してください。"},
			model.GapFormSignInRequired: {Explain: "回答にログインが必要なフォームのため、「結果の概要を表示する」の設定（FORM-001）を確認できていません。",
				Action: "オーナーとしてフォームを開き、「設定」→「表示設定」→「結果の概要を表示する」を目視で確認してください。"},
			model.GapFormPageUnreadable: {Explain: "フォームの公開ページを読み取れませんでした。",
				Action: "再度監査してください。解消しない場合はフォームの設定を目視で確認してください。"},
			model.GapFormPageNoSettings: {Explain: "フォームの公開ページから設定を読み取れませんでした。",
				Action: "オーナーとしてフォームを開き、「設定」→「表示設定」を目視で確認してください。"},
			model.GapPageSkipped: {Explain: "ウェブページを読み取らなかったため（robots.txt の指定、ページ数の上限、エラーのいずれか）、掲載されたフォームの編集用リンクを確認できていません。"},
			model.GapProbeFailed: {Explain: "指定された URL を読み取れなかったため、確認できていません。",
				Action: "URL が正しいか、ログインなしで開けるかを確認してから、再度実行してください。"},
			model.GapSelfAuditOnly: {Explain: "自分のアカウントによる簡易監査（管理者権限なし）のため、この範囲は監査していません。",
				Action: "組織全体の監査は、管理者に依頼してください。"},
			model.GapGroupSettingsUnreadable: {Explain: "グループの設定を読み取れなかったため、インターネットや組織外への公開（GROUP-001、GROUP-002）を確認できていません。"},
			model.GapAuditLogUnreadable: {Explain: "ドライブの監査ログを読み取れなかったため、フォルダの共有解除後に残ったアクセス（SHARE-007）を確認できていません。",
				Action: "監査に使う管理者に「レポート」の管理権限を付与し、サービス アカウントに admin.reports.audit.readonly のスコープを許可してから、再度監査してください。"},
			model.GapDriveSDKDisabled: {Explain: "ユーザーの組織部門で「ユーザーに Drive SDK API による Google ドライブへのアクセスを許可する」がオフのため、ドライブが API でのアクセスを拒否し、このユーザーのファイルを確認できていません。",
				Action: "管理コンソールの「アプリ」→「Google Workspace」→「ドライブとドキュメント」→「機能とアプリケーション」で、その組織部門の「ユーザーに Drive SDK API による Google ドライブへのアクセスを許可する」を（監査の間だけでも）オンにしてから、再度監査してください。"},
			model.GapDailyQuota: {Explain: "Cloud プロジェクトの API の1日あたりの割り当て（quota）を使い切ったため、この範囲は監査できていません。",
				Action: "割り当てがリセットされる太平洋時間の午前0時（日本時間の午後4時または5時）以降に再度監査するか、Google Cloud コンソールの「API とサービス」→ 該当する API →「割り当て」で上限の引き上げを申請してください。"},
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
				Remediation: `共有が必要な相手か確認してください。不要であれば「共有」→ 該当するアドレス →「アクセス権を削除」を選んでください。`,
				AdminNote:   `{{if not (.Bool "free_mail")}}{{with .GranteeDomain}}{{.}} が業務上の取引先であれば、設定ファイルの取引先ドメイン（partner_domains）に登録してください。組織外との共有としては報告されなくなり、酷似したアドレスの確認は続きます。{{end}}{{end}}`,
			},
			"SHARE-006": {
				Title:       "組織内のアドレスに酷似した宛先と共有",
				Message:     `{{.Kind}}「{{.Name}}」が {{.Who}} と共有されています。{{with .Str "lookalike_of"}}{{.}} に{{else}}組織内のアドレスまたはドメインに{{end}}酷似しており{{with .LookalikeReason}}（{{.}}）{{end}}、宛先の入力誤りによる漏えいのおそれがあります。{{template "pd" .}}`,
				Remediation: `本来の相手に電話などでアドレスを確認してください。誤りであれば「共有」→ 該当するアドレス →「アクセス権を削除」を選び、正しいアドレスで共有し直したうえで、「アクティビティ」で誤った宛先からの閲覧がないか確認してください。`,
			},
			"SHARE-007": {
				Title:       "フォルダの共有解除後もアクセス権が残存",
				Message:     `{{if eq (.Str "folder_kind") "shared_drive"}}共有ドライブ{{else}}フォルダ{{end}}{{with .Str "folder_name"}}「{{.}}」{{else}} {{.Str "folder_id"}} {{end}}{{if .IsAnyone}}のリンク共有がオフにされました{{else}}から {{.Who}} の共有が解除されました{{end}}{{if or (.Time "revoked_at") (.Str "revoked_by")}}（{{.Time "revoked_at"}}{{if and (.Time "revoked_at") (.Str "revoked_by")}}、{{end}}{{with .Str "revoked_by"}}操作者 {{.}}{{end}}）{{end}}。しかし、中の{{.Kind}}「{{.Name}}」には個別の共有が残っており、まだアクセスできます。{{template "pd" .}}`,
				Remediation: `この{{.Kind}}でも「共有」から{{if .IsAnyone}}リンク共有を外し、「一般的なアクセス」を「制限付き」にしてください{{else}}該当する相手を削除してください{{end}}。フォルダの共有を解除しても、中のファイルに個別に設定した共有は残ります。同じフォルダのほかのファイルも確認してください。`,
			},
			"SHARE-008": {
				Title:       "親フォルダより広く共有",
				Message:     `{{.Kind}}「{{.Name}}」は{{.Who}}と共有されていますが（{{.Role}}）、親フォルダ{{with .Str "parent_name"}}「{{.}}」{{else}} {{.Str "parent_id"}} {{end}}には同じ共有がありません。フォルダは非公開に見えても、この{{.Kind}}のリンクは有効なままです。{{template "pd" .}}`,
				Remediation: `この{{.Kind}}で「共有」→「一般的なアクセス」を「制限付き」にするか、該当する共有を削除してください。広く共有するものは、その目的で共有したフォルダに移してください。`,
			},
			"SHARE-009": {
				Title:       "見せてはならない利用者に届く共有",
				Message:     `{{.Kind}}「{{.Name}}」は {{.Str "audience_from"}} のものですが、{{.Who}} が開けます（{{.Role}}）。これは {{.Str "audience_to"}} に届きます{{$v := .Str "audience_via"}}{{if eq $v "user"}}（このアカウントは {{.Str "audience_to"}} です）{{else if eq $v "group"}}{{with .Int "audience_members"}}（グループのメンバーに、入れ子のグループも含めて {{num .}} 人の {{$.Str "audience_to"}} がいます）{{else}}（{{.Str "audience_to"}} のグループです）{{end}}{{else if eq $v "domain"}}（{{.Str "audience_to"}} のドメインです）{{else if eq $v "shared_domain"}}（{{.Str "audience_to"}} は {{.Str "audience_from"}} と同じドメインにいて、組織部門でしか区別されていません）{{end}}。設定の利用者ポリシーでは、{{.Str "audience_from"}} のアイテムを {{.Str "audience_to"}} に見せてはならないことになっています。{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `{{if .IsDomain}}「共有」→「一般的なアクセス」を「制限付き」にし、必要な教職員・グループだけを追加してください{{else}}「共有」から {{.Who}} を削除してください{{end}}{{if .IsSharedDrive}}（共有ドライブでは「メンバーを管理」）{{end}}。{{.Str "audience_to"}} に見せる必要がある部分は、個人情報を除いたコピーを共有してください。`,
			},
			"SHARE-010": {
				Title:       "削除済みアカウントとの共有が残存",
				Message:     `{{.Kind}}「{{.Name}}」は、削除済みのアカウント {{.Who}} との共有（{{.Role}}）が残ったままです。現在は誰もアクセスできませんが、同じアドレスが再び作られると（同じアドレスを新しい職員に割り当てた、ドメインが再取得されたなど）、その人がこのアクセス権を引き継ぎます。{{template "reach" .}}{{template "pd" .}}`,
				Remediation: `この{{.Kind}}の「共有」から {{.Who}} を削除してください。現在そのアドレスを使っている人に共有が必要なら、改めて共有してください。`,
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
				Message:     `フォーム「{{.Name}}」の公開ページから「結果の概要を表示する」の設定を読み取れず、確認できていません（理由は監査範囲の欠落一覧にあります）。問題がないという意味ではありません。`,
				Remediation: `フォームを開き、「設定」→「表示設定」→「結果の概要を表示する」がオフになっていることを確認してください。`,
				AdminNote:   `gwsaudit はこの設定をフォームの公開ページから読み取りますが、このフォームでは読み取れませんでした（理由は監査範囲の欠落一覧にあります）。オーナーが設定を確認するまで、未確認のフォームとして扱ってください。`,
			},
			"GROUP-001": {
				Title:       "グループがインターネット上の誰にでも公開",
				Message:     `{{if or (.Bool "conversations_public") (.Bool "members_public") (.Bool "anyone_can_join")}}グループ「{{.Name}}」（{{.Resource.ID}}）は、{{if .Bool "conversations_public"}}会話をインターネット上の誰でも閲覧でき{{end}}{{if and (.Bool "conversations_public") (.Bool "members_public")}}、{{end}}{{if .Bool "members_public"}}メンバー一覧をインターネット上の誰でも表示でき{{end}}{{if and (or (.Bool "conversations_public") (.Bool "members_public")) (.Bool "anyone_can_join")}}、{{end}}{{if .Bool "anyone_can_join"}}Google アカウントがあれば誰でも参加して過去の会話を読めます{{else}}ます{{end}}。グループに送られたメール（添付ファイルを含む）やメンバーのアドレスが公開されている状態です。{{if .Bool "domain_can_view"}}組織内の全員も閲覧でき、{{.Str "audience_from"}} と同じドメインにいる {{.Str "audience_to"}} も含まれます。{{end}}{{else}}グループ「{{.Name}}」（{{.Resource.ID}}）は {{.Str "audience_from"}} のグループですが、組織内の全員が閲覧できます。{{.Str "audience_to"}} は {{.Str "audience_from"}} と同じドメインにいるため、{{.Str "audience_to"}} も閲覧できます。{{end}}{{with .Int "audience_members"}}メンバーのうち {{num .}} 人が {{$.Str "audience_to"}} です。{{end}}{{template "pd" .}}`,
				Remediation: `Google グループで、対象のグループ →「グループの設定」→「会話を閲覧できるユーザー」と「メンバーを表示できるユーザー」を「グループのメンバー」（または「組織のメンバー」）に、「グループに参加できるユーザー」を「招待されたユーザーのみ」にしてください。そのうえで、グループの過去の会話に含まれていた情報は漏えいした可能性があるものとして扱ってください。`,
				AdminNote:   `グループのオーナーに連絡がつかない場合は、管理コンソールの「ディレクトリ」→「グループ」→ 対象のグループ →「アクセス設定」で同じ設定を変更できます。`,
			},
			"GROUP-002": {
				Title:       "グループが組織外に開放",
				Message:     `グループ「{{.Name}}」（{{.Resource.ID}}）は、{{with .List "external_members"}}組織外のメンバー（{{.}}）がいて、グループ宛てのメールをすべて受け取ります{{end}}{{if and (.List "external_members") (.Bool "anyone_can_post")}}。また、{{end}}{{if .Bool "anyone_can_post"}}誰からでも投稿を受け付けるため、外部からのメールがグループの名前で全メンバーに届きます{{end}}。`,
				Remediation: `Google グループで、対象のグループ →「グループの設定」→「投稿できるユーザー」を「グループのメンバー」（または「組織のメンバー」）にしてください。{{if .List "external_members"}}「メンバー」で不要な組織外のアドレスを削除し、「組織外のメンバーを許可する」をオフにしてください。{{end}}`,
				AdminNote:   `グループのオーナーに連絡がつかない場合は、管理コンソールの「ディレクトリ」→「グループ」→ 対象のグループ →「アクセス設定」で同じ設定を変更できます。`,
			},
		},
	})
}

// probe / scan-site の文言（チェック項目の文言とは分けています）。
func init() {
	verdictCatalogs["ja"] = &verdictText{
		outcomes: map[string]string{
			"summary_published": "危険: 結果の概要が公開されています。回答した人は誰でも、他の人の回答を読めます",
			"summary_off":       "問題なし: 結果の概要は公開されていません",
			"sign_in_wall":      "未確認: 組織のアカウントでログインしないと開けないフォームのため、設定を読み取れませんでした。フォームの「設定」を目視で確認してください",
			"unreadable":        "未確認: フォームのページを読み取れませんでした",
			"edit_sign_in":      "注意: これはフォームの編集用（管理者用）リンクです。ログインを求められますが、編集できる人が開くと全回答が見えます。回答用リンク（…/viewform）を掲載してください",
			"edit_open":         "危険: 編集用（管理者用）リンクがログインなしで開けます。リンクを知っている人は誰でも全回答を読めます",
			"not_form":          "対象外: Google フォームのリンクではありません",
		},
		signIn: "ログイン必須", noSignIn: "ログイン不要", summaryOn: "結果の概要を公開",
		email:    map[int]string{1: "メールアドレスを収集しない", 2: "確認済みのメールアドレスを収集", 3: "回答者がメールアドレスを入力"},
		personal: "個人情報を尋ねる質問: %s", linkedFrom: "掲載ページ: %s", reason: "", paren: "（%s）",
		link: "%s", item: "テナント内のアイテム「%s」", owner: "オーナー %s", checks: "検出: %s",
		notTied: "指定された監査結果に含まれていません", title: "「%s」", linksHeading: "ドライブ・ドキュメントへのリンク（%d 件）:", sep: "、",
	}
}

// オーナー・共有ドライブ・管理者向けメモの文言。
func init() {
	ownerTexts["ja"] = ownerText{drive: "共有ドライブ「%s」", managers: "（管理者: %s）", nameOU: "（%s）", sep: "・", adminNote: "管理者向けメモ", adminNoteIn: "管理者向けメモ：%s",
		unassigned: "（オーナー・所属不明：管理者が対応）",
		index:      [5]string{"区分", "宛先", "ファイル", "件数", "最も高い重要度"},
		kinds:      map[string]string{PartOwner: "オーナー", PartOrgUnit: "所属", PartSharedDrive: "共有ドライブ", PartUnassigned: "割り当てなし"}}
}

package usererr

// Japanese. Flag names, paths, addresses, URLs, commands and Google's own
// answers stay as they are; an English cause left over follows the
// sentence as （詳細：…）.
func init() {
	catalogs["ja"] = &catalog{sep: "：", detail: "（詳細：%s）", messages: map[Key]string{
		PathNotExist:   "%s がありません",
		PathPermission: "%s を読み書きする権限がありません",

		FlagError:            "コマンドラインの指定が正しくありません（詳細：%[1]s）。使えるオプションは `%[2]s --help` で確認してください。",
		FlagValue:            "%s %s",
		FlagOnly:             "%v",
		BadFailOn:            "--fail-on の %q は重要度として認識できません。次のいずれかを指定してください：%s",
		BadFormat:            "--format の %q は指定できません。console か json を指定してください。",
		BadFormatTable:       "--format の %q は指定できません。table か json を指定してください。",
		ConfigParse:          "設定ファイル %s を読み込めません。YAML の書き方を確認してください",
		ConfigUnknownKey:     "設定ファイル %s の %q は設定項目ではありません。削除するか正しい名前に直してください。",
		ConfigUnknownKeyNear: "設定ファイル %s の %q は設定項目ではありません（%s の誤りではありませんか）。削除するか正しい名前に直してください。",
		NoCredentials:        "認証情報が指定されていません。--credentials（サービスアカウントの JSON キー。環境変数 GOOGLE_APPLICATION_CREDENTIALS でも可）、--impersonate（サービスアカウントのアドレス）、--emulator（エミュレータの URL）のいずれかを指定してください（README の「Authentication」の節を参照）。",
		ReportInRequired:     "--in を指定してください。`gwsaudit audit --out run.json` で書き出した JSON レポートを渡します。",
		OpenReport:           "レポートを開けません",
		OpenIn:               "--in のファイルを開けません",
		OpenPath:             "%s を開けません",
		NotAReport:           "%s は gwsaudit のレポートとして読めません",
		NotAReportIn:         "--in の %s は gwsaudit のレポートとして読めません",
		OutNoExtension:       "拡張子がありません。ファイル名を %s のいずれかで終えてください（Google スプレッドシートに書き出すときは sheets:タイトル）。",
		OutUnknownFormat:     "拡張子 %q の形式には書き出せません。ファイル名を %s のいずれかで終えてください（Google スプレッドシートに書き出すときは sheets:タイトル）。",
		OutIsDir:             "フォルダです。ファイル名を指定してください。",

		DirNotExist:  "フォルダ %s がありません（パスに含まれるフォルダは、「..」の前にあるものも含めてすべて存在している必要があります）。",
		NotDirectory: "%s はフォルダではありません。",
		CannotWrite:  "%s にファイルを書き込めません",
		ReportWrite:  "レポート %s を書き込めません",

		ReadFile:       "%sを読み込めません",
		ReadFileAt:     "%s %s を読み込めません",
		NotRegularFile: "%s %s を読み込めません。これは%sで、通常のファイルではありません。%s",
		FileTooLarge:   "%s %s を読み込めません。%d KiB を超えているため%sではありません。%s",
		NotRegular:     "特殊なファイル",

		KindDirectory: "フォルダ",
		KindFIFO:      "名前付きパイプ（FIFO）",
		KindDevice:    "デバイス",
		KindSocket:    "ソケット",

		WhatServiceAccountKey: "サービスアカウントキー",
		WhatOAuthClient:       "OAuth クライアントのファイル",
		WhatTokenCache:        "トークンのキャッシュ",
		WhatConfig:            "設定ファイル",
		WhatWebhookFile:       "Webhook の URL のファイル",
		WhatPasswordFile:      "SMTP パスワードのファイル",
		WhatCAFile:            "CA 証明書のファイル",

		HintCredentialFile: "Google Cloud コンソールからダウンロードした JSON ファイルそのもののパスを指定してください（パイプ、標準入力、フォルダは指定できません）。",
		HintConfigFile:     "YAML の設定ファイルのパスを指定してください（configs/ を参照）。",
		HintWebhookFile:    "Webhook の URL だけを書いたファイルを指定してください。",
		HintPasswordFile:   "パスワードだけを書いたファイルを指定してください。",
		HintCAFile:         "メールサーバーの証明書に署名した CA の PEM ファイルを指定してください。",

		NoAdmin:       "管理者のアカウントが指定されていません。--admin にテナントの特権管理者のアドレスを指定してください。",
		KeyNotJSON:    "サービスアカウントキーが正しい JSON ではありません。IAM → サービスアカウント → キー から新しい JSON キーをダウンロードしてください。",
		KeyWrongType:  "認証情報ファイルの種類が %q です。ドメイン全体の委任を設定したサービスアカウントの JSON キー（種類 \"service_account\"）を指定してください。",
		KeyIncomplete: "サービスアカウントキーに client_email または private_key がありません。新しい JSON キーをダウンロードしてください。",

		AccessRefused: "%[2]s として%[1]sができませんでした（詳細：%[3]s）\n  対処：%[4]s",
		AccessFailed:  "%[2]s として%[1]sができませんでした（詳細：%[3]s）",

		WhatListUsers:      "ユーザー一覧の取得",
		WhatListDomains:    "テナントのドメインの取得",
		WhatAdminClients:   "管理用 API への接続",
		WhatReadYourDrive:  "ご自身のドライブの読み取り",
		WhatListYourDrive:  "ご自身のマイドライブの一覧の取得",
		WhatListSharedDrvs: "共有ドライブの一覧の取得",
		WhatReadAuditLog:   "ドライブの監査ログの読み取り",

		DelegationPage:  "管理コンソール → セキュリティ → アクセスとデータ管理 → API の制御 → ドメイン全体の委任",
		DriveSDKSetting: "管理コンソール → アプリ → Google Workspace → ドライブとドキュメント → 機能とアプリケーション →「ユーザーに Drive SDK API を使用した Google ドライブへのアクセスを許可する」",
		AnyClientID:     "（サービスアカウントのクライアント ID）",
		AnyAccount:      "そのサービスアカウント",

		HintGrant:         "%s で、クライアント ID %s に次のスコープ（カンマ区切り）を追加してください：\n    %s",
		HintNoDelegation:  "ドメイン全体の委任が設定されていないか、スコープが足りません。%s",
		HintNotAccepted:   "認証情報が受け付けられませんでした。--credentials / --impersonate（または GOOGLE_APPLICATION_CREDENTIALS）と、ドメイン全体の委任の設定を確認してください。%s",
		HintLacksScope:    "トークンにスコープが足りません。%s",
		HintAdminRole:     "%s には、ユーザー（読み取り）、グループ（読み取り）、ドメインの設定、レポートの権限を持つ管理者ロールが必要です（管理コンソール → アカウント → 管理者ロール）。--admin には特権管理者を指定してください。",
		HintInvalidGrant:  "%s が存在し停止されていないこと、キーが無効化・削除されていないこと（IAM → サービスアカウント → キー）、このコンピュータの時計が正しいことを確認してください。",
		HintInvalidClient: "サービスアカウントまたはそのキーがもうありません。新しい JSON キーを作成してください。",
		HintEmulatorAuth:  "エミュレータが %s を受け付けませんでした。--admin にエミュレートしているテナントの有効なユーザーを指定しているか確認してください。",
		HintNoEmulator:    "%[1]s://%[2]s でエミュレータが動いていません。`gwsaudit emulator serve --tenant FILE --listen %[3]s` で起動するか（組み込みのサンプルなら `gwsaudit audit --demo`）、--emulator の指定を直してください。",
		HintNoNetwork:     "%s に接続できません。ネットワーク、プロキシ（HTTPS_PROXY）、ファイアウォールを確認してください。",
		HintDailyQuota:    "この API の 1 日あたりの割り当てを Cloud プロジェクトで使い切りました。太平洋時間の午前 0 時（割り当てが戻る時刻）を過ぎてから監査をやり直すか、Google Cloud コンソール → API とサービス → 対象の API → 割り当て で増量を申請してください。",
		HintDriveSDK:      "ドライブが %s としての API アクセスを拒否しました。そのユーザーの組織部門で %s をオンにして（少なくとも監査の間）、監査をやり直してください。",
		HintEnableAPIs:    "サービスアカウントの Cloud プロジェクトで Admin SDK、Drive、Forms、Reports の各 API を有効にしてください（API とサービス → ライブラリ）。",
		HintEnableService: "認証情報の Cloud プロジェクトで %s を有効にし（Google Cloud コンソール → API とサービス → ライブラリ）、数分待ってからやり直してください。",
		HintImpersonation: "アプリケーションのデフォルト認証情報（`gcloud auth application-default login`）のアカウントは %[1]s として署名できない可能性があります。そのサービスアカウントでロール roles/iam.serviceAccountTokenCreator を付与し（IAM → サービスアカウント → %[1]s → 権限）、そのプロジェクトで IAM Service Account Credentials API を有効にしてください。",
	}}
}

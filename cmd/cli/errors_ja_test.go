package cli_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/internal/jatext"
)

// quotedDetail is what a Japanese error may keep in English: the cause
// Google or the system gave, after 詳細：, and commands in backquotes.
var quotedDetail = regexp.MustCompile("（詳細：[^）]*）|`[^`]*`")

// errorCase is a command line that fails, the Japanese sentence it must
// print with --lang ja and the English it prints with --lang en
// (unchanged by the translation).
type errorCase struct {
	name   string
	args   []string
	ja, en string
}

// TestErrorsInJapanese: with --lang ja, the errors a Japanese user meets
// first are Japanese, with no run of English words outside Google's or
// the system's quoted detail, commands, flags, names, paths and URLs; the
// same command lines with --lang en print the English they always did.
func TestErrorsInJapanese(t *testing.T) {
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", "")
	t.Setenv("GWSAUDIT_CREDENTIALS", "")
	t.Setenv("GWSAUDIT_LANG", "")
	t.Setenv("GWSAUDIT_NOTIFY_WEBHOOK", "")
	t.Setenv("GWSAUDIT_SMTP_PASSWORD", "")
	dir := t.TempDir()
	tn, err := emulator.Load(filepath.Join("..", "..", "testdata", "tenants", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	base := srv.BaseURL()
	admin := catalogAdmin(t)
	dead := httptest.NewServer(nil)
	deadURL := dead.URL
	dead.Close()

	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	notKey := write("user.json", `{"type":"authorized_user","client_id":"x"}`)
	notJSON := write("broken.json", `{"type":`)
	notReport := write("notes.json", `{"hello": 1}`)
	badYAML := write("bad.yaml", "fail_on: [high\n")
	notifyCfg := write("notify.yaml", "notify:\n  from: \"情報政策課 <security@city.example.jp>\"\n")
	scopeKey := filepath.Join(dir, "drive-only.json")
	if err := cli.WriteEmulatorKey(srv, scopeKey, []string{"https://www.googleapis.com/auth/drive.readonly"}); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	zeroCfg := write("zero.yaml", "concurrency: 0\n")
	noSender := write("nosender.yaml", "lang: ja\n")
	langEntry := write("n-lang.yaml", "notify:\n  from: a@city.example.jp\n  languages:\n    - {match: intl.city.example.jp}\n")
	ouPath := write("n-ou.yaml", "notify:\n  from: a@city.example.jp\n  org_unit_contacts:\n    - {org_unit: 教職員, contact: c@city.example.jp}\n")
	replyTo := write("n-reply.yaml", "notify:\n  from: a@city.example.jp\n  reply_to: \"山田 <y@city.example.jp>\"\n")
	noPassword := write("n-pw.yaml", "notify:\n  from: a@city.example.jp\n  smtp:\n    host: mail.city.example.jp\n    username: audit\n")
	plan := filepath.Join(dir, "plan.json")
	emptyAud := write("aud-empty.yaml", "audiences:\n  staff:\n    org_units: []\n")
	badOU := write("aud-ou.yaml", "audiences:\n  staff:\n    org_units: [教職員]\n")
	undeclared := write("aud-rule.yaml", "audiences:\n  staff:\n    domains: [city.example.jp]\naudience_rules:\n  never:\n    - {from: staff, to: pupils}\n")
	secret := write("secret.yaml", "notify:\n  smtp:\n    host: mail.example.jp\n    password: hunter2\n")
	emptyHook := write("hook-empty", "\n")
	httpHook := write("hook-http", "http://chat.example.jp/v1/spaces/X/messages?key=SECRET\n")
	audit := []string{"audit", "--emulator", base, "--admin", admin, "--no-store"}
	noHistory := filepath.Join(dir, "plain-run.json")
	if code, _, stderr := run(t, append(audit, "--out", noHistory, "--log-level", "error")...); code == cli.ExitFailed {
		t.Fatalf("audit for a report without history: %s", stderr)
	}
	var plainRun map[string]any
	if data, err := os.ReadFile(noHistory); err != nil || json.Unmarshal(data, &plainRun) != nil {
		t.Fatalf("read %s: %v", noHistory, err)
	}
	delete(plainRun["run"].(map[string]any), "tenant")
	noTenant, err := json.Marshal(plainRun)
	if err != nil {
		t.Fatal(err)
	}
	noTenantRun := write("no-tenant.json", string(noTenant))
	histDB := filepath.Join(dir, "history.db")
	if code, _, stderr := run(t, "audit", "--emulator", base, "--admin", admin, "--store", histDB, "--log-level", "error"); code == cli.ExitFailed {
		t.Fatalf("audit for a run history: %s", stderr)
	}
	noStoreCfg := write("nostore.yaml", "no_store: true\n")
	handPlan := func(name, tenant string, created time.Time) string {
		return write(name, fmt.Sprintf(`{"schema":"gwsaudit.fix-plan/v1","created_at":%q,"tenant":{"primary_domain":%q},
"source_run":{"id":"x","finished_at":%q},"actions":[],"notices":[]}`, created.Format(time.RFC3339), tenant, created.Format(time.RFC3339)))
	}
	otherPlan := handPlan("plan-other.json", "city.example.jp", time.Now())
	oldPlan := handPlan("plan-old.json", "town.momiji.example.jp", time.Now().Add(-9*24*time.Hour))
	futurePlan := handPlan("plan-future.json", "town.momiji.example.jp", time.Now().Add(48*time.Hour))
	freshPlan := handPlan("plan-fresh.json", "town.momiji.example.jp", time.Now())
	otherJournal := write("other.journal", `{"seq":1,"at":"2026-12-07T09:00:00Z","op":"begin","schema":"gwsaudit.fix-journal/v1","plan_sha256":"ab","tenant":"town.momiji.example.jp"}`+"\n")
	notJournal := write("notes.journal", `{"hello": 1}`+"\n")
	badSuppress := write("suppress.yaml", "rules:\n  - check: SHARE-001\n")
	apply := func(plan, journal string) []string {
		return []string{"fix", "apply", "--plan", plan, "--journal", journal, "--yes", "--emulator", base, "--admin", admin, "--log-level", "error"}
	}

	cases := []errorCase{
		{"unknown flag", []string{"audit", "--bogus"},
			"コマンドラインの指定が正しくありません", "unknown flag: --bogus"},
		{"no --admin", []string{"audit", "--emulator", base, "--no-store"},
			"管理者のアカウントが指定されていません。--admin に", "no admin account: pass --admin"},
		{"bad --fail-on", append(audit, "--fail-on", "huge"),
			`--fail-on の "huge" は重要度として認識できません`, `--fail-on: unknown severity "huge" (want one of info, low, medium, high, critical)`},
		{"unknown --format", append(audit, "--format", "xml"),
			`--format の "xml" は指定できません`, `--format "xml": want console or json`},
		{"config not found", append(audit, "--config", filepath.Join(dir, "none.yaml")),
			"設定ファイルを読み込めません：" + filepath.Join(dir, "none.yaml") + " がありません", "read config: stat "},
		{"config not YAML", append(audit, "--config", badYAML),
			"設定ファイル " + badYAML + " を読み込めません", "read config " + badYAML + ": "},
		{"no credentials", []string{"audit", "--admin", admin, "--no-store"},
			"認証情報が指定されていません", "no credentials: pass --credentials KEY.json"},
		{"key not found", []string{"audit", "--admin", admin, "--no-store", "--credentials", missing},
			"サービスアカウントキーを読み込めません：" + missing + " がありません", "--credentials " + missing + ": read service account key: stat "},
		{"key is a directory", []string{"audit", "--admin", admin, "--no-store", "--credentials", dir},
			"これはフォルダで、通常のファイルではありません", "it is a directory, not a regular file"},
		{"key of another type", []string{"audit", "--admin", admin, "--no-store", "--credentials", notKey},
			`認証情報ファイルの種類が "authorized_user" です`, `credentials file has type "authorized_user", want "service_account"`},
		{"key not JSON", []string{"audit", "--admin", admin, "--no-store", "--credentials", notJSON},
			"サービスアカウントキーが正しい JSON ではありません", "service account key is not valid JSON"},
		{"no emulator", []string{"audit", "--emulator", deadURL, "--admin", admin, "--no-store"},
			"でエミュレータが動いていません。", "no emulator is running at " + deadURL},
		{"delegation lacks scopes", append(audit, "--credentials", scopeKey),
			"ドメイン全体の委任が設定されていないか、スコープが足りません。管理コンソール → セキュリティ → アクセスとデータ管理 → API の制御 → ドメイン全体の委任 で、クライアント ID",
			"domain-wide delegation is missing or lacks a scope: in Admin console → Security → Access and data control → API controls → Domain-wide delegation, add client ID"},
		{"report without --in", []string{"report"},
			"--in を指定してください", "--in is required"},
		{"report --in missing", []string{"report", "--in", missing},
			"レポートを開けません：" + missing + " がありません", "open report: open " + missing + ": no such file or directory"},
		{"report --in not a report", []string{"report", "--in", notReport},
			notReport + " は gwsaudit のレポートとして読めません（詳細：", notReport + ": "},
		{"fix plan --in missing", []string{"fix", "plan", "--in", missing, "--out", filepath.Join(dir, "plan.json")},
			"--in のファイルを開けません：" + missing + " がありません", "--in: open " + missing},
		{"notify --in missing", []string{"notify", "--config", notifyCfg, "--in", missing, "--dry-run", filepath.Join(dir, "mail")},
			missing + " を開けません：" + missing + " がありません", "open " + missing + ": open " + missing},
		{"--out in a missing folder", append(audit, "--out", filepath.Join(dir, "nodir", "r.json")),
			"フォルダ " + filepath.Join(dir, "nodir") + "/ がありません", "directory " + filepath.Join(dir, "nodir") + "/ does not exist"},
		{"--out unknown format", append(audit, "--out", filepath.Join(dir, "r.txt")),
			`拡張子 ".txt" の形式には書き出せません`, `unknown format ".txt": name the file with one of`},
		{"--out under a file", append(audit, "--out", filepath.Join(notReport, "r.json")),
			notReport + "/ はフォルダではありません", notReport + "/ is not a directory"},
		{"unknown check", append(audit, "--checks", "SHARE-01"),
			`--checks："SHARE-01" というチェックはありません（SHARE-001 の誤りではありませんか）`, `--checks: no check "SHARE-01" (did you mean SHARE-001?)`},
		{"--resume without --checkpoint", append(audit, "--resume"),
			"--resume には --checkpoint", "--resume needs --checkpoint FILE"},
		{"--only-new without a store", append(audit, "--only-new"),
			"--only-new には実行履歴が必要です", "--only-new needs a run history"},
		{"--group-by without --out-per-owner", append(audit, "--group-by", "ou"),
			"--group-by には --out-per-owner", "--group-by needs --out-per-owner DIR"},
		{"bad --per-owner-format", append(audit, "--out-per-owner", filepath.Join(dir, "owners"), "--per-owner-format", "pdf"),
			`--per-owner-format の "pdf" は指定できません`, `--per-owner-format "pdf": want csv, xlsx or both`},
		{"bad --log-level", append(audit, "--log-level", "loud"),
			"--log-level の値が正しくありません", "--log-level: "},
		{"bad --log-format", append(audit, "--log-format", "xml"),
			`--log-format の "xml" は指定できません`, `--log-format "xml": want json, console or auto`},
		{"--concurrency 0", append(audit, "--concurrency", "0"),
			"--concurrency 0：0 より大きい値を指定してください", "--concurrency 0: it must be above zero"},
		{"config value 0", append(audit, "--config", zeroCfg),
			"設定 " + zeroCfg + "：concurrency が 0 です。0 より大きい値", "config " + zeroCfg + ": concurrency is 0: it must be above zero"},
		{"empty webhook file", []string{"audit", "--emulator", base, "--admin", admin, "--store", filepath.Join(dir, "h.db"), "--notify-webhook-file", emptyHook},
			"--notify-webhook-file の " + emptyHook + " が空です", "--notify-webhook-file " + emptyHook + " is empty"},
		{"webhook not https", []string{"audit", "--emulator", base, "--admin", admin, "--store", filepath.Join(dir, "h.db"), "--notify-webhook-file", httpHook},
			"Webhook の URL は https にしてください（指定された URL：http://chat.example.jp/…）", "the webhook URL must use https (got http://chat.example.jp/…)"},
		{"fix plan without --in", []string{"fix", "plan"},
			"`gwsaudit fix plan` には --in", "fix plan needs --in RUN.json"},
		{"notify without --in or --plan", []string{"notify", "--config", notifyCfg, "--dry-run", filepath.Join(dir, "mail")},
			"--in（監査の JSON レポート）か --plan（修正計画）のどちらか一方だけ", "give exactly one of --in run.json"},
		{"notify --via fax", []string{"notify", "--config", notifyCfg, "--in", missing, "--via", "fax"},
			`--via の "fax" は指定できません`, `--via "fax": want smtp or gmail`},
		{"audience with no one", append(audit, "--config", emptyAud),
			"audiences.staff に org_units、domains、groups のどれもありません", "audiences.staff names no org_units, domains or groups"},
		{"audience org unit not a path", append(audit, "--config", badOU),
			`audiences.staff.org_units の "教職員" は組織部門のパスではありません`, `audiences.staff.org_units: "教職員" is not an org unit path`},
		{"rule naming an undeclared audience", append(audit, "--config", undeclared),
			`audience_rules.never[0]："pupils" は audiences に定義されていません（定義済み：staff）`, `audience_rules.never[0]: audience "pupils" is not declared under audiences (declared: staff)`},
		{"secret in the config", append(audit, "--config", secret),
			`の "notify.smtp.password"：秘密の情報は設定ファイルに書かないでください`, `"notify.smtp.password": secrets do not go in the config file`},
		{"keyword file missing", append(audit, "--keywords-file", missing),
			"キーワードのファイルを開けません：" + missing + " がありません", "keyword file: open " + missing},
		{"sheets without a user", []string{"audit", "--emulator", base, "--no-store", "--out", "sheets:監査"},
			"--out に sheets: を指定したときは", "--out sheets: needs --sheets-as EMAIL (or --admin)"},
		{"report --only-new without history", []string{"report", "--in", noHistory, "--only-new"},
			"--only-new：" + noHistory + " には実行履歴がありません", "--only-new: " + noHistory + " has no run history"},
		{"notify.languages entry without lang", []string{"notify", "--config", langEntry, "--in", missing, "--dry-run", filepath.Join(dir, "mail")},
			"notify.languages の各項目には match", "config: each notify.languages entry needs match"},
		{"notify org unit not a path", []string{"notify", "--config", ouPath, "--in", missing, "--dry-run", filepath.Join(dir, "mail")},
			`org_unit の "教職員" は / で始まるパス`, `org_unit "教職員" must be a path starting with /`},
		{"notify reply_to with a name", []string{"notify", "--config", replyTo, "--in", missing, "--dry-run", filepath.Join(dir, "mail")},
			`notify.reply_to の "山田 <y@city.example.jp>" は、名前を付けないメールアドレスだけで`, `config: notify.reply_to "山田 <y@city.example.jp>" is not a plain e-mail address`},
		{"SMTP without a password", []string{"notify", "--config", noPassword, "--in", noHistory, "--via", "smtp"},
			"notify.smtp.username があるのにパスワードがありません。環境変数 GWSAUDIT_SMTP_PASSWORD", "notify.smtp.username is set but no password"},
		{"fix apply without --plan", []string{"fix", "apply", "--journal", filepath.Join(dir, "fix.journal")},
			"`gwsaudit fix apply` には --plan", "fix apply needs --plan PLAN.json"},
		{"fix undo without --journal", []string{"fix", "undo"},
			"`gwsaudit fix undo` には --journal", "fix undo needs --journal FILE"},
		{"bad --max-plan-age", []string{"fix", "apply", "--plan", plan, "--journal", filepath.Join(dir, "fix.journal"), "--max-plan-age", "1w"},
			`--max-plan-age の "1w" は指定できません`, `--max-plan-age "1w": want days such as 7d`},
		{"notify without a sender", []string{"notify", "--config", noSender, "--in", missing, "--dry-run", filepath.Join(dir, "mail")},
			"設定ファイルに notify.from がありません", "config: notify.from is not set"},
		{"history store missing", []string{"history", "--store", missing},
			"実行履歴 " + missing + " がありません。", "store " + missing + " does not exist: name the store an audit wrote"},
		{"history store a directory", []string{"history", "--store", dir},
			"実行履歴 " + dir + " はフォルダです。", "store " + dir + " is a directory"},
		{"history store not a store", []string{"history", "--store", notReport},
			notReport + " は gwsaudit の実行履歴として読めません", "store " + notReport + " cannot be read as a gwsaudit run history"},
		{"history config without a store", []string{"history", "--config", noStoreCfg},
			"設定 " + noStoreCfg + " は no_store を指定しているため", "config " + noStoreCfg + " sets no_store"},
		{"history bad --by", []string{"history", "--store", histDB, "--by", "owner"},
			`--by の "owner" は指定できません`, `--by "owner": want exposures or findings`},
		{"history bad --format", []string{"history", "--store", histDB, "--format", "csv"},
			`--format の "csv" は指定できません`, `--format "csv": want table or json`},
		{"diff unknown run", []string{"diff", "--store", histDB, "nope", "latest"},
			`実行履歴に "nope" という実行はありません。`, `no run "nope" in the history`},
		{"diff no previous run", []string{"diff", "--store", histDB, "previous", "latest"},
			"previous に当たる実行がありません。実行履歴には 1 件しか", "no previous run: the history holds 1 run(s)"},
		{"diff bad --format", []string{"diff", "--store", histDB, "latest", "latest", "--format", "csv"},
			`--format の "csv" は指定できません`, `--format "csv": want table or json`},
		{"diff store missing", []string{"diff", "--store", missing, "previous", "latest"},
			"実行履歴 " + missing + " がありません。", "store " + missing + " does not exist"},
		{"fix plan --suppressions missing", []string{"fix", "plan", "--in", noHistory, "--out", filepath.Join(dir, "p.json"), "--suppressions", missing},
			"--suppressions の許容リストのファイルを読み込めません：" + missing + " がありません", "--suppressions: cannot read the suppression file: "},
		{"fix plan --suppressions invalid", []string{"fix", "plan", "--in", noHistory, "--out", filepath.Join(dir, "p.json"), "--suppressions", badSuppress},
			"--suppressions の " + badSuppress + " は許容リストのファイルとして正しくありません", "--suppressions " + badSuppress + " is not a valid suppression file"},
		{"fix apply --journal in a missing folder", apply(freshPlan, filepath.Join(dir, "nodir", "fix.journal")),
			"--journal の " + filepath.Join(dir, "nodir", "fix.journal") + " を開くことも作ることもできません", "--journal " + filepath.Join(dir, "nodir", "fix.journal") + ": cannot open or create the journal"},
		{"fix apply --journal not a journal", apply(freshPlan, notJournal),
			"--journal の " + notJournal + " は `gwsaudit fix apply` が書いた記録ではありません", "--journal " + notJournal + " is not a journal gwsaudit fix apply wrote"},
		{"fix apply journal of another plan", apply(freshPlan, otherJournal),
			"この記録は別の修正計画のものです", "the journal belongs to another plan"},
		{"fix apply plan of another tenant", apply(otherPlan, filepath.Join(dir, "a.journal")),
			"この修正計画は city.example.jp 向けに作られましたが、この認証情報で接続できるのは town.momiji.example.jp です", "the plan was made for city.example.jp, but these credentials reach town.momiji.example.jp"},
		{"fix apply plan too old", apply(oldPlan, filepath.Join(dir, "a.journal")),
			"計画が作られたのは 216 時間前", "the plan was made 216 hours ago"},
		{"fix apply plan from the future", apply(futurePlan, filepath.Join(dir, "a.journal")),
			"計画の作成日時（created_at）", "is in the future: check the clock"},
		{"fix undo --journal missing", []string{"fix", "undo", "--journal", missing},
			"--journal " + missing + "：" + missing + " がありません", "--journal " + missing + ": stat "},
		{"fix undo empty journal", []string{"fix", "undo", "--journal", write("empty.journal", ""), "--yes", "--emulator", base, "--admin", admin, "--log-level", "error"},
			"記録が空です。何も適用されていません。", "the journal is empty: nothing was applied"},
		{"fix undo unknown action", []string{"fix", "undo", "--journal", otherJournal, "--action", "9", "--yes", "--emulator", base, "--admin", admin, "--log-level", "error"},
			"記録には、操作 9 で削除したものがありません", "the journal records no removal for action 9"},
		{"fix plan from a report without a tenant", []string{"fix", "plan", "--in", noTenantRun, "--out", filepath.Join(dir, "p.json")},
			"レポートにテナントが記録されていません", "fix plan: the report names no tenant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, ja := run(t, append(c.args, "--lang", "ja")...)
			if code != cli.ExitFailed || !strings.Contains(ja, c.ja) || !strings.HasPrefix(ja, "gwsaudit：") {
				t.Errorf("ja: exit %d, want 2 and %q:\n%s", code, c.ja, ja)
			}
			if runs := jatext.EnglishRuns(quotedDetail.ReplaceAllString(ja, "■"), []string{dir, base, deadURL, admin}); len(runs) > 0 {
				t.Errorf("ja: English outside the quoted detail: %q\n%s", runs, ja)
			}
			code, _, en := run(t, append(c.args, "--lang", "en")...)
			if code != cli.ExitFailed || !strings.Contains(en, c.en) || !strings.HasPrefix(en, "gwsaudit: ") {
				t.Errorf("en: exit %d, want 2 and %q:\n%s", code, c.en, en)
			}
			if strings.ContainsFunc(regexp.MustCompile(`"[^"]*"|\([^)]*\)`).ReplaceAllString(en, ""), isJapanese) { // an example may be quoted
				t.Errorf("en: Japanese in the English error:\n%s", en)
			}
		})
	}
}

// TestErrorLanguageFromConfig: without --lang, the config file's lang
// says the language of its own errors; --lang en wins over it.
func TestErrorLanguageFromConfig(t *testing.T) {
	t.Setenv("GWSAUDIT_LANG", "")
	cfg := filepath.Join(t.TempDir(), "city.yaml")
	if err := os.WriteFile(cfg, []byte("lang: ja\nfail_onn: high\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "audit", "--config", cfg, "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--no-store")
	want := `設定ファイル ` + cfg + ` の "fail_onn" は設定項目ではありません（fail_on の誤りではありませんか）`
	if code != cli.ExitFailed || !strings.Contains(stderr, want) {
		t.Errorf("config lang ja: exit %d, want %q:\n%s", code, want, stderr)
	}
	code, _, stderr = run(t, "audit", "--config", cfg, "--lang", "en", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--no-store")
	if code != cli.ExitFailed || !strings.Contains(stderr, `unknown key "fail_onn" (did you mean fail_on?); remove or correct it`) {
		t.Errorf("--lang en over config lang ja: exit %d:\n%s", code, stderr)
	}
}

func isJapanese(r rune) bool {
	return r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff || r >= 0xff00 && r <= 0xffef
}

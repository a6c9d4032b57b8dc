package usererr

// The messages, each its English text. A key ending in a phrase (no verb)
// is an argument of another. Grouped by where they are raised.

// System errors on a path, said in a language other than English (the
// English is the system's own text).
const (
	PathNotExist   Key = "%s does not exist"
	PathPermission Key = "%s: permission denied"
)

// Command line and settings (cmd/cli).
const (
	// FlagError wraps cobra's and pflag's own text (%[1]s) for the
	// command %[2]s.
	FlagError Key = "%[1]s"
	// FlagValue: a flag (%s) and its value (%s) that the cause is about.
	FlagValue Key = "%s %s"
	// FlagOnly: a flag the cause is about (%v: a key apart from
	// NotAReport's "%s", which says something else in Japanese).
	FlagOnly             Key = "%v"
	BadFailOn            Key = "--fail-on: unknown severity %q (want one of %s)"
	BadFormat            Key = "--format %q: want console or json"
	BadFormatTable       Key = "--format %q: want table or json"
	ConfigParse          Key = "read config %s"
	ConfigUnknownKey     Key = "config %s: unknown key %q; remove or correct it"
	ConfigUnknownKeyNear Key = "config %s: unknown key %q (did you mean %s?); remove or correct it"
	NoCredentials        Key = "no credentials: pass --credentials KEY.json (or set GOOGLE_APPLICATION_CREDENTIALS), --impersonate SA_EMAIL, or --emulator URL; see README → Authentication"
	ReportInRequired     Key = "--in is required: a JSON report written by gwsaudit audit --out run.json"
	OpenReport           Key = "open report"
	OpenIn               Key = "--in"
	OpenPath             Key = "open %s"
	// NotAReport prefixes why the file %s is not a report or plan.
	NotAReport       Key = "%s"
	NotAReportIn     Key = "--in %s"
	OutNoExtension   Key = "no extension: name the file with one of %s (or write sheets:TITLE for Google Sheets)"
	OutUnknownFormat Key = "unknown format %q: name the file with one of %s (or write sheets:TITLE for Google Sheets)"
	OutIsDir         Key = "is a directory"

	// ConfigIn: where settings came from (a file, or FlagsAndEnv).
	ConfigIn              Key = "config %s"
	FlagsAndEnv           Key = "(flags and environment)"
	NotPositiveSetting    Key = "%s is %v: it must be above zero (leave it out for the default)"
	NotPositiveFlag       Key = "--%s %s: it must be above zero"
	AttemptTimeoutShort   Key = "attempt_timeout %v is too short: write a duration with its unit, such as 60s or 2m"
	ResumeNeedsCheckpoint Key = "--resume needs --checkpoint FILE: the file the interrupted run saved its progress to"
	OnlyNewNeedsStore     Key = "--only-new needs a run history (new means not in the previous recorded run): pass --store PATH"
	UnknownCheck          Key = "%s: no check %q; `gwsaudit checks` lists them"
	UnknownCheckNear      Key = "%s: no check %q (did you mean %s?); `gwsaudit checks` lists them"
	FixPlanNeedsInOut     Key = "fix plan needs --in RUN.json (a JSON report of gwsaudit audit) and --out PLAN.json"
	BadPerOwnerFormat     Key = "--per-owner-format %q: want csv, xlsx or both (csv,xlsx)"
	BadGroupBy            Key = "--group-by %q: want owner (a file per owner) or ou (a file per org unit)"
	GroupByNeedsDir       Key = "--group-by needs --out-per-owner DIR: the directory the per-owner files go to"
	BadLogLevel           Key = "--log-level"
	BadLogFormat          Key = "--log-format %q: want json, console or auto"
	NotifyInOrPlan        Key = "give exactly one of --in run.json (an audit's JSON report) or --plan plan.json (a fix plan)"
	BadVia                Key = "--via %q: want smtp or gmail (or --dry-run DIR to write the messages as files)"
	NotifyFromUnset       Key = "config: notify.from is not set: the sender messages name, such as \"情報政策課 <security@city.example.jp>\""
	KeywordFile           Key = "keyword file"
	KeywordFileAt         Key = "keyword file %s"
	AudienceEmpty         Key = "audiences.%s names no org_units, domains or groups: say who is in it"
	AudienceBadOU         Key = "audiences.%s.org_units: %q is not an org unit path: write it as in the Admin console, from the top (/教職員), and end it with /** for the units below it too (/教職員/**)"
	AudienceBadGroup      Key = "audiences.%s.groups: %q is not a group address (name@domain)"
	AudienceUndeclared    Key = "audience_rules.never[%d]: audience %q is not declared under audiences (declared: %s)"
	AudienceSelf          Key = "audience_rules.never[%d]: from and to are both %q"
	ConfigSecret          Key = "config %s: %q: secrets do not go in the config file: give the SMTP password in an environment variable (notify.smtp.password_env, default %s) or a file (notify.smtp.password_file), the webhook URL in GWSAUDIT_NOTIFY_WEBHOOK or a file (--notify-webhook-file)"
	SheetsNeedsUser       Key = "--out sheets: needs --sheets-as EMAIL (or --admin): the user whose Drive gets the spreadsheet"
	OnlyNewNoHistory      Key = "--only-new: %s has no run history (it was written without --store), so nothing in it is known to be new"
	NotifyFromBad         Key = "config: notify.from %q"
	NotifyLanguageEntry   Key = "config: each notify.languages entry needs match (an address or domain) and lang"
	NotifyOUPath          Key = "config: notify.org_unit_contacts: org_unit %q must be a path starting with / (as the Admin console shows it)"
	BadAddress            Key = "config: %s %q is not a plain e-mail address"
	OUContactOf           Key = "notify.org_unit_contacts contact of %s"
	SMTPPerMinute         Key = "config: notify.smtp.per_minute is %d: give a positive number of messages a minute, or leave it out for no cap"
	CAFileRead            Key = "config: notify.smtp.ca_file"
	CAFileNoPEM           Key = "config: notify.smtp.ca_file %s holds no PEM certificate"
	PasswordFileRead      Key = "config: notify.smtp.password_file"
	PasswordFileEmpty     Key = "config: notify.smtp.password_file %s is empty"
	SMTPNoPassword        Key = "notify.smtp.username is set but no password: set the environment variable %s, or notify.smtp.password_file (never put the password in the config file)"
	FixApplyNeeds         Key = "fix apply needs --plan PLAN.json (from gwsaudit fix plan) and --journal FILE (where each change is recorded)"
	FixUndoNeeds          Key = "fix undo needs --journal FILE (the journal fix apply wrote)"
	NotConfirmed          Key = "nothing changed: not confirmed"
	FixFailed             Key = "%d of the plan's changes failed (see above): fix the cause and rerun the same command to retry them"
	UndoFailed            Key = "%d restores failed (see above): fix the cause and rerun the same command to retry them"
	JournalOtherTenant    Key = "--journal %s records changes to %s, but these credentials reach %s: undo with the credentials of that tenant"
	FixNoOAuth            Key = "fix apply and undo act as each item's owner through domain-wide delegation: --oauth-client is not supported"
	BadMaxPlanAge         Key = "--max-plan-age %q: want days such as 7d, or a duration such as 36h"
	CheckTenant           Key = "check the tenant"
	WebhookFileEmpty      Key = "--notify-webhook-file %s is empty"
	WebhookNeedsStore     Key = "a webhook notice (%s) needs a run history to tell what is new: pass --store PATH (or drop --no-store)"
	WebhookNotURL         Key = "the webhook URL is not a URL (want https://chat.googleapis.com/… or https://hooks.slack.com/…)"
	WebhookNotHTTPS       Key = "the webhook URL must use https (got %s://%s/…)"
	SMTPHostUnset         Key = "config: notify.smtp.host is not set (the mail server for --via smtp)"
)

// Run history (history, diff; store).
const (
	StoreMissing       Key = "store %s does not exist: name the store an audit wrote (--store PATH, GWSAUDIT_STORE or the config's store), or record one with `gwsaudit audit --store PATH` first"
	StoreUnreadable    Key = "store %s cannot be opened"
	StoreIsDir         Key = "store %s is a directory: name the database file (--store PATH)"
	StoreNotAStore     Key = "store %s cannot be read as a gwsaudit run history (the database gwsaudit audit --store writes)"
	StoreConfigNoStore Key = "config %s sets no_store: its audits keep no history (pass --store PATH)"
	NoSuchRun          Key = "no run %q in the history: name one by its ID as `gwsaudit history` lists it, or latest / previous"
	TooFewRuns         Key = "no %s run: the history holds %d run(s)"
	RunAmbiguous       Key = "%q matches more than one run: give more of its ID (see `gwsaudit history`)"
	DiffOtherTenants   Key = "runs %s (tenant %s) and %s (tenant %s) audited different tenants: their findings cannot be compared"
	BadBy              Key = "--by %q: want exposures or findings"
)

// Fixes (fix plan, apply, undo; remediate).
const (
	SuppressionsOpen    Key = "--suppressions: cannot read the suppression file"
	SuppressionsInvalid Key = "--suppressions %s is not a valid suppression file (see configs/suppressions.example.yaml)"
	JournalOpen         Key = "--journal %s: cannot open or create the journal"
	JournalInvalid      Key = "--journal %s is not a journal gwsaudit fix apply wrote: name that journal, or a new file"
	JournalOtherPlan    Key = "the journal belongs to another plan (or the plan was edited after applying began): finish with the plan it was started with, or use a new --journal"
	PlanOtherTenant     Key = "the plan was made for %s, but these credentials reach %s: make a plan from an audit of this tenant"
	PlanTooOld          Key = "%s %d hours ago (%s), more than --max-plan-age %s: audit again and make a new plan, since sharing has changed since"
	PlanMade            Key = "the plan was made"
	PlanAuditFinished   Key = "the audit the plan was made from finished"
	PlanFuture          Key = "the plan's created_at %s is in the future: check the clock of the machine that made it"
	PlanReportNoTenant  Key = "fix plan: the report names no tenant (run.tenant.primary_domain): plan from the JSON report of a full or incremental audit"
	JournalEmpty        Key = "the journal is empty: nothing was applied"
	JournalNoAction     Key = "the journal records no removal for action %d (see the actions fix apply printed)"
)

// Report files (report).
const (
	DirNotExist  Key = "directory %s does not exist (every folder named in the path must exist, even before a \"..\")"
	NotDirectory Key = "%s is not a directory"
	CannotWrite  Key = "cannot write in %s"
	ReportWrite  Key = "report: write %s"
)

// Small files a person names: keys, configs, secrets (internal/smallfile).
const (
	ReadFile       Key = "read %s"
	ReadFileAt     Key = "read %s %s"
	NotRegularFile Key = "read %s %s: it is %s, not a regular file: %s: not a regular file"
	FileTooLarge   Key = "read %s %s: larger than %d KiB, so not a %s: %s"
	NotRegular     Key = "not a regular file"

	KindDirectory Key = "a directory"
	KindFIFO      Key = "a named pipe (FIFO)"
	KindDevice    Key = "a device"
	KindSocket    Key = "a socket"

	WhatServiceAccountKey Key = "service account key"
	WhatOAuthClient       Key = "OAuth client file"
	WhatTokenCache        Key = "token cache"
	WhatConfig            Key = "config"
	WhatWebhookFile       Key = "webhook URL file"
	WhatPasswordFile      Key = "SMTP password file"
	WhatCAFile            Key = "CA certificate file"

	HintCredentialFile Key = "pass the path of the JSON file itself (not a pipe, stdin or directory), as downloaded from the Google Cloud console"
	HintConfigFile     Key = "pass the path of a YAML config file (see configs/)"
	HintWebhookFile    Key = "a file holding only the webhook URL"
	HintPasswordFile   Key = "a file holding only the password"
	HintCAFile         Key = "a PEM file of the CA that signed the mail server's certificate"
)

// Credentials and Google's refusals (auditor).
const (
	NoAdmin       Key = "no admin account: pass --admin (a super admin address of the tenant)"
	KeyNotJSON    Key = "service account key is not valid JSON (download a new JSON key from IAM → Service accounts → Keys)"
	KeyWrongType  Key = "credentials file has type %q, want \"service_account\" (a JSON key of a service account with domain-wide delegation)"
	KeyIncomplete Key = "service account key lacks client_email or private_key"

	// AccessRefused: what (a phrase), as whom, Google's answer, what to do.
	AccessRefused Key = "%s as %s: %s\n  what to do: %s"
	// AccessFailed: what, as whom, the error.
	AccessFailed Key = "%s as %s: %s"

	WhatListUsers      Key = "list users"
	WhatListDomains    Key = "list the tenant's domains"
	WhatAdminClients   Key = "build admin clients"
	WhatReadYourDrive  Key = "read your Drive"
	WhatListYourDrive  Key = "list your My Drive"
	WhatListSharedDrvs Key = "list shared drives"
	WhatReadAuditLog   Key = "read the Drive audit log"

	DelegationPage  Key = "Admin console → Security → Access and data control → API controls → Domain-wide delegation"
	DriveSDKSetting Key = "Admin console → Apps → Google Workspace → Drive and Docs → Features and applications → \"Allow users to access Google Drive with the Drive SDK API\""
	AnyClientID     Key = "<the service account's client ID>"
	AnyAccount      Key = "the service account"

	HintGrant         Key = "in %s, add client ID %s with these scopes (comma-separated):\n    %s"
	HintNoDelegation  Key = "domain-wide delegation is missing or lacks a scope: %s"
	HintNotAccepted   Key = "the credentials were not accepted: check --credentials / --impersonate (or GOOGLE_APPLICATION_CREDENTIALS) and that domain-wide delegation is set up: %s"
	HintLacksScope    Key = "the token lacks a scope: %s"
	HintAdminRole     Key = "%s needs an admin role with the Users (read), Groups (read), Domain settings and Reports privileges: Admin console → Account → Admin roles; pass a super admin with --admin"
	HintInvalidGrant  Key = "check that %s exists and is not suspended, that the key is not disabled or deleted (IAM → Service accounts → Keys), and that this machine's clock is right"
	HintInvalidClient Key = "the service account or its key no longer exists: create a new JSON key"
	HintEmulatorAuth  Key = "the emulator did not accept %s: check that --admin names an active user of the emulated tenant"
	HintNoEmulator    Key = "no emulator is running at %s://%s: start one with `gwsaudit emulator serve --tenant FILE --listen %s` (or audit the built-in sample with `gwsaudit audit --demo`), or correct --emulator"
	HintNoNetwork     Key = "nothing accepts connections at %s: check the network, the proxy (HTTPS_PROXY) and the firewall"
	HintDailyQuota    Key = "Google's daily quota for this API is used up for the Cloud project: run the audit again after midnight Pacific Time (when it resets), or ask for more in Google Cloud console → APIs & Services → the API → Quotas"
	HintDriveSDK      Key = "Drive refuses API access as %s: turn on %s for the user's organisational unit (at least while the audit runs), then run the audit again"
	HintEnableAPIs    Key = "enable the Admin SDK, Drive, Forms and Reports APIs for the service account's Cloud project (APIs & Services → Library)"
	HintEnableService Key = "enable %s in the Cloud project of the credentials (Google Cloud console → APIs & Services → Library), wait a few minutes, then run again"
	HintImpersonation Key = "the identity of the Application Default Credentials (gcloud auth application-default login) may not sign as %[1]s: grant it roles/iam.serviceAccountTokenCreator on that service account (IAM → Service accounts → %[1]s → Permissions), and enable the IAM Service Account Credentials API in its project"
)

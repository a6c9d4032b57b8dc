package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/notify"
)

// notifyFlags are notify's own flags (not settings of the config file).
type notifyFlags struct {
	configFile, in, plan, via, dryRun string
	onlyNew                           bool
	owners                            []string
}

func newNotifyCmd(stdout, stderr io.Writer) *cobra.Command {
	var nf notifyFlags
	cmd := &cobra.Command{
		Use:   "notify",
		Short: "Tell each owner, by mail, what to fix on the items they own",
		Long: `Send one message per owner, in the owner's language (config notify.lang,
default ja; notify.languages per address or domain), listing only that owner's
exposures with the steps to close them and a link to each item. A shared
drive's items go to the drive's managers. Suppressed findings are never sent;
findings no one can be sent (groups) are listed on stdout instead. A copy goes
to the owner's org unit contact when notify.org_unit_contacts names one (the
org unit the report names, else the Directory's as --admin; without either the
copy is skipped with a warning).

  --via smtp    through notify.smtp (STARTTLS required by default; the password
                from $GWSAUDIT_SMTP_PASSWORD, notify.smtp.password_env or
                notify.smtp.password_file)
  --via gmail   through the Gmail API as notify.gmail.sender, with a token of
                its own carrying only gmail.send (add it to the delegation)
  --dry-run DIR write the messages as DIR/OWNER.eml instead of sending

Exit codes: 0 every message sent (or written); 2 a setting is wrong or some
message was not sent (stderr names the owners; rerun with --owner for them).`,
		Example: `  gwsaudit notify --config city.yaml --in run.json --dry-run notices/
  gwsaudit notify --config city.yaml --in run.json --via smtp --only-new
  gwsaudit notify --config city.yaml --plan plan.json --via gmail --admin admin@city.example.jp --credentials key.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSettings(cmd.Flags(), nf.configFile)
			if err != nil {
				return err
			}
			log, err := newLogger(stderr, s.LogLevel, s.LogFormat)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			langFlag, _ := cmd.Flags().GetString("lang")
			return runNotify(ctx, s, nf, langFlag, log, stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&nf.configFile, "config", "", "config file (YAML) with the notify table; see configs/municipality.yaml")
	f.StringVar(&nf.in, "in", "", "a JSON report written by gwsaudit audit --out run.json")
	f.StringVar(&nf.plan, "plan", "", "a fix plan written by gwsaudit fix plan (its actions and owner notices)")
	f.StringVar(&nf.via, "via", "", "smtp or gmail")
	f.StringVar(&nf.dryRun, "dry-run", "", "write the messages as .eml files into `DIR` instead of sending them")
	f.BoolVar(&nf.onlyNew, "only-new", false, "only findings new since the last recorded run (a run.json from audit --store)")
	f.StringArrayVar(&nf.owners, "owner", nil, "only this owner's message; repeatable (to resend what failed)")
	f.String("lang", "", "ja or en: the messages' default language (overrides notify.lang) and this command's summary's")
	f.String("emulator", "", "base URL of a Workspace emulator (docs/EMULATOR.md)")
	f.String("admin", "", "admin address for reading owners' org units (Directory users.get)")
	f.String("credentials", "", "service-account JSON key with domain-wide delegation")
	f.String("impersonate", "", "service account to impersonate keylessly with Application Default Credentials")
	f.String("client-id", "", "the service account's OAuth client ID, quoted in delegation hints")
	f.Duration("attempt-timeout", auditor.DefaultAttemptTimeout, "give up one try of an API call after this long (then retry)")
	f.String("log-level", "info", "debug, info, warn or error")
	f.String("log-format", "auto", "json, console or auto (console on a terminal)")
	return cmd
}

// runNotify reads the findings, builds the messages and delivers them.
func runNotify(ctx context.Context, s *settings, nf notifyFlags, langFlag string, log zerolog.Logger, stdout io.Writer) error {
	if (nf.in == "") == (nf.plan == "") {
		return errors.New("give exactly one of --in run.json (an audit's JSON report) or --plan plan.json (a fix plan)")
	}
	if nf.dryRun == "" && nf.via != "smtp" && nf.via != "gmail" {
		return fmt.Errorf("--via %q: want smtp or gmail (or --dry-run DIR to write the messages as files)", nf.via)
	}
	opts, err := s.Notify.options(langFlag)
	if err != nil {
		return err
	}
	opts.OnlyNew = nf.onlyNew
	for _, o := range nf.owners {
		opts.Only = append(opts.Only, strings.ToLower(strings.TrimSpace(o)))
	}
	in, err := notify.LoadFile(nf.in + nf.plan)
	if err != nil {
		return err
	}
	var sender notify.Sender
	switch {
	case nf.dryRun != "":
		sender = &notify.DirSender{Dir: nf.dryRun, KeepOthers: len(nf.owners) > 0}
	case nf.via == "smtp":
		if sender, err = s.Notify.smtpSender(opts.From.Address); err != nil {
			return err
		}
	default:
		if sender, err = gmailSender(ctx, s, log); err != nil {
			return err
		}
		if !strings.EqualFold(opts.From.Address, s.Notify.Gmail.Sender) {
			log.Warn().Str("from", opts.From.Address).Str("sender", s.Notify.Gmail.Sender).
				Msg("Gmail sends as notify.gmail.sender: a From that is not the sender or one of its send-as aliases is replaced by the sender's address")
		}
	}
	if len(opts.OrgUnitContacts) > 0 {
		opts.OrgUnitOf = orgUnitLookup(ctx, s, log)
	}
	batch, err := notify.Build(ctx, in, opts)
	if err != nil {
		return err
	}
	for _, w := range batch.Warnings {
		log.Warn().Msg(w)
	}
	log.Info().Str("via", sender.Describe()).Int("messages", len(batch.Notices)).Msg("sending owner notices")
	results := notify.Deliver(ctx, batch, sender, opts.From, opts.ReplyTo)
	return reportNotify(stdout, log, adminLang(s), nf.dryRun, batch, results)
}

// reportNotify prints what was sent and what was not (in the admin's
// language), and fails when a message could not be delivered.
func reportNotify(stdout io.Writer, log zerolog.Logger, lang, dir string, b *notify.Batch, results []notify.Result) error {
	var failed []string
	for _, r := range results {
		if r.Err != nil {
			failed = append(failed, r.Owner)
			log.Error().Str("owner", r.Owner).Err(r.Err).Msg("message not sent")
		}
	}
	if err := notify.WriteSummary(stdout, lang, b, results, dir); err != nil {
		return err
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d message(s) not sent (%s): see the errors above, then rerun with --owner for each", len(failed), strings.Join(failed, ", "))
	}
	return nil
}

// gmailSender sends through the Gmail API as notify.gmail.sender.
func gmailSender(ctx context.Context, s *settings, log zerolog.Logger) (notify.Sender, error) {
	creds, err := credentials(s)
	if err != nil {
		return nil, err
	}
	m, err := auditor.NewMailer(ctx, auditor.ExportOptions{Endpoint: strings.TrimRight(s.Emulator, "/"), Credentials: creds,
		AttemptTimeout: s.AttemptTimeout, RateLimits: s.RateLimits, Log: log}, s.Notify.Gmail.Sender)
	if err != nil {
		return nil, err
	}
	return mailerSender{m}, nil
}

// mailerSender adapts auditor.Mailer to notify.Sender.
type mailerSender struct{ m *auditor.Mailer }

func (g mailerSender) Send(ctx context.Context, _ *notify.Notice, msg []byte) error {
	_, err := g.m.Send(ctx, msg)
	return err
}

func (g mailerSender) Describe() string { return "the Gmail API as " + g.m.Sender() }

// orgUnitLookup reads owners' org units from the Directory as --admin;
// without an admin or credentials it returns nil (Build then warns and
// sends no copies).
func orgUnitLookup(ctx context.Context, s *settings, log zerolog.Logger) func(context.Context, string) (string, error) {
	if strings.TrimSpace(s.Admin) == "" {
		log.Warn().Msg("notify.org_unit_contacts is set but --admin is not: owners' org units cannot be read from the Directory, so no copies are sent")
		return nil
	}
	creds, err := credentials(s)
	if err != nil {
		log.Warn().Err(err).Msg("no copies to org unit contacts")
		return nil
	}
	ou, err := auditor.NewOrgUnits(ctx, auditor.ExportOptions{Endpoint: strings.TrimRight(s.Emulator, "/"), Credentials: creds,
		AttemptTimeout: s.AttemptTimeout, RateLimits: s.RateLimits, Log: log}, s.Admin)
	if err != nil {
		log.Warn().Err(err).Msg("no copies to org unit contacts")
		return nil
	}
	return ou.Of
}

// adminLang is the language of notify's own summary: --lang, else the
// config's lang, else the locale (as for audit).
func adminLang(s *settings) string {
	if s.Lang == "ja" {
		return "ja"
	}
	return "en"
}

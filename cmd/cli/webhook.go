package cli

import (
	"context"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/internal/smallfile"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/notify"
	"github.com/gwsaudit/gwsaudit/report"
)

// webhookEnv holds the admin's chat webhook URL; --notify-webhook-file
// (notify.webhook_file) names a file holding it instead. The URL is never
// a flag's value, which any user of the machine can read in the process
// list.
const webhookEnv = "GWSAUDIT_NOTIFY_WEBHOOK"

// auditWebhook returns the webhook a scheduled audit posts to, or nil when
// none is configured. It needs a run history: only a run with one knows
// what is new.
func auditWebhook(s *settings, store string) (*notify.Webhook, error) {
	url := strings.TrimSpace(os.Getenv(webhookEnv))
	from := webhookEnv
	if f := s.Notify.WebhookFile; f != "" {
		data, err := smallfile.Read(f, usererr.WhatWebhookFile, maxSecretFile, usererr.HintWebhookFile)
		if err != nil {
			return nil, usererr.Wrap(err, usererr.FlagOnly, "--notify-webhook-file")
		}
		url, from = strings.TrimSpace(string(data)), "--notify-webhook-file "+f
	}
	if url == "" {
		if s.Notify.WebhookFile != "" {
			return nil, usererr.New(usererr.WebhookFileEmpty, s.Notify.WebhookFile)
		}
		return nil, nil
	}
	if err := notify.CheckWebhookURL(url); err != nil {
		return nil, usererr.Wrap(err, usererr.FlagOnly, from)
	}
	if store == "" {
		return nil, usererr.New(usererr.WebhookNeedsStore, from)
	}
	return &notify.Webhook{URL: url}, nil
}

// postWebhook posts the run's summary when it has new exposures. A failure
// is a warning: the audit itself succeeded, and its exit code stays the
// verdict's (docs/DESIGN.md).
func postWebhook(ctx context.Context, h *notify.Webhook, doc *report.Document, lang string, log zerolog.Logger) {
	if h == nil {
		return
	}
	n := notify.NewExposures(doc)
	if n == 0 {
		log.Debug().Msg("no new exposures: no webhook notice")
		return
	}
	text, err := notify.HookSummary(doc, lang)
	if err == nil {
		err = h.Post(ctx, text)
	}
	if err != nil {
		log.Warn().Err(err).Msg("webhook notice not posted (the audit's result is unchanged)")
		return
	}
	log.Info().Str("webhook", h.Redacted()).Int("new", n).Msg("webhook notice posted")
}

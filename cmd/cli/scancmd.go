package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/auditor/site"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

func newScanSiteCmd(stdout, stderr io.Writer) *cobra.Command {
	var configFile, savedReport string
	var sitemaps []string
	var so site.Options
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "scan-site URL...",
		Short: "Crawl the organisation's public web site for Google Forms, Drive and Docs links",
		Long: `scan-site crawls the given web site — only the given hosts, respecting
robots.txt, at a polite rate, with page size and time limits — and finds
every link to Google Forms, Drive and Docs. It reports each form edit
(admin) link a page publishes (FORM-003), probes every linked form
(FORM-001), and lists the links to Drive items. With a saved audit report
(--report run.json), or with tenant credentials (--admin and --credentials,
--impersonate or --emulator), it ties each URL to the tenant's item and
its owner.`,
		Example: `  gwsaudit scan-site https://www.city.example.jp/ --max-pages 500
  gwsaudit scan-site https://www.hosp.example.jp/ --sitemap https://www.hosp.example.jp/sitemap.xml --report run.json --out scan.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, seeds []string) error {
			s, log, err := publicSettings(cmd, configFile, stderr)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			ctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			po, err := probeOptions(s, log)
			if err != nil {
				return err
			}
			tenant, err := tenantFindings(ctx, s, savedReport, log)
			if err != nil {
				return err
			}
			so.Sitemaps = sitemaps
			so.RunTimeout = timeout
			started := time.Now().UTC()
			res, err := auditor.Scan(ctx, seeds, auditor.ScanOptions{Probe: po, Site: so, Tenant: tenant})
			if err != nil {
				return err
			}
			run := publicRun{mode: report.ModeScanSite, started: started, findings: res.Findings, coverage: res.Coverage}
			for _, fp := range res.Probes {
				run.verdicts = append(run.verdicts, verdictOf(fp, pagesOf(res.Links, fp)))
			}
			for _, l := range res.Links {
				if l.Link.Kind != site.Drive && l.Link.Kind != site.Docs {
					continue
				}
				ll := report.LinkLine{URL: l.Link.URL, Pages: l.Pages, Tied: tenant != nil, Checks: l.Checks}
				if l.Tenant != nil {
					ll.Name, ll.Owner = l.Tenant.Name, l.Tenant.Owner
				}
				run.links = append(run.links, ll)
			}
			log.Info().Int("pages", len(res.Crawl.Pages)).Int("skipped", len(res.Crawl.Skipped)).Msg("site crawled")
			return finishPublicRun(ctx, s, log, stdout, stderr, run)
		},
	}
	publicFlags(cmd, &configFile)
	f := cmd.Flags()
	f.StringArrayVar(&sitemaps, "sitemap", nil, "sitemap.xml `URL` to read besides those robots.txt names; repeatable")
	f.IntVar(&so.MaxPages, "max-pages", 200, "most pages to fetch")
	f.IntVar(&so.MaxDepth, "max-depth", 3, "most links to follow from a start URL")
	f.Float64Var(&so.Rate, "rate", 1, "requests per second to the site (robots.txt Crawl-delay may slow it)")
	f.Int64Var(&so.MaxBytes, "max-page-bytes", 2<<20, "bytes read from each page")
	f.DurationVar(&so.RequestTimeout, "request-timeout", 15*time.Second, "time limit for each request")
	f.DurationVar(&timeout, "timeout", 10*time.Minute, "time limit for the whole run")
	f.StringVar(&savedReport, "report", "", "saved JSON audit report (gwsaudit audit --out run.json) to tie URLs to the tenant's items")
	f.String("admin", "", "with tenant credentials: audit the tenant first and tie URLs to its items")
	f.String("credentials", "", "service-account JSON key with domain-wide delegation (with --admin)")
	f.String("impersonate", "", "service account to impersonate keylessly (with --admin)")
	return cmd
}

// tenantFindings returns an audit's findings to tie URLs to: a saved
// report, or a fresh audit when --admin is given; nil when neither is.
func tenantFindings(ctx context.Context, s *settings, saved string, log zerolog.Logger) ([]model.Finding, error) {
	switch {
	case saved != "":
		f, err := os.Open(saved)
		if err != nil {
			return nil, fmt.Errorf("--report: %w", err)
		}
		defer f.Close()
		doc, err := report.ReadJSON(f)
		if err != nil {
			return nil, fmt.Errorf("--report %s: %w", saved, err)
		}
		return nonNil(doc.Findings), nil
	case s.Admin != "":
		opts, err := auditOptions(ctx, s, log)
		if err != nil {
			return nil, err
		}
		res, err := auditor.Run(ctx, *opts)
		if err != nil {
			return nil, fmt.Errorf("audit the tenant to tie URLs: %w", err)
		}
		return nonNil(res.Findings), nil
	}
	return nil, nil
}

func nonNil(fs []model.Finding) []model.Finding {
	if fs == nil {
		return []model.Finding{}
	}
	return fs
}

// pagesOf returns the pages that link a probed form.
func pagesOf(links []auditor.LinkRef, fp *auditor.FormProbe) []string {
	for _, l := range links {
		if l.Link.Canonical == fp.Link.Canonical && l.Link.Kind == fp.Link.Kind {
			return l.Pages
		}
	}
	return nil
}

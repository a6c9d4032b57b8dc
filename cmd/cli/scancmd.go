package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/auditor/site"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/pipeline"
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
its owner.

` + exitCodesHelp,
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
			o, err := publicOptions(s, log, stdout, stderr)
			if err != nil {
				return err
			}
			scan := auditor.ScanOptions{Probe: po, Site: so}
			scan.Site.Sitemaps = sitemaps
			scan.Site.RunTimeout = timeout
			var tenant *auditor.Options
			switch {
			case savedReport != "":
				if scan.Tenant, err = savedFindings(savedReport); err != nil {
					return err
				}
			case s.Admin != "":
				if tenant, err = auditOptions(ctx, s, log); err != nil {
					return err
				}
			}
			v, err := pipeline.ScanSite(ctx, seeds, scan, tenant, o)
			if err != nil {
				return err
			}
			return exitOf(v)
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

// savedFindings reads a saved audit report's findings to tie URLs to.
func savedFindings(path string) ([]model.Finding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--report: %w", err)
	}
	defer f.Close()
	doc, err := report.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("--report %s: %w", path, err)
	}
	return pipeline.NonNil(doc.Findings), nil
}

package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func newEmulatorCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "emulator", Short: "Run the Workspace emulator for tests and demos"}
	var tenantFile, listen, writeKey string
	var keyScopes []string
	var opts emulator.Options
	serve := &cobra.Command{
		Use:     "serve",
		Short:   "Serve a tenant file over Google's wire format on loopback",
		Example: "  gwsaudit emulator serve --tenant testdata/tenants/catalog.yaml --listen 127.0.0.1:8089",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var tenant *emulator.Tenant
			var err error
			if tenantFile == "" || tenantFile == "demo" {
				tenant, err = emulator.Parse(emulator.DemoTenant(), "yaml")
			} else {
				tenant, err = emulator.Load(tenantFile)
			}
			if err != nil {
				return err
			}
			srv, err := emulator.New(tenant, opts)
			if err != nil {
				return err
			}
			base, err := srv.Start(listen)
			if err != nil {
				return err
			}
			defer srv.Close()
			if writeKey != "" {
				if len(keyScopes) == 0 {
					keyScopes = allScopes()
				}
				// Written before the first line, which tells a caller it is ready.
				if err := writeEmulatorKey(srv, writeKey, keyScopes); err != nil {
					return err
				}
			}
			fmt.Fprintf(stdout, "emulator serving %s at %s\n", tenant.PrimaryDomain, base)
			if writeKey != "" {
				fmt.Fprintf(stderr, "service-account key for the emulator's token endpoint written to %s\n", writeKey)
				fmt.Fprintf(stderr, "audit it with: gwsaudit audit --emulator %s --credentials %s --admin <admin address>\n", base, writeKey)
			} else {
				fmt.Fprintf(stderr, "audit it with: gwsaudit audit --emulator %s --admin <admin address>\n", base)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			<-ctx.Done()
			return nil
		},
	}
	f := serve.Flags()
	f.StringVar(&tenantFile, "tenant", "", "tenant file (YAML or JSON); empty or \"demo\" serves the built-in sample tenant")
	f.StringVar(&listen, "listen", "127.0.0.1:8089", "address to listen on")
	f.Float64Var(&opts.FaultRate, "fault-rate", 0, "fraction of API requests that fail with 429/403 rate limits or 5xx")
	f.DurationVar(&opts.Latency, "latency", 0*time.Millisecond, "delay added to every request")
	f.Int64Var(&opts.Seed, "seed", 1, "seed for faults and short pages")
	f.BoolVar(&opts.ShortPages, "short-pages", true, "return pages shorter than asked, sometimes empty, as Google may")
	f.StringVar(&writeKey, "write-key", "", "write a service-account JSON key (mode 0600) whose token_uri is the emulator's /token, its public half registered with domain-wide delegation")
	f.StringSliceVar(&keyScopes, "key-scopes", nil, "scopes delegated to the --write-key account (default: every scope gwsaudit asks for)")
	cmd.AddCommand(serve)
	return cmd
}

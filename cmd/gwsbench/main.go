// Command gwsbench measures gwsaudit at scale: it generates deterministic
// synthetic tenants (emulator.Synthetic), serves each with the emulator under
// a latency and quota model, audits it with the gwsaudit binary in a child
// process, and writes docs/BENCHMARKS.md: machine, commit, wall time against
// the floor the model allows, API calls per 1,000 items, peak RSS, and
// findings per check against the expected counts. Run it with `make bench`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.bin, "bin", "bin/gwsaudit", "gwsaudit binary to measure")
	flag.StringVar(&cfg.sizes, "sizes", "1k,100k,1m", "tenant sizes to run: 1k, 100k, 1m")
	flag.StringVar(&cfg.out, "out", "docs/BENCHMARKS.md", "markdown file to write (empty: stdout only)")
	flag.DurationVar(&cfg.latency, "latency", 20*time.Millisecond, "emulator latency per request")
	flag.IntVar(&cfg.concurrency, "concurrency", 32, "gwsaudit --concurrency")
	flag.BoolVar(&cfg.faults, "faults", true, "also run the 100k tenant with 20% injected faults")
	flag.BoolVar(&cfg.pressure, "pressure", true, "also run the 100k tenant under a tight per-user quota")
	serve := flag.String("serve", "", "only serve the tenant of this size at -listen (for profiling by hand)")
	listen := flag.String("listen", "127.0.0.1:8089", "address for -serve")
	cpuProfile := flag.String("cpuprofile", "", "with -serve: write the emulator's CPU profile here on exit")
	flag.Parse()
	if *serve != "" {
		if *cpuProfile != "" {
			f, err := os.Create(*cpuProfile)
			if err != nil {
				fmt.Fprintln(os.Stderr, "gwsbench:", err)
				os.Exit(1)
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				fmt.Fprintln(os.Stderr, "gwsbench:", err)
				os.Exit(1)
			}
			defer pprof.StopCPUProfile()
		}
		if err := serveOnly(*serve, *listen, cfg.latency); err != nil {
			fmt.Fprintln(os.Stderr, "gwsbench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "gwsbench:", err)
		os.Exit(1)
	}
}

type config struct {
	bin, sizes, out  string
	latency          time.Duration
	concurrency      int
	faults, pressure bool
}

func run(ctx context.Context, cfg config) error {
	if _, err := os.Stat(cfg.bin); err != nil {
		return fmt.Errorf("build gwsaudit first (make build): %w", err)
	}
	var results []result
	for _, name := range strings.Split(cfg.sizes, ",") {
		sc, ok := scenarios[strings.TrimSpace(name)]
		if !ok {
			return fmt.Errorf("unknown size %q (want 1k, 100k or 1m)", name)
		}
		sc.latency, sc.concurrency = cfg.latency, cfg.concurrency
		variants := []scenario{sc}
		if sc.name == "100k" && cfg.faults {
			f := sc
			f.name, f.faultRate = "100k, 20% faults", 0.2
			variants = append(variants, f)
		}
		if sc.name == "100k" && cfg.pressure {
			p := sc
			p.name, p.quotas = "100k, tight quota", tightQuotas
			variants = append(variants, p)
		}
		for _, v := range variants {
			fmt.Fprintf(os.Stderr, "== %s\n", v.name)
			r, err := measure(ctx, cfg.bin, v)
			if err != nil {
				return fmt.Errorf("%s: %w", v.name, err)
			}
			fmt.Fprintln(os.Stderr, r.summary())
			results = append(results, r)
		}
	}
	doc := markdown(cfg, results)
	fmt.Print(doc)
	if cfg.out == "" {
		return nil
	}
	return os.WriteFile(cfg.out, []byte(doc), 0o644)
}

// serveOnly serves one scenario's tenant until interrupted.
func serveOnly(size, listen string, latency time.Duration) error {
	sc, ok := scenarios[size]
	if !ok {
		return fmt.Errorf("unknown size %q", size)
	}
	tenant, want := emulator.Synthetic(sc.spec)
	srv, err := emulator.New(tenant, emulator.Options{Latency: latency, Quotas: sc.quotas})
	if err != nil {
		return err
	}
	base, err := srv.Start(listen)
	if err != nil {
		return err
	}
	fmt.Printf("serving %s at %s (admin@%s); expected findings %v\n", size, base, emulator.SyntheticDomain, want)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return srv.Close()
}

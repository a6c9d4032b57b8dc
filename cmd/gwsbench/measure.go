package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// result is what one scenario measured.
type result struct {
	sc            scenario
	items         int // Drive items in the tenant (shared drives' own entries excluded)
	myDriveItems  int
	sharedItems   int
	forms         int
	wall          time.Duration
	floor         time.Duration
	floorBy       string
	maxRSS        int64         // bytes
	auditCPU      time.Duration // gwsaudit's user+system time
	emulatorCPU   time.Duration // this process's (the emulator's) user+system time during the run
	calls         map[string]int64
	quotaRefusals int64
	want, got     map[string]int
	gaps          int
	exit          int
}

func (r result) summary() string {
	return fmt.Sprintf("%s: %d items, %v wall (floor %v, %.2f×), peak RSS %d MB, %d gaps, findings match: %v",
		r.sc.name, r.items, r.wall.Round(time.Millisecond), r.floor.Round(time.Millisecond), r.ratio(), r.maxRSS>>20, r.gaps, r.findingsMatch())
}

func (r result) ratio() float64 { return float64(r.wall) / float64(max(r.floor, time.Millisecond)) }

func (r result) findingsMatch() bool {
	for k, v := range r.want {
		if r.got[k] != v {
			return false
		}
	}
	for k, v := range r.got {
		if r.want[k] != v {
			return false
		}
	}
	return true
}

// measure serves the scenario's tenant and audits it with bin.
func measure(ctx context.Context, bin string, sc scenario) (result, error) {
	tenant, want := emulator.Synthetic(sc.spec)
	r := result{sc: sc, want: want}
	for _, f := range tenant.Files {
		r.items++
		if f.Drive == "" {
			r.myDriveItems++
		} else {
			r.sharedItems++
		}
		if f.Kind == "form" {
			r.forms++
		}
	}
	srv, err := emulator.New(tenant, emulator.Options{Latency: sc.latency, Quotas: sc.quotas, FaultRate: sc.faultRate, Seed: 1})
	if err != nil {
		return r, err
	}
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		return r, err
	}
	defer srv.Close()

	dir, err := os.MkdirTemp("", "gwsbench-*")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	cfgPath := filepath.Join(dir, "bench.yaml")
	if err := os.WriteFile(cfgPath, []byte(benchConfig()), 0o600); err != nil {
		return r, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "audit", "--emulator", base, "--admin", "admin@"+emulator.SyntheticDomain,
		"--config", cfgPath, "--format", "json", "--concurrency", fmt.Sprint(sc.concurrency), "--log-format", "json", "--log-level", "info")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	before := selfCPU()
	start := time.Now()
	err = cmd.Run()
	r.emulatorCPU = selfCPU() - before
	r.wall = time.Since(start)
	if logPath := os.Getenv("GWSBENCH_CHILD_LOG"); logPath != "" {
		_ = os.WriteFile(logPath, stderr.Bytes(), 0o600)
	}
	if cmd.ProcessState != nil {
		r.exit = cmd.ProcessState.ExitCode()
		r.auditCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	// The child's own high-water mark, as it logs it. (rusage's maxrss is
	// no use here: a child that shares this process's memory until exec
	// inherits the harness's — tenant-sized — peak.)
	r.maxRSS = loggedPeakRSS(stderr.Bytes())
	if r.exit == 2 || err != nil && cmd.ProcessState == nil {
		return r, fmt.Errorf("gwsaudit failed (exit %d): %v\n%s", r.exit, err, tail(stderr.String(), 20))
	}
	var doc struct {
		Coverage struct {
			Gaps []any `json:"gaps"`
		} `json:"coverage"`
		Findings []struct {
			CheckID string `json:"check_id"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		return r, fmt.Errorf("read report: %w", err)
	}
	r.got = map[string]int{}
	for _, f := range doc.Findings {
		r.got[f.CheckID]++
	}
	r.gaps = len(doc.Coverage.Gaps)
	r.calls = srv.Calls()
	for k, v := range r.calls {
		if strings.HasSuffix(k, ".quota") {
			r.quotaRefusals += v
		}
	}
	r.floor, r.floorBy = floor(r)
	return r, nil
}

// benchConfig paces the auditor at the model's quotas (requests per second).
func benchConfig() string {
	return fmt.Sprintf(`rate_limits:
  drive: %d
  forms: %d
  directory: 40
  reports: 40
  page: %d
`, 12000/60, 975/60, pageRate)
}

// floor is the shortest wall time the quota and latency model allows for the
// calls this run needed: each API's calls at its project quota, form pages at
// the configured page rate, and every call's latency spread over the workers.
// The largest of these bounds the run.
func floor(r result) (time.Duration, string) {
	family := map[string]int64{}
	var total int64
	for k, v := range r.calls {
		if strings.HasSuffix(k, ".quota") {
			continue
		}
		fam, _, _ := strings.Cut(k, ".")
		family[fam] += v
		total += v
	}
	// Quota refusals were answered without doing the work: not needed calls.
	for k, v := range r.calls {
		if fam, rest, _ := strings.Cut(k, "."); strings.HasSuffix(rest, ".quota") {
			family[fam] -= v
			total -= v
		}
	}
	bounds := map[string]time.Duration{
		"latency": time.Duration(total) * r.sc.latency / time.Duration(max(1, r.sc.concurrency)),
		"pages":   time.Duration(family["page"]) * time.Second / pageRate,
	}
	for fam, q := range r.sc.quotas {
		if q.PerProjectPerMinute > 0 {
			bounds[fam+" quota"] = time.Duration(family[fam]) * time.Minute / time.Duration(q.PerProjectPerMinute)
		}
	}
	var best time.Duration
	var by string
	keys := make([]string, 0, len(bounds))
	for k := range bounds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if bounds[k] > best {
			best, by = bounds[k], k
		}
	}
	return best, by
}

// selfCPU is this process's CPU time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loggedPeakRSS reads peak_rss_kb from gwsaudit's "audit finished" log line.
func loggedPeakRSS(logs []byte) int64 {
	for _, line := range bytes.Split(logs, []byte("\n")) {
		var entry struct {
			Message string `json:"message"`
			PeakKB  int64  `json:"peak_rss_kb"`
		}
		if json.Unmarshal(line, &entry) == nil && entry.Message == "audit finished" {
			return entry.PeakKB * 1024
		}
	}
	return 0
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"time"
)

// markdown renders the results as docs/BENCHMARKS.md.
func markdown(cfg config, results []result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmarks\n\nWritten by `make bench` (cmd/gwsbench) on %s. Reproduce with:\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "```sh\nmake bench        # = go run ./cmd/gwsbench -sizes %s -latency %v -concurrency %d\n```\n\n", cfg.sizes, cfg.latency, cfg.concurrency)
	fmt.Fprintf(&b, "## Machine\n\n| | |\n|---|---|\n| CPU | %s (%d cores) |\n| memory | %s |\n| OS | %s/%s |\n| Go | %s |\n| commit | %s |\n\n",
		cpuModel(), runtime.NumCPU(), memTotal(), runtime.GOOS, runtime.GOARCH, runtime.Version(), commit())
	b.WriteString(`## Model

Each tenant comes from ` + "`emulator.Synthetic`" + ` (deterministic; the expected count of each
finding is known by construction) and is served by the project's emulator on
loopback with ` + fmt.Sprint(cfg.latency) + ` latency per request and Google's default quotas
(Drive 12,000/min per project and per user, Forms 975/min per project and
390/min per user, Directory and Reports 2,400/min). gwsaudit runs as a child
process (its peak RSS is measured alone) paced at those quotas, form pages at
` + fmt.Sprint(pageRate) + `/s. **Floor** is the shortest wall time that model allows for the calls the
run needed: the largest of (each API's calls ÷ its project quota), (form pages
÷ page rate) and (all calls × latency ÷ workers). **CPU bound** is the CPU
time gwsaudit and the emulator needed together, divided by this machine's
cores: both run here, so no run can beat it either.

`)
	b.WriteString("## Results\n\n| tenant | items | wall | floor (bound) | wall ÷ floor | gwsaudit CPU | emulator CPU | CPU bound | wall ÷ max(floor, CPU bound) | peak RSS | findings = expected | gaps | quota refusals |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|\n")
	for _, r := range results {
		cpuBound := (r.auditCPU + r.emulatorCPU) / time.Duration(runtime.NumCPU())
		fmt.Fprintf(&b, "| %s | %d | %v | %v (%s) | %.2f× | %v | %v | %v | %.2f× | %d MB | %s | %d | %d |\n", r.sc.name, r.items,
			r.wall.Round(10*time.Millisecond), r.floor.Round(10*time.Millisecond), r.floorBy, r.ratio(),
			r.auditCPU.Round(10*time.Millisecond), r.emulatorCPU.Round(10*time.Millisecond), cpuBound.Round(10*time.Millisecond),
			float64(r.wall)/float64(max(r.floor, cpuBound, time.Millisecond)), r.maxRSS>>20, yesNo(r.findingsMatch()), r.gaps, r.quotaRefusals)
	}
	b.WriteString("\n## API calls\n\nPer 1,000 items (all attempts, retries included). `My Drive` counts files.list calls made while walking users' My Drives (the shared drives' listing calls, one per 1,000 items of each drive, are taken out).\n\n")
	for _, r := range results {
		fmt.Fprintf(&b, "### %s\n\n| method | calls | per 1,000 items |\n|---|---:|---:|\n", r.sc.name)
		keys := make([]string, 0, len(r.calls))
		for k := range r.calls {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "| %s | %d | %.3f |\n", k, r.calls[k], float64(r.calls[k])*1000/float64(r.items))
		}
		sdLists := int64(r.sc.spec.SharedDrives * ((r.sc.spec.ItemsPerDrive + 1 + 999) / 1000))
		myLists := r.calls["drive.files.list"] - sdLists
		fmt.Fprintf(&b, "\nDrive calls per 1,000 My Drive items: **%.2f** (%d files.list calls for %d items). permissions.list per shared-drive item with grants of its own: %.2f.\n\n",
			float64(myLists)*1000/float64(r.myDriveItems), myLists, r.myDriveItems,
			float64(r.calls["drive.permissions.list"]-int64(r.sc.spec.SharedDrives))/float64(max(1, sharedDriveGrants(r))))
		b.WriteString("| check | found | expected |\n|---|---:|---:|\n")
		checks := map[string]bool{}
		for k := range r.want {
			checks[k] = true
		}
		for k := range r.got {
			checks[k] = true
		}
		ids := make([]string, 0, len(checks))
		for k := range checks {
			ids = append(ids, k)
		}
		sort.Strings(ids)
		for _, id := range ids {
			fmt.Fprintf(&b, "| %s | %d | %d |\n", id, r.got[id], r.want[id])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// sharedDriveGrants is how many shared-drive items carry a grant of their
// own (every 50th, from the 10th: see emulator.Synthetic).
func sharedDriveGrants(r result) int {
	perDrive := 0
	for i := range r.sc.spec.ItemsPerDrive {
		if i%50 == 9 {
			perDrive++
		}
	}
	return perDrive * r.sc.spec.SharedDrives
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "model name") {
			if _, v, ok := strings.Cut(line, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "MemTotal:") {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "MemTotal:")), "%d", &kb)
			return fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	return "unknown"
}

func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

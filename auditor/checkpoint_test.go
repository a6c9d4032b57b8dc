package auditor

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

func checkpointTestOptions(base string) Options {
	return Options{
		Admin: "admin@" + emulator.SyntheticDomain, Endpoint: base, Credentials: EmulatorCredentials{},
		Concurrency: 2, Retry: RetryPolicy{MaxAttempts: 10, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond},
		RateLimits:      RateLimits{Directory: 1e4, Reports: 1e4, Drive: 1e4, Forms: 1e4, Page: 1e4},
		FreeMailDomains: configs.DefaultFreeMailDomains(), Keywords: configs.DefaultPersonalDataKeywords(),
		Log: zerolog.Nop(),
	}
}

// An interrupted run resumed from its checkpoint finds exactly what an
// uninterrupted run finds, and walks again only what had not finished.
func TestResumeFromCheckpoint(t *testing.T) {
	tn, _ := emulator.Synthetic(emulator.SyntheticSpec{Users: 12, ItemsPerUser: 400, SharedDrives: 3, ItemsPerDrive: 120})
	srv := emulatortest.Serve(t, tn, emulator.Options{Latency: 3 * time.Millisecond})
	base := srv.BaseURL()

	reference, err := Run(context.Background(), checkpointTestOptions(base))
	if err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "run.ckpt")
	opts := checkpointTestOptions(base)
	opts.Checkpoint = path
	ctx, cancel := context.WithCancel(context.Background())
	stopAt := 7 // walks finished before the "kill"
	go func() {
		for ctx.Err() == nil {
			if cp, err := readCheckpoint(path); err == nil && len(cp.Done) >= stopAt {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	if _, err := Run(ctx, opts); err == nil {
		t.Fatal("the interrupted run reported success")
	}
	cp, err := readCheckpoint(path)
	if err != nil {
		t.Fatalf("no checkpoint after the interruption: %v", err)
	}
	done := len(cp.Done)
	if done < stopAt || done >= 16 {
		t.Fatalf("checkpoint holds %d finished walks, want at least %d of 16 (13 users, 3 drives)", done, stopAt)
	}

	var lists atomic.Int64
	opts.Transport = countSent(&lists, func(r *http.Request) bool { return r.URL.Path == "/drive/v3/files" })
	opts.Resume = true
	resumed, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(reference.Findings)
	b, _ := json.Marshal(resumed.Findings)
	if string(a) != string(b) {
		t.Errorf("resumed findings differ from an uninterrupted run's:\n%s\n%s", a, b)
	}
	if reference.Coverage.Items != resumed.Coverage.Items || reference.Coverage.Users != resumed.Coverage.Users ||
		reference.Coverage.SharedDrives != resumed.Coverage.SharedDrives || len(resumed.Coverage.Gaps) != 0 {
		t.Errorf("coverage: resumed %+v, reference %+v", resumed.Coverage, reference.Coverage)
	}
	// Every walk lists its items in one page here: one files.list per walk
	// not yet done, none for the walks the checkpoint holds.
	if got, want := lists.Load(), int64(16-done); got != want {
		t.Errorf("resumed run made %d files.list calls, want %d (only the unfinished walks)", got, want)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("checkpoint left behind after a finished run: %v", err)
	}
}

func TestCheckpointOfAnotherTenantIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.ckpt")
	f, _, err := createCheckpoint(path, &checkpointHeader{Version: checkpointVersion, Admin: "admin@other.example.jp", Domain: "other.example.jp"})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := renameCheckpoint(f, path); err != nil {
		t.Fatal(err)
	}
	a := &auditor{opts: Options{Checkpoint: path, Admin: "admin@city.example.jp"}, domain: "city.example.jp", done: map[string]bool{}}
	if _, err := a.loadCheckpoint(nil); err == nil {
		t.Error("a checkpoint of another tenant was accepted")
	}
}

package auditor

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// A run killed when half of its Drive calls are made leaves a checkpoint
// holding the walks that had finished by then, so that --resume makes at
// most 60% of a whole run's Drive calls, and finds what a whole run finds.
// The kill is a copy of the checkpoint file taken as the middle Drive call
// goes out: what SIGKILL would leave, no final save.
func TestResumeAfterKillAtHalfSavesHalf(t *testing.T) {
	tn, _ := emulator.Synthetic(emulator.SyntheticSpec{Users: 200, ItemsPerUser: 10, SharedDrives: 4, ItemsPerDrive: 30})
	srv := emulatortest.Serve(t, tn, emulator.Options{Latency: 2 * time.Millisecond})
	isDrive := func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/drive/") }
	opts := checkpointTestOptions(srv.BaseURL())
	var fullCalls atomic.Int64
	opts.Transport = countSent(&fullCalls, isDrive)
	reference, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	full := fullCalls.Load()

	dir := t.TempDir()
	opts.Checkpoint = filepath.Join(dir, "run.ckpt")
	killed := filepath.Join(dir, "killed.ckpt")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen atomic.Int64
	opts.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if isDrive(r) && seen.Add(1) == full/2 {
			if err := copyFile(opts.Checkpoint, killed); err != nil {
				t.Errorf("no checkpoint at half the run: %v", err)
			}
			cancel()
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	if _, err := Run(ctx, opts); err == nil {
		t.Fatal("the interrupted run finished")
	}

	if cp, err := readCheckpoint(killed); err == nil {
		t.Logf("killed at Drive call %d of %d with %d walks saved", full/2, full, len(cp.Done))
	}
	var resumedCalls atomic.Int64
	opts.Transport, opts.Checkpoint, opts.Resume = countSent(&resumedCalls, isDrive), killed, true
	resumed, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got := resumedCalls.Load()
	t.Logf("resumed run made %d Drive calls of a whole run's %d", got, full)
	if float64(got) > 0.6*float64(full) {
		t.Errorf("resumed run made %.0f%% of a whole run's Drive calls: the checkpoint held too little", 100*float64(got)/float64(full))
	}
	a, _ := json.Marshal(reference.Findings)
	b, _ := json.Marshal(resumed.Findings)
	if string(a) != string(b) {
		t.Errorf("resumed findings differ from a whole run's:\n%s\n%s", a, b)
	}
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// countSent counts in n the requests a run sends that match: counted as
// they leave the client, so that requests of an earlier, interrupted run
// that reach the emulator late are not counted.
func countSent(n *atomic.Int64, match func(*http.Request) bool) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if match(r) {
			n.Add(1)
		}
		return http.DefaultTransport.RoundTrip(r)
	})
}

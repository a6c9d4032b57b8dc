package auditor

import (
	"context"
	"time"
)

// Progress is a snapshot of a running audit, for a progress display.
type Progress struct {
	UsersDone, UsersTotal   int
	DrivesDone, DrivesTotal int
	Items                   int
	Elapsed                 time.Duration
	// Throttled lists the APIs that quota refusals slowed down.
	Throttled []Throttle
}

// ItemsPerSecond is the walk's average rate so far.
func (p Progress) ItemsPerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Items) / p.Elapsed.Seconds()
}

// ETA estimates the time left from the share of users and drives done, or 0
// when nothing is done yet.
func (p Progress) ETA() time.Duration {
	done, total := p.UsersDone+p.DrivesDone, p.UsersTotal+p.DrivesTotal
	if done == 0 || total == 0 || done >= total {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * float64(total-done) / float64(done))
}

// progressEvery is how often Options.OnProgress is called.
const progressEvery = 500 * time.Millisecond

// watchProgress calls Options.OnProgress every progressEvery until stop is
// called, and once more then.
func (a *auditor) watchProgress(ctx context.Context, users, drives int) (stop func()) {
	if a.opts.OnProgress == nil {
		return func() {}
	}
	start := time.Now()
	snapshot := func() Progress {
		throttled := a.throttles()
		a.mu.Lock()
		defer a.mu.Unlock()
		return Progress{UsersDone: a.usersDone, UsersTotal: users, DrivesDone: a.drivesDone, DrivesTotal: drives,
			Items: a.items, Elapsed: time.Since(start), Throttled: throttled}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				a.opts.OnProgress(snapshot())
			case <-done:
				a.opts.OnProgress(snapshot())
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}

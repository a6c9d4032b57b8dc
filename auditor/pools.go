package auditor

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// walkSideBySide walks every user and every shared drive, each kind in a
// pool of its own running at the same time: users concurrency at a time,
// shared drives a quarter as many (each drive walk lists permissions with
// workers of its own). User walks wait on the Forms quota (a form's
// settings are read as it is met), far smaller than Drive's; drive walks
// spend only Drive quota. One shared pool would let forms stall Drive work.
func walkSideBySide(ctx context.Context, concurrency int, drives []sharedDrive, users []string,
	walkDrive func(context.Context, sharedDrive), walkUser func(context.Context, string)) {
	// Plain groups: walks never fail the group, and their context must
	// outlive it (clients made during a walk are reused afterwards).
	var userPool, drivePool errgroup.Group
	userPool.SetLimit(concurrency)
	drivePool.SetLimit(max(1, concurrency/4))
	dispatched := make(chan struct{})
	go func() {
		defer close(dispatched)
		for _, d := range drives {
			drivePool.Go(func() error { walkDrive(ctx, d); return nil })
		}
	}()
	for _, u := range users {
		userPool.Go(func() error { walkUser(ctx, u); return nil })
	}
	_ = userPool.Wait()
	<-dispatched // every Go is called before Wait
	_ = drivePool.Wait()
}

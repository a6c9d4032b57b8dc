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
	userPool, uctx := errgroup.WithContext(ctx)
	userPool.SetLimit(concurrency)
	drivePool, dctx := errgroup.WithContext(ctx)
	drivePool.SetLimit(max(1, concurrency/4))
	dispatched := make(chan struct{})
	go func() {
		defer close(dispatched)
		for _, d := range drives {
			drivePool.Go(func() error { walkDrive(dctx, d); return nil })
		}
	}()
	for _, u := range users {
		userPool.Go(func() error { walkUser(uctx, u); return nil })
	}
	_ = userPool.Wait()
	<-dispatched // every Go is called before Wait
	_ = drivePool.Wait()
}

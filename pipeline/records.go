package pipeline

import (
	"context"

	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
)

// Records is a run history opened for reading (gwsaudit history and diff).
type Records interface {
	// Runs lists the recorded runs, newest first; limit 0 lists all.
	Runs(ctx context.Context, limit int) ([]report.RunRecord, error)
	// Diff compares two recorded runs named by ID, ID prefix, latest or previous.
	Diff(ctx context.Context, fromRef, toRef string) (*report.Diff, error)
	Close() error
}

// OpenRecords opens the run history at path for reading.
func OpenRecords(ctx context.Context, path string) (Records, error) {
	st, err := store.OpenReader(ctx, path)
	if err != nil {
		return nil, err
	}
	return st, nil
}

package cli

import (
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// Test hooks for the external tests.
var (
	WriteEmulatorKey = writeEmulatorKey
	AllScopes        = allScopes
	WriteRuns        = writeRuns
	WriteDiff        = writeDiff
)

// RecentAuditLog moves a tenant's audit log forward as the demo does.
func RecentAuditLog(t *emulator.Tenant, now time.Time) { recentAuditLog(t, now) }

// SetFixAfterAction sets fix apply's per-action hook (nil to clear).
func SetFixAfterAction(fn func(done int) bool) { fixAfterAction = fn }

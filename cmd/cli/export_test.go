package cli

// Test hooks for the external tests.
var (
	WriteEmulatorKey = writeEmulatorKey
	AllScopes        = allScopes
)

// RecentAuditLog moves a tenant's audit log into the Reports API's window,
// as audit --demo does.
var RecentAuditLog = recentAuditLog

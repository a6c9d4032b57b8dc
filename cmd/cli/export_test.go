package cli

// Test hooks for the external tests.
var (
	WriteEmulatorKey = writeEmulatorKey
	AllScopes        = allScopes
)

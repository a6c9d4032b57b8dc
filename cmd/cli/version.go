package cli

import "github.com/gwsaudit/gwsaudit/report"

// Without -ldflags, Version falls back to what the build info knows (a
// module version, or the source commit), so a report names the build that
// wrote it rather than a bare "dev".
func init() {
	if Version == "dev" {
		Version = report.ToolVersion()
	}
}

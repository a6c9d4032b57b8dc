// Package pipeline runs gwsaudit's commands from walk to exit code: the
// walk (auditor), the checks it runs, suppressions, the run history
// (store), the report document and how the run ends. audit, probe,
// scan-site and a self-audit all finish through it; cmd/cli parses flags,
// builds the options and prints what a Write hands it.
package pipeline

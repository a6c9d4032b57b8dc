package auditor

import "github.com/gwsaudit/gwsaudit/internal/smallfile"

// maxCredentialFile bounds a key, client-secret or token file: real ones
// are a few kilobytes.
const maxCredentialFile = 1 << 20

// readCredentialFile reads a key, client-secret or token file; what names
// it in errors. See smallfile.Read: only a regular file of at most 1 MiB,
// never blocking, never quoting the content.
func readCredentialFile(path, what string) ([]byte, error) {
	return smallfile.Read(path, what, maxCredentialFile,
		"pass the path of the JSON file itself (not a pipe, stdin or directory), as downloaded from the Google Cloud console")
}

package auditor

import (
	"github.com/gwsaudit/gwsaudit/internal/smallfile"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// maxCredentialFile bounds a key, client-secret or token file: real ones
// are a few kilobytes.
const maxCredentialFile = 1 << 20

// readCredentialFile reads a key, client-secret or token file; what names
// it in errors. See smallfile.Read: only a regular file of at most 1 MiB,
// never blocking, never quoting the content.
func readCredentialFile(path string, what usererr.Key) ([]byte, error) {
	return smallfile.Read(path, what, maxCredentialFile, usererr.HintCredentialFile)
}

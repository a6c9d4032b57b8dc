//go:build unix

package auditor_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
)

// Credential files must be regular files of at most 1 MiB: a FIFO that
// never delivers, stdin, a directory or a huge file is refused at once
// with an error naming the file, never read or waited on.
func TestCredentialFilesAreBoundedRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "key.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(`{"type":"service_account","x":"`+strings.Repeat("a", 1<<20)+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	loaders := map[string]func(string) error{
		"LoadServiceAccountKey": func(p string) error { _, err := auditor.LoadServiceAccountKey(p); return err },
		"LoadOAuthClient":       func(p string) error { _, err := auditor.LoadOAuthClient(p); return err },
	}
	cases := map[string]string{fifo: "named pipe", "/dev/stdin": "not a regular file", dir: "directory", big: "larger than"}
	for name, load := range loaders {
		for path, want := range cases {
			done := make(chan error, 1)
			go func() { done <- load(path) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute): // a guard: the loader must not wait at all
				t.Fatalf("%s(%s) hangs", name, path)
			}
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) {
				t.Errorf("%s(%s): %v, want an error naming the file and %q", name, path, err, want)
			}
		}
	}
}

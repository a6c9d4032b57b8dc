package auditor

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// maxCredentialFile bounds a key, client-secret or token file: real ones
// are a few kilobytes.
const maxCredentialFile = 1 << 20

// readCredentialFile reads the small regular file at path; what names it
// in errors ("service account key"). A directory, FIFO, device (such as
// /dev/stdin) or socket is refused before it is opened, the open does not
// block (O_NONBLOCK, should a FIFO be swapped in meanwhile) and the opened
// file is checked again, so that nothing here waits on a writer that never
// comes and Ctrl-C keeps working. Errors never quote the content.
func readCredentialFile(path, what string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if err := regularFile(fi, path, what); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("read %s %s: %w", what, path, err)
	}
	if err := regularFile(fi, path, what); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCredentialFile+1))
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", what, path, err)
	}
	if len(data) > maxCredentialFile {
		return nil, fmt.Errorf("read %s %s: larger than %d KiB, so not a %s: pass the JSON file downloaded from the Google Cloud console", what, path, maxCredentialFile>>10, what)
	}
	return data, nil
}

// regularFile refuses anything but a regular file, naming what it is.
func regularFile(fi fs.FileInfo, path, what string) error {
	m := fi.Mode()
	if m.IsRegular() {
		return nil
	}
	kind := "not a regular file"
	switch {
	case m.IsDir():
		kind = "a directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		kind = "a device"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return fmt.Errorf("read %s %s: it is %s, not a regular file: pass the path of the JSON file itself (not a pipe, stdin or directory): %w", what, path, kind, errNotRegular)
}

// errNotRegular marks a credential path that is not a regular file.
var errNotRegular = errors.New("not a regular file")

// Package smallfile reads the small files a person points gwsaudit at
// (keys, client secrets, token caches, config files) without ever blocking
// on one that is not a file.
package smallfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular marks a path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Read reads the regular file at path, at most limit bytes; what names it
// in errors ("service account key") and hint says what to pass instead
// when it is not such a file. A directory, FIFO, device (such as
// /dev/stdin) or socket is refused before it is opened, the open does not
// block (O_NONBLOCK, should a FIFO be swapped in meanwhile) and the opened
// file is checked again, so that nothing waits on a writer that never
// comes and Ctrl-C keeps working. Errors never quote the content.
func Read(path, what string, limit int64, hint string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if err := regular(fi, path, what, hint); err != nil {
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
	if err := regular(fi, path, what, hint); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", what, path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("read %s %s: larger than %d KiB, so not a %s: %s", what, path, limit>>10, what, hint)
	}
	return data, nil
}

// regular refuses anything but a regular file, naming what it is.
func regular(fi fs.FileInfo, path, what, hint string) error {
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
	return fmt.Errorf("read %s %s: it is %s, not a regular file: %s: %w", what, path, kind, hint, ErrNotRegular)
}

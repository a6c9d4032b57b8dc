// Package smallfile reads the small files a person points gwsaudit at
// (keys, client secrets, token caches, config files) without ever blocking
// on one that is not a file.
package smallfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// ErrNotRegular marks a path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Read reads the regular file at path, at most limit bytes; what names it
// in errors (usererr.WhatServiceAccountKey) and hint says what to pass
// instead when it is not such a file; errors are usererr.Errors, said in
// the user's language by the CLI. A directory, FIFO, device (such as
// /dev/stdin) or socket is refused before it is opened, the open does not
// block (O_NONBLOCK, should a FIFO be swapped in meanwhile) and the opened
// file is checked again, so that nothing waits on a writer that never
// comes and Ctrl-C keeps working. Errors never quote the content.
func Read(path string, what usererr.Key, limit int64, hint usererr.Key) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, usererr.Wrap(err, usererr.ReadFile, what)
	}
	if err := regular(fi, path, what, hint); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, usererr.Wrap(err, usererr.ReadFile, what)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, usererr.Wrap(err, usererr.ReadFileAt, what, path)
	}
	if err := regular(fi, path, what, hint); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, usererr.Wrap(err, usererr.ReadFileAt, what, path)
	}
	if int64(len(data)) > limit {
		return nil, usererr.New(usererr.FileTooLarge, what, path, limit>>10, what, hint)
	}
	return data, nil
}

// regular refuses anything but a regular file, naming what it is.
func regular(fi fs.FileInfo, path string, what, hint usererr.Key) error {
	m := fi.Mode()
	if m.IsRegular() {
		return nil
	}
	kind := usererr.NotRegular
	switch {
	case m.IsDir():
		kind = usererr.KindDirectory
	case m&fs.ModeNamedPipe != 0:
		kind = usererr.KindFIFO
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		kind = usererr.KindDevice
	case m&fs.ModeSocket != 0:
		kind = usererr.KindSocket
	}
	e := usererr.New(usererr.NotRegularFile, what, path, kind, hint)
	e.Sentinel = ErrNotRegular
	return e
}

// Package store keeps gwsaudit's run history and the inventory incremental
// runs continue from, in one embedded SQLite database (pure Go, no cgo).
// A store is used by one run at a time: Open takes an exclusive lock on
// PATH.lock for as long as the store is open.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
	_ "modernc.org/sqlite" // database/sql driver "sqlite"
)

// Store is an open, locked gwsaudit database.
type Store struct {
	db   *sql.DB
	path string
	lock *flock.Flock
	// needsAuditLog says which checks read the audit log (SetAuditLogChecks).
	needsAuditLog func(checkID string) bool
}

// SetAuditLogChecks tells the store which checks read the Drive audit log:
// their findings are not resolved by a run that could not read it. Without
// it, no check is taken to read the audit log.
func (s *Store) SetAuditLogChecks(needs func(checkID string) bool) { s.needsAuditLog = needs }

// ErrLocked is returned by Open when another run holds the store.
var ErrLocked = errors.New("store is in use by another gwsaudit run")

// DefaultPath is $XDG_STATE_HOME/gwsaudit/gwsaudit.db, else
// ~/.local/state/gwsaudit/gwsaudit.db; on macOS and Windows it is under
// os.UserConfigDir().
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "gwsaudit", "gwsaudit.db"), nil
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("store location: %w", err)
		}
		return filepath.Join(dir, "gwsaudit", "gwsaudit.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("store location: %w (pass --store PATH)", err)
	}
	return filepath.Join(home, ".local", "state", "gwsaudit", "gwsaudit.db"), nil
}

// Open opens (creating it if needed) the store at path, locks it and
// brings its schema up to date. A second Open of the same path fails with
// ErrLocked, naming the holder's PID, until the first is closed.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	lock, err := acquire(path + ".lock")
	if err != nil {
		return nil, err
	}
	err = restrictFiles(path)
	var db *sql.DB
	if err == nil {
		db, err = openDB(path)
	}
	if err == nil {
		err = migrate(ctx, db)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		lock.Unlock()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return &Store{db: db, path: path, lock: lock}, nil
}

// fileMode is the mode of the database and its -wal and -shm files: the
// history names exposed files, their owners and who they are shared with.
const fileMode = 0o600

// restrictFiles creates the database file with mode 0600 before SQLite
// does (SQLite gives the -wal and -shm files it creates the database
// file's mode), and takes group and other access away from the files of a
// store created before.
func restrictFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("database file: %w", err)
		}
		if fi.Mode().Perm()&^fileMode != 0 {
			if err := os.Chmod(p, fi.Mode().Perm()&fileMode); err != nil {
				return fmt.Errorf("restrict %s to mode 0600: %w", p, err)
			}
		}
	}
	return nil
}

// openDB opens the SQLite file with one connection: a run is a single
// writer, and one connection keeps its reads consistent with its writes.
func openDB(path string) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// acquire takes the exclusive lock and writes our PID into the lock file.
func acquire(lockPath string) (*flock.Flock, error) {
	fl := flock.New(lockPath)
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", lockPath, err)
	}
	if !ok {
		holder := "unknown"
		if b, err := os.ReadFile(lockPath); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				holder = strconv.Itoa(pid)
			}
		}
		return nil, fmt.Errorf("%w (pid %s holds %s); the lock is released when that run ends", ErrLocked, holder, lockPath)
	}
	// The lock is on the file, not its content: the PID is only a hint.
	if f, err := os.OpenFile(lockPath, os.O_WRONLY|os.O_TRUNC, 0o600); err == nil {
		_, _ = f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
		f.Close()
	}
	return fl, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database and releases the lock.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.lock == nil {
		return err
	}
	if uerr := s.lock.Unlock(); err == nil && uerr != nil {
		err = fmt.Errorf("unlock store: %w", uerr)
	}
	return err
}

// tx runs fn in a transaction.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// OpenReader opens the store for reading while a run may hold it: no
// lock, writes refused. A store of an older schema is opened (and
// upgraded) with Open instead.
func OpenReader(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store %s: %w (run gwsaudit audit with --store first)", path, err)
	}
	db, err := openDB(path)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	v, err := currentVersion(ctx, db)
	if err != nil || v != SchemaVersion() {
		db.Close()
		return Open(ctx, path)
	}
	if _, err := db.ExecContext(ctx, `PRAGMA query_only = 1`); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

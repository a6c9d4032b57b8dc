package notify

import (
	"context"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
)

// Sender delivers one rendered message to its recipients.
type Sender interface {
	Send(ctx context.Context, n *Notice, msg []byte) error
	// Describe names where messages go, for logs (no secrets).
	Describe() string
}

// Result is what Deliver did with one notice.
type Result struct {
	Owner string
	Err   error
}

// Deliver renders and sends every notice, one after another; a failure
// for one owner does not stop the others. It returns one result per
// notice, in order, and stops early only when ctx ends. A Sender that is
// an io.Closer is closed at the end.
func Deliver(ctx context.Context, b *Batch, s Sender, from mail.Address, replyTo string) []Result {
	if c, ok := s.(io.Closer); ok {
		defer c.Close()
	}
	out := make([]Result, 0, len(b.Notices))
	for _, n := range b.Notices {
		if ctx.Err() != nil {
			out = append(out, Result{Owner: n.Owner, Err: ctx.Err()})
			continue
		}
		msg, err := Message(n, from, replyTo)
		if err == nil {
			err = s.Send(ctx, n, msg)
		}
		out = append(out, Result{Owner: n.Owner, Err: err})
	}
	return out
}

// DirSender writes each message as DIR/OWNER.eml (mode 0600: the
// messages name people and files) instead of sending it. Close removes the
// .eml files of an earlier run that this one did not write, so that DIR
// holds exactly this run's messages.
type DirSender struct {
	Dir string
	// KeepOthers leaves other .eml files alone (a run for some owners).
	KeepOthers bool
	written    map[string]bool
}

// Send implements Sender.
func (d *DirSender) Send(_ context.Context, n *Notice, msg []byte) error {
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return fmt.Errorf("dry run: %w", err)
	}
	name := emlName(n.Owner)
	if err := os.WriteFile(filepath.Join(d.Dir, name), msg, 0o600); err != nil {
		return fmt.Errorf("dry run: %w", err)
	}
	if d.written == nil {
		d.written = map[string]bool{}
	}
	d.written[name] = true
	return nil
}

// Close removes stale .eml files (only those: nothing else in DIR).
func (d *DirSender) Close() error {
	if d.KeepOthers {
		return nil
	}
	old, err := filepath.Glob(filepath.Join(d.Dir, "*.eml"))
	if err != nil {
		return err
	}
	for _, path := range old {
		if !d.written[filepath.Base(path)] {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("dry run: remove the stale %s: %w", path, err)
			}
		}
	}
	return nil
}

// Describe implements Sender.
func (d *DirSender) Describe() string { return "files in " + d.Dir }

// emlName is the file name of an owner's message: the address with
// anything but letters, digits and ".@+-_" replaced.
func emlName(owner string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(".@+-_", r):
			return r
		}
		return '_'
	}, owner) + ".eml"
}

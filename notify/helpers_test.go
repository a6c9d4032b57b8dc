package notify

import (
	"bytes"
	"context"
	"flag"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixedNow dates the test messages.
func fixedNow() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.FixedZone("JST", 9*3600)) }

var testFrom = mail.Address{Name: "情報政策課", Address: "security@city.sakura.example.jp"}

func load(t *testing.T, name string) *Input {
	t.Helper()
	in, err := LoadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return in
}

func build(t *testing.T, in *Input, opts Options) *Batch {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	if opts.From.Address == "" {
		opts.From = testFrom
	}
	b, err := Build(context.Background(), in, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return b
}

// decoded is a message as a reader sees it.
type decoded struct {
	header  mail.Header
	subject string
	body    string
}

// decode parses a rendered message: headers, the RFC 2047 subject and the
// quoted-printable body (CRLF turned back into LF).
func decode(t *testing.T, raw []byte) decoded {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not a valid message: %v\n%s", err, raw)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("subject: %v", err)
	}
	if m.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
		t.Fatalf("Content-Transfer-Encoding = %q", m.Header.Get("Content-Transfer-Encoding"))
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	return decoded{header: m.Header, subject: subj, body: strings.ReplaceAll(string(body), "\r\n", "\n")}
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./notify -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./notify -update rewrites it):\ngot:\n%s", name, got)
	}
}

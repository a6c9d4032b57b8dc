package smallfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.yaml")
	if err := os.WriteFile(ok, []byte("lang: ja\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if data, err := Read(ok, "config", 1024, "pass a file"); err != nil || string(data) != "lang: ja\n" {
		t.Errorf("regular file: %q, %v", data, err)
	}
	for path, want := range map[string]string{
		fifo: "a named pipe", dir: "a directory", os.DevNull: "a device", big: "larger than 1 KiB",
	} {
		_, err := Read(path, "config", 1024, "pass a file")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "pass a file") {
			t.Errorf("%s: %v, want an error saying %q and the hint", path, err, want)
		}
		if want != "larger than 1 KiB" && !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: %v is not ErrNotRegular", path, err)
		}
	}
}

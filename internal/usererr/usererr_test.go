package usererr

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/gwsaudit/gwsaudit/internal/jatext"
)

// declaredKeys are the Key constants of keys.go, read from its source so
// that a key added without a translation fails here.
func declaredKeys(t *testing.T) map[string]Key {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]Key{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, n := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Fatalf("%s: not a string literal", n.Name)
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				keys[n.Name] = Key(s)
			}
		}
	}
	if len(keys) < 50 {
		t.Fatalf("read %d keys from keys.go, want them all", len(keys))
	}
	return keys
}

var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z%]`)

// args counts the arguments a format uses (explicit indexes counted by
// the highest).
func args(format string) int {
	n, next := 0, 0
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if strings.HasSuffix(m[0], "%") {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		} else {
			next++
		}
		n = max(n, next)
	}
	return n
}

// extraArgs are the keys whose callers pass more arguments than the
// English uses: the Japanese says more.
var extraArgs = map[Key]int{FlagError: 2}

// TestCatalogComplete: every key has a Japanese text that takes the same
// arguments and has no English run outside flags, names and commands.
func TestCatalogComplete(t *testing.T) {
	ja := catalogs["ja"].messages
	for name, k := range declaredKeys(t) {
		tr, ok := ja[k]
		if !ok || tr == "" {
			t.Errorf("%s has no Japanese text", name)
			continue
		}
		if want := cmp.Or(extraArgs[k], args(string(k))); args(tr) != want {
			t.Errorf("%s: Japanese takes %d arguments, English %d:\n%s\n%s", name, args(tr), args(string(k)), k, tr)
		}
		plain := regexp.MustCompile("`[^`]*`|（詳細：%[^）]*）").ReplaceAllString(tr, "■")
		plain = verb.ReplaceAllString(plain, "■")
		if runs := jatext.EnglishRuns(plain, nil); len(runs) > 0 {
			t.Errorf("%s: English in the Japanese text: %q", name, runs)
		}
		if en := Sprintf("en", k); en != string(k) {
			t.Errorf("%s: English %q is not the key", name, en)
		}
	}
	if len(ja) != len(declaredKeys(t)) {
		t.Errorf("the Japanese catalog has %d entries for %d keys", len(ja), len(declaredKeys(t)))
	}
}

// TestLocalize: English is the key's text and the cause's, unchanged;
// Japanese translates the message, its phrase arguments and the common
// system causes, keeps English context wrapped around it in front, and
// quotes any other cause as detail.
func TestLocalize(t *testing.T) {
	notFound := &fs.PathError{Op: "stat", Path: "/k.json", Err: syscall.ENOENT}
	e := Wrap(notFound, ReadFile, WhatServiceAccountKey)
	wrapped := fmt.Errorf("--credentials /k.json: %w", e)
	if got, want := Localize(wrapped, "en"), "--credentials /k.json: read service account key: stat /k.json: no such file or directory"; got != want {
		t.Errorf("en = %q, want %q", got, want)
	}
	if got, want := Localize(wrapped, "ja"), "--credentials /k.json: サービスアカウントキーを読み込めません：/k.json がありません"; got != want {
		t.Errorf("ja = %q, want %q", got, want)
	}
	if !errors.Is(wrapped, fs.ErrNotExist) {
		t.Error("the chain lost its cause")
	}
	google := Wrap(errors.New("yaml: line 1: did not find expected ']'"), ConfigParse, "c.yaml")
	if got, want := Localize(google, "ja"), "設定ファイル c.yaml を読み込めません。YAML の書き方を確認してください（詳細：yaml: line 1: did not find expected ']'）"; got != want {
		t.Errorf("ja detail = %q, want %q", got, want)
	}
	if got, want := google.Error(), "read config c.yaml: yaml: line 1: did not find expected ']'"; got != want {
		t.Errorf("en detail = %q, want %q", got, want)
	}
	// No Localizer in the chain: the text as it is, in any language.
	plain := errors.New("exit status 1")
	if Localize(plain, "ja") != "exit status 1" || Localize(nil, "ja") != "" {
		t.Error("a plain error changed")
	}
	// A language without a catalog is English.
	if Localize(e, "fr") != e.Error() {
		t.Errorf("fr = %q", Localize(e, "fr"))
	}
	// A wrapper that rewords the message keeps its own words.
	reworded := fmt.Errorf("setup failed (%w)", New(NoAdmin))
	if Localize(reworded, "ja") != reworded.Error() {
		t.Errorf("reworded = %q", Localize(reworded, "ja"))
	}
	// A sentinel is found by errors.Is and not printed twice.
	sentinel := errors.New("not a regular file")
	n := New(NotRegularFile, WhatConfig, "/dev/stdin", KindDevice, HintConfigFile)
	n.Sentinel = sentinel
	if !errors.Is(n, sentinel) || errors.Is(n, fs.ErrNotExist) {
		t.Error("Is: wrong sentinel match")
	}
	if got := n.Localized("ja"); !strings.Contains(got, "これはデバイスで") || strings.Count(got, "通常のファイルではありません") != 1 {
		t.Errorf("ja = %q", got)
	}
}

// Package usererr holds the errors a person meets and fixes (a missing
// flag, a key file that is not a key, a refused delegation), said in their
// language. An Error carries a message key and its arguments; the key is
// the English sentence itself (a format string, as gettext's msgid), so
// Error() is the English text, unchanged wherever it is printed or logged,
// and the catalogs (ja.go) give the other languages. Localize renders any
// error chain: the parts that are Localizers in the language asked, the
// rest (Google's or the system's own text) as they are, quoted as detail.
package usererr

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Key is a message: its English format string. Keys are declared in
// keys.go; every one has a translation in each catalog (usererr_test.go).
type Key string

// Localizer is an error that can say itself in a language ("en", "ja").
type Localizer interface {
	error
	Localized(lang string) string
}

// Error is an error a person can fix: a message and its arguments, and
// the cause it wraps (its text follows the message after a colon). An
// argument of type Key is a phrase, translated too; an argument that is
// an error is localized.
type Error struct {
	Key   Key
	Args  []any
	Cause error
	// Sentinel, when set, is what errors.Is finds in it (the message
	// already says it, so it is not printed).
	Sentinel error
}

// Is reports whether target is the error's sentinel.
func (e *Error) Is(target error) bool { return e.Sentinel != nil && target == e.Sentinel }

// New returns the message key with args.
func New(key Key, args ...any) *Error { return &Error{Key: key, Args: args} }

// Wrap returns the message key with args, followed by cause.
func Wrap(cause error, key Key, args ...any) *Error {
	return &Error{Key: key, Args: args, Cause: cause}
}

// Error is the English text.
func (e *Error) Error() string { return e.Localized("en") }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Localized is the message in lang (English for a language without a
// catalog), then its cause.
func (e *Error) Localized(lang string) string {
	c := catalogFor(lang)
	s := Sprintf(lang, e.Key, e.Args...)
	if e.Cause == nil {
		return s
	}
	if text, ok := causeText(e.Cause, lang); ok {
		return s + c.sep + text
	}
	return s + fmt.Sprintf(c.detail, e.Cause.Error())
}

// Sprintf formats key in lang with args (phrases and errors in args
// localized too).
func Sprintf(lang string, key Key, args ...any) string {
	c := catalogFor(lang)
	format := string(key)
	if t, ok := c.messages[key]; ok {
		format = t
	}
	if len(args) == 0 {
		return format
	}
	local := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Key:
			local[i] = Sprintf(lang, v)
		case error:
			local[i] = Localize(v, lang)
		default:
			local[i] = a
		}
	}
	return fmt.Sprintf(format, local...)
}

// Localize renders err in lang. The outermost Localizer in its chain says
// itself in lang; English context wrapped around it (fmt.Errorf("…: %w"))
// stays in front. An error with no Localizer in its chain is its own text.
func Localize(err error, lang string) string {
	if err == nil {
		return ""
	}
	full := err.Error()
	if isEnglish(lang) {
		return full
	}
	var l Localizer
	if !errors.As(err, &l) {
		return full
	}
	prefix, ok := strings.CutSuffix(full, l.Error())
	if !ok {
		return full // the wrapper reworded it: keep what it says
	}
	return prefix + l.Localized(lang)
}

// causeText is a cause after a message in lang, and whether lang could
// say it: a Localizer, or a common system error on a path (no such file,
// permission denied). Anything else (Google's or the system's own words)
// is not, and is quoted as detail.
func causeText(err error, lang string) (string, bool) {
	if isEnglish(lang) {
		return err.Error(), true
	}
	var l Localizer
	if errors.As(err, &l) {
		return Localize(err, lang), true
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return Sprintf(lang, PathNotExist, pe.Path), true
		case errors.Is(err, fs.ErrPermission):
			return Sprintf(lang, PathPermission, pe.Path), true
		}
	}
	return "", false
}

// catalog is one language's messages and punctuation.
type catalog struct {
	messages map[Key]string
	// sep joins a message and its cause; detail follows a message with
	// a cause left in English (one %s).
	sep, detail string
}

var catalogs = map[string]*catalog{
	"en": {sep: ": ", detail: ": %s"},
}

// isEnglish: lang is English, or a language without a catalog.
func isEnglish(lang string) bool {
	_, ok := catalogs[lang]
	return lang == "en" || !ok
}

func catalogFor(lang string) *catalog {
	if c, ok := catalogs[lang]; ok {
		return c
	}
	return catalogs["en"]
}

package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxNameBytes bounds a file name made from an address or org unit path
// before its extension (file systems allow 255 bytes).
const maxNameBytes = 150

// windowsDevices are names Windows will not create a file under, with or
// without an extension.
var windowsDevices = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// safeFileName turns an address, org unit path or drive name into one
// file name component: letters and digits of any script, '.', '-', '_',
// '@' and '+' are kept, every other character (path separators, spaces,
// controls, quotes) becomes '_', runs of '_' collapse, and leading and
// trailing dots, '_' and '-' go, so the name never climbs out of its
// directory, hides itself or names a device. fallback is used when
// nothing is left.
func safeFileName(s, fallback string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".-_@+", r):
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	out := b.String()
	for strings.Contains(out, "__") {
		out = strings.ReplaceAll(out, "__", "_")
	}
	for strings.Contains(out, "..") {
		out = strings.ReplaceAll(out, "..", ".")
	}
	out = strings.Trim(out, "._-")
	if len(out) > maxNameBytes {
		cut := maxNameBytes
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = strings.Trim(out[:cut], "._-")
	}
	if out == "" {
		out = fallback
	}
	if base, _, _ := strings.Cut(strings.ToLower(out), "."); windowsDevices[base] {
		out = "_" + out
	}
	return out
}

// nameTaker hands out file names that differ from each other and from
// reserved ones, ignoring case (macOS and Windows fold it): a name already
// given gets "-2", "-3"… .
type nameTaker map[string]bool

func (t nameTaker) take(name string) string {
	out := name
	for n := 2; t[strings.ToLower(out)]; n++ {
		out = name + "-" + strconv.Itoa(n)
	}
	t[strings.ToLower(out)] = true
	return out
}

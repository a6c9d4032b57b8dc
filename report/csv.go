package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// utf8BOM makes Excel in Japan open a CSV as UTF-8 rather than Shift_JIS.
const utf8BOM = "\ufeff"

// WriteCSV writes one row per exposure (see Exposure) under a header in
// lang ("" is English), then, with a run history, one row per resolved
// exposure (status "resolved", no severity), so the file stays one table. bom prefixes the UTF-8 byte order mark Excel needs. Every cell
// is neutralized against formula injection (see inert).
func WriteCSV(w io.Writer, d *Document, lang string, bom bool) error {
	t, err := newTable(d, lang)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString(utf8BOM)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	rec := make([]string, numSheetColumns)
	for i, h := range t.sheetHeader() {
		rec[i] = inert(h)
	}
	if err := cw.Write(rec); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	for _, r := range append(slices.Clone(t.rows), t.resolved...) {
		for i, v := range r.Sheet {
			rec[i] = inert(v)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("report: write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
}

// inert keeps a spreadsheet from reading s as a formula: text whose first
// character after any leading white space (including the ideographic space
// U+3000 and a byte order mark, which spreadsheets skip) is =, +, -, @, a tab
// or a carriage return, or one of their full-width forms, which Japanese
// IMEs type, gets a leading apostrophe, the spreadsheet convention for "this
// is text". Everything else is returned unchanged.
func inert(s string) string {
	rest := strings.TrimLeftFunc(s, func(r rune) bool {
		return r != '\t' && r != '\r' && (unicode.IsSpace(r) || r == '\ufeff')
	})
	if r, _ := utf8.DecodeRuneInString(rest); rest != "" && strings.ContainsRune(formulaStarts, r) {
		return "'" + s
	}
	return s
}

// formulaStarts are the first characters a spreadsheet may read as the
// start of a formula (OWASP CSV injection), plus full-width forms.
const formulaStarts = "=+-@\t\r＝＋－＠"

// Package formpage reads a Google Form's settings from its public responder
// page (viewform). Google's Forms API exposes none of them; the page embeds
// them in `var FB_PUBLIC_LOAD_DATA_ = [...]`, whose layout is undocumented
// (see layout.go for the indices and where they come from).
package formpage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// Limits on the input.
const (
	// MaxPageSize is the largest page accepted (real pages are 50–250 KiB).
	MaxPageSize = 8 << 20
	// MaxDepth is the deepest array/object nesting accepted.
	MaxDepth = 64
)

var (
	// ErrNoFormData means the page carries no FB_PUBLIC_LOAD_DATA_.
	ErrNoFormData = errors.New("formpage: no FB_PUBLIC_LOAD_DATA_ on page")
	// ErrSignInPage means the page is Google's sign-in page: the form is
	// restricted to signed-in (usually organisation) users. It matches
	// ErrNoFormData with errors.Is.
	ErrSignInPage = fmt.Errorf("%w (Google sign-in page)", ErrNoFormData)
	// ErrNotJSON means FB_PUBLIC_LOAD_DATA_ is present but not strict JSON.
	ErrNotJSON = errors.New("formpage: FB_PUBLIC_LOAD_DATA_ is not JSON")
	// ErrUnrecognised means FB_PUBLIC_LOAD_DATA_ parsed, but the block
	// holding the summary flag ([1][2]) is in no layout seen on a real
	// page: the setting is unknown, never "off".
	ErrUnrecognised = errors.New("formpage: summary settings block [1][2] not in any known layout")
	// ErrTooLarge means the page exceeds MaxPageSize.
	ErrTooLarge = fmt.Errorf("formpage: page larger than %d bytes", MaxPageSize)
)

// Page is everything read from a responder page.
type Page struct {
	Settings model.PageSettings
	// PublishedID is the ID in the public URL …/forms/d/e/<PublishedID>/viewform.
	PublishedID string
	// FileName is the form's Drive file name ([3]).
	FileName            string
	ConfirmationMessage string
	RespondAgainLink    bool
	// DefaultResponseSettings is true when the [1][2] block is null: the
	// owner never changed the confirmation settings, so Google's defaults
	// (summary off, edit off, respond-again on) apply.
	DefaultResponseSettings bool
	// SignInFlag is [18] == 1; SignInToContinue is the HTML marker
	// data-sign-in-to-continue="true". Settings.SignInRequired is either.
	SignInFlag       bool
	SignInToContinue bool
	// SignedIn is true when the page was fetched by a signed-in user
	// (data-user-email-address is not empty). The address is not kept.
	SignedIn bool
}

// Parse reads the settings from a responder page.
func Parse(html []byte) (*model.PageSettings, error) {
	p, err := ParsePage(html)
	if err != nil {
		return nil, err
	}
	return &p.Settings, nil
}

// Read reads at most MaxPageSize bytes of a page from r and parses it.
func Read(r io.Reader) (*Page, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxPageSize+1))
	if err != nil {
		return nil, fmt.Errorf("formpage: read page: %w", err)
	}
	return ParsePage(b)
}

// ParsePage reads everything this package knows from a responder page.
func ParsePage(html []byte) (*Page, error) {
	if len(html) > MaxPageSize {
		return nil, ErrTooLarge
	}
	lit, err := extract(html)
	if err != nil {
		return nil, err
	}
	top, err := decode(lit)
	if err != nil {
		return nil, err
	}
	if _, ok := idxForm.get(top).([]any); !ok {
		return nil, fmt.Errorf("%w: form body [1] missing or not an array", ErrNotJSON)
	}
	if err := checkResponseBlock(top); err != nil {
		return nil, err
	}
	p := fromData(top)
	p.SignInToContinue = bytes.Contains(html, []byte(`data-sign-in-to-continue="true"`))
	p.SignedIn = signedIn(html)
	p.Settings.SignInRequired = p.SignInFlag || p.SignInToContinue
	return p, nil
}

// checkResponseBlock accepts [1][2] only as every real capture has it:
// present and null (never customised), or at least
// [message, respondAgain, summary, edit] with 0/1 flags. A missing block, a
// short one or another value is ErrUnrecognised.
func checkResponseBlock(top []any) error {
	form, _ := idxForm.get(top).([]any)
	if len(form) <= idxResponseBlock[1] {
		return fmt.Errorf("%w: the form body [1] has only %d entries", ErrUnrecognised, len(form))
	}
	block := form[idxResponseBlock[1]]
	if block == nil {
		return nil
	}
	b, ok := block.([]any)
	if !ok || len(b) < 4 {
		return fmt.Errorf("%w: %s", ErrUnrecognised, describe(block))
	}
	if _, ok := b[0].(string); !ok && b[0] != nil {
		return fmt.Errorf("%w: confirmation message is %s", ErrUnrecognised, describe(b[0]))
	}
	for i := 1; i < 4; i++ {
		if n, ok := b[i].(jsonNumber); !ok || (n != "0" && n != "1") {
			return fmt.Errorf("%w: flag [1][2][%d] is %s, want 0 or 1", ErrUnrecognised, i, describe(b[i]))
		}
	}
	return nil
}

// describe names a decoded value's kind for an error, without its content.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case []any:
		return fmt.Sprintf("an array of %d", len(x))
	case string:
		return "a string"
	case jsonNumber:
		if len(x) > 12 {
			return "a long number"
		}
		return "the number " + string(x)
	case bool:
		return fmt.Sprintf("%v", x)
	}
	return "an object"
}

// fromData maps the decoded array to a Page.
func fromData(top []any) *Page {
	p := &Page{
		FileName:                idxFileName.str(top),
		ConfirmationMessage:     idxConfirmationMessage.str(top),
		RespondAgainLink:        idxRespondAgain.flag(top),
		DefaultResponseSettings: idxResponseBlock.isNull(top),
		SignInFlag:              idxSignInRequired.flag(top),
	}
	if p.DefaultResponseSettings {
		p.RespondAgainLink = true
	}
	if id, ok := strings.CutPrefix(idxPublishedPath.str(top), "e/"); ok {
		p.PublishedID = id
	}
	s := &p.Settings
	s.SummaryPublished = idxPublishSummary.flag(top)
	s.AllowResponseEdits = idxAllowEdit.flag(top)
	s.OneResponsePerUser = idxOneResponse.flag(top)
	s.EmailCollection = emailCollection(top)
	s.Title = strings.TrimSpace(idxTitle.str(top))
	if s.Title == "" {
		s.Title = strings.TrimSpace(p.FileName)
	}
	s.Questions = questions(top)
	return p
}

// emailCollection reads [1][10][6]; older forms only have the pre-2022
// on/off flag at [1][10][4], read as responder input (inferred).
func emailCollection(top []any) int {
	switch n := idxEmailCollection.int(top); n {
	case EmailNone, EmailVerified, EmailResponderInput:
		return n
	}
	if idxEmailCollection.isNull(top) && idxLegacyEmail.int(top) == 1 {
		return EmailResponderInput
	}
	return 0
}

// questions lists the non-empty item titles.
func questions(top []any) []string {
	items, _ := idxItems.get(top).([]any)
	var qs []string
	for _, it := range items {
		if t := strings.TrimSpace(path{itemTitle}.str(it)); t != "" {
			qs = append(qs, t)
		}
	}
	return qs
}

// signedIn reports whether data-user-email-address has a value.
func signedIn(html []byte) bool {
	const attr = `data-user-email-address="`
	i := bytes.Index(html, []byte(attr))
	return i >= 0 && i+len(attr) < len(html) && html[i+len(attr)] != '"'
}

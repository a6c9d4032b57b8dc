package formpage

// Positions inside FB_PUBLIC_LOAD_DATA_. They were reverse-engineered
// (vvd170501/python-gforms, Vryntel/Form-Duplicator, Leftium/veneer) and
// checked against real captures; Google documents none of them. Keep every
// index here so that a layout change is corrected in one place.
var (
	// idxForm is the form body: [1].
	idxForm = path{1}
	// idxItems is the item list; each item is [id, title, desc, type, …].
	idxItems = path{1, 1}
	// idxConfirmationMessage .. idxAllowEdit live in the [1][2] block, which
	// is null when the owner never changed these settings (defaults: respond
	// again on, summary off, edit off).
	idxResponseBlock       = path{1, 2}
	idxConfirmationMessage = path{1, 2, 0}
	idxRespondAgain        = path{1, 2, 1}
	// idxPublishSummary is 「結果の概要を表示する」 / "See summary charts and
	// text responses". The single most important index of this package.
	idxPublishSummary = path{1, 2, 2}
	idxAllowEdit      = path{1, 2, 3}
	// idxTitle is the title respondents see.
	idxTitle = path{1, 8}
	// The [1][10] block, often shorter than 7 in older forms.
	idxOneResponse     = path{1, 10, 1}
	idxLegacyEmail     = path{1, 10, 4} // pre-2022 "collect email addresses"
	idxEmailCollection = path{1, 10, 6} // 1 none, 2 verified, 3 responder input
	// idxFileName is the Drive file name.
	idxFileName = path{3}
	// idxPublishedPath is "e/<publishedId>".
	idxPublishedPath = path{14}
	// idxSignInRequired is 1 when any Google account must sign in.
	idxSignInRequired = path{18}
)

// itemTitle is the position of the title inside one item of idxItems.
const itemTitle = 1

// Email collection values at idxEmailCollection.
const (
	EmailNone           = 1
	EmailVerified       = 2
	EmailResponderInput = 3
)

// path is a list of array indices into the decoded data.
type path []int

// get walks p through nested arrays; it returns nil when any step is
// missing, null or not an array.
func (p path) get(v any) any {
	for _, i := range p {
		a, ok := v.([]any)
		if !ok || i < 0 || i >= len(a) {
			return nil
		}
		v = a[i]
	}
	return v
}

// flag reads p as a 0/1 (or boolean) flag; absent and null are false.
func (p path) flag(v any) bool {
	switch x := p.get(v).(type) {
	case bool:
		return x
	case jsonNumber:
		f, _ := x.Float64() // out of range: ±Inf or 0, still usable
		return f != 0
	}
	return false
}

// int reads p as a small integer; absent, null and non-integers are 0.
func (p path) int(v any) int {
	x, ok := p.get(v).(jsonNumber)
	if !ok {
		return 0
	}
	n, err := x.Int64()
	if err != nil || n < -1<<31 || n > 1<<31-1 {
		return 0
	}
	return int(n)
}

// str reads p as a string; anything else is "".
func (p path) str(v any) string {
	s, _ := p.get(v).(string)
	return s
}

// isNull reports whether p is absent or null.
func (p path) isNull(v any) bool { return p.get(v) == nil }

package formpage

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMarkersInEveryRealPage: ClassifySummary decides only on what every
// real capture carries: the Forms build label and the form's published ID.
func TestMarkersInEveryRealPage(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(realPages, "*.html"))
	if len(files) != 5 {
		t.Fatalf("%d real pages in %s, want 5", len(files), realPages)
	}
	for _, f := range files {
		html, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParsePage(html)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !bytes.Contains(html, formsAppMarker) || !bytes.Contains(html, []byte(p.PublishedID)) {
			t.Errorf("%s lacks the Forms build label or its published ID", filepath.Base(f))
		}
		if got := ClassifySummary(http.StatusOK, html, p.PublishedID); got != SummaryServed {
			t.Errorf("%s served for its own ID: %v, want served", filepath.Base(f), got)
		}
		if got := ClassifySummary(http.StatusOK, html, "1FAIpQLSanotherform"); got != SummaryUnrecognised {
			t.Errorf("%s served for another form's ID: %v, want unrecognised", filepath.Base(f), got)
		}
		if got := ClassifySummary(http.StatusForbidden, html, ""); got != SummaryRefused {
			t.Errorf("%s as a 403: %v, want refused", filepath.Base(f), got)
		}
		for _, status := range []int{http.StatusNotFound, http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusFound} {
			if got := ClassifySummary(status, html, p.PublishedID); got != SummaryUnrecognised {
				t.Errorf("%s with status %d: %v, want unrecognised", filepath.Base(f), status, got)
			}
		}
	}
}

// TestSummaryUnrecognised: what is not recognisably Google Forms' answer is
// neither "published" nor "not published".
func TestSummaryUnrecognised(t *testing.T) {
	const pid = "1FAIpQLSclosedform"
	label := `<script>_docs_flag_initialData={"buildLabel":"apps-forms.freebird_20260628.08_p1"};</script>`
	signIn, err := os.ReadFile(filepath.Join("testdata", "google-signin.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		status int
		body   string
	}{
		// The 2021 "you need permission" markers alone no longer decide.
		"2021 permission page": {403, `<div class="freebirdFormviewerViewResponseNoPermission">You need permission</div>`},
		"proxy block page":     {200, `<html><title>Access denied</title>Blocked by policy: docs.google.com/forms/d/e/` + pid + `</html>`},
		"unusual traffic":      {403, `<html><body>Our systems have detected unusual traffic from your computer network.</body></html>`},
		"captive portal":       {200, `<html><body>Please log in to the municipal Wi-Fi</body></html>`},
		"forms page, no id":    {200, label + `<div>Summary</div>`},
		"forms page, tiny id":  {200, label + `1FA`},
		"sign-in page":         {200, label + string(signIn) + pid},
		"empty":                {200, ""},
		"forms 404":            {404, label + pid},
	} {
		if got := ClassifySummary(c.status, []byte(c.body), pid); got != SummaryUnrecognised {
			t.Errorf("%s: %v, want unrecognised", name, got)
		}
	}
	if ClassifySummary(200, []byte(label+"<a href=\"/forms/d/e/"+pid+"/viewform\">"), pid) != SummaryServed {
		t.Error("a Forms page naming the form: not served")
	}
	if ClassifySummary(200, []byte(strings.Repeat(" ", MaxPageSize)+label+pid), pid) != SummaryUnrecognised {
		t.Error("a page over MaxPageSize recognised")
	}
}

// FuzzClassifySummary: never panics; "served" only for a 200 naming the
// form with the build label, "refused" only for a 403 with it.
func FuzzClassifySummary(f *testing.F) {
	f.Add(200, []byte(`"buildLabel":"apps-forms.freebird_1" 1FAIpQLSx12345`), "1FAIpQLSx12345")
	f.Add(403, []byte(`"buildLabel":"apps-forms.freebird_1"`), "")
	f.Add(403, []byte(`You need permission`), "x")
	f.Add(200, []byte(`id="identifierId" "buildLabel":"apps-forms.freebird_`), "id=")
	f.Fuzz(func(t *testing.T, status int, body []byte, pid string) {
		got := ClassifySummary(status, body, pid)
		switch got {
		case SummaryServed:
			if status != 200 || len(pid) < minPublishedID || !bytes.Contains(body, []byte(pid)) || !bytes.Contains(body, formsAppMarker) {
				t.Fatalf("served: status %d, pid %q", status, pid)
			}
		case SummaryRefused:
			if status != 403 || !bytes.Contains(body, formsAppMarker) {
				t.Fatalf("refused: status %d", status)
			}
		}
	})
}

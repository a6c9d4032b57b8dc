package auditor

import "testing"

func TestSummaryURL(t *testing.T) {
	cases := []struct{ in, want, pid string }{
		{"https://docs.google.com/forms/d/e/1FAIpQLSx/closedform", "https://docs.google.com/forms/d/e/1FAIpQLSx/viewanalytics", "1FAIpQLSx"},
		{"https://docs.google.com/forms/d/e/1FAIpQLSx/viewform?usp=sf_link#x", "https://docs.google.com/forms/d/e/1FAIpQLSx/viewanalytics", "1FAIpQLSx"},
		{"https://docs.google.com/forms/u/0/d/e/1FAIpQLSx/closedform", "https://docs.google.com/forms/u/0/d/e/1FAIpQLSx/viewanalytics", "1FAIpQLSx"},
		{"http://127.0.0.1:8089/forms/d/e/P/closedform", "http://127.0.0.1:8089/forms/d/e/P/viewanalytics", "P"},
		{"https://docs.google.com/forms/d/FILEID/edit", "", ""},
		{"https://docs.google.com/forms/d/e/", "", ""},
		{"/forms/d/e/P/viewform", "", ""},
	}
	for _, c := range cases {
		got, pid, ok := summaryURL(c.in)
		if got != c.want || pid != c.pid || ok != (c.want != "") {
			t.Errorf("summaryURL(%q) = %q, %q, %v; want %q, %q", c.in, got, pid, ok, c.want, c.pid)
		}
	}
	if !isClosedPage("https://docs.google.com/forms/d/e/X/closedform?x=1") || isClosedPage("https://docs.google.com/forms/d/e/X/viewform") {
		t.Error("isClosedPage")
	}
}

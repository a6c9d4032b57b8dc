package emulator

import (
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// fbLoadData builds FB_PUBLIC_LOAD_DATA_ in the 2026 layout (top level 20
// long). See auditor/formpage/testdata/real/README.md for the meaning of each index.
func fbLoadData(f *File) []any {
	fm := f.Form
	items := make([]any, len(fm.Questions))
	for i, q := range fm.Questions {
		seed := f.ID + "/" + strconv.Itoa(i)
		items[i] = []any{smallID("item:" + seed), q, nil, 0, []any{[]any{smallID("entry:" + seed), nil, 0}}}
	}
	var desc any
	if fm.Description != "" {
		desc = fm.Description
	}
	email := map[string]int{"DO_NOT_COLLECT": 1, "VERIFIED": 2, "RESPONDER_INPUT": 3}[fm.EmailCollection]
	inner := make([]any, 26)
	inner[0] = desc
	inner[1] = items
	inner[2] = []any{"", 1, b2i(fm.SummaryPublished), b2i(fm.AllowEdit), 0}
	inner[5] = []any{nil, 0}
	inner[8] = fm.Title
	inner[9] = 49
	inner[10] = []any{0, b2i(fm.OneResponse), nil, 2, nil, nil, email}
	inner[14] = "en"
	inner[15] = []any{2}
	inner[25] = []any{nil, fm.Title}
	top := make([]any, 20)
	top[1] = inner
	top[2] = "/forms"
	top[3] = f.Name
	top[7], top[12], top[16] = "", "", "[]"
	top[9], top[10], top[13], top[15], top[17] = 0, 0, 0, 0, 0
	top[14] = "e/" + fm.PublishedID
	top[18] = b2i(fm.SignIn == "any")
	top[19] = 1
	return top
}

// smallID is a stable positive 31-bit number, like Google's item IDs.
func smallID(s string) int64 {
	n, _ := strconv.ParseInt(hashHex(s)[:8], 16, 64)
	return n&0x7fffffff | 0x40000000
}

// formPageHTML renders the responder page around the data script, shaped
// like a real 2026 capture.
func formPageHTML(f *File, base, page string) string {
	data, _ := json.Marshal(fbLoadData(f)) // strict JSON, <>& escaped
	title := html.EscapeString(f.Form.Title)
	signIn := ""
	if f.Form.SignIn == "any" {
		signIn = ` data-sign-in-to-continue="true"`
	}
	var qs strings.Builder
	for _, q := range f.Form.Questions {
		fmt.Fprintf(&qs, `<div role="listitem" class="Qr7Oae"><div jsmodel="CP1oW"><div role="heading" aria-level="3" class="M7eMe">%s</div><input type="text" class="whsOnd zHQkBf" jsname="YPqjbf" autocomplete="off" tabindex="0" aria-labelledby="i1" dir="auto"></div></div>`,
			html.EscapeString(q))
	}
	nonce := hashHex("nonce:" + f.ID)[:22]
	return `<!DOCTYPE html><html lang="en" class="HB1eCd-UMrnmb"><head><link rel="shortcut icon" sizes="16x16" href="https://ssl.gstatic.com/docs/spreadsheets/forms/favicon_qp2.png">` +
		`<title>` + title + `</title><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<meta property="og:title" content="` + title + `"><meta property="og:type" content="article"><meta property="og:site_name" content="Google Docs">` +
		`<meta property="og:url" content="` + html.EscapeString(page) + `"><meta itemprop="name" content="` + title + `"></head>` +
		`<body dir="ltr" class="lrKTG" jscontroller="lSvzH" jsaction="rcuQ6b:JdcaS;"><div class="Uc2NEf"><div class="RH5hzf RLS9Fe">` +
		`<form action="` + html.EscapeString(base+"/forms/u/0/d/e/"+f.Form.PublishedID+"/formResponse") + `" target="_self" method="POST" id="mG61Hd" jsmodel="TOfxwf Q91hve CEkLOc">` +
		`<div jsname="NAIPbb" data-has-retryable-error="false" data-response-too-large="false" data-too-many-responses="false" data-in-prepopulate-mode="false" data-validation-failed="false"` + signIn +
		` data-email-from-recipient-required="false" data-is-editing-response="false" data-show-respond-again-link="true"><div class="lrKTG"><div class="F9yp7e ikZYwf LgNcQe" dir="auto" role="heading" aria-level="1">` + title + `</div>` +
		`<div role="list" class="o3Dpx">` + qs.String() + `</div></div></div></form></div></div>` +
		`<script nonce="` + nonce + `">var FB_PUBLIC_LOAD_DATA_ = ` + string(data) + `;</script>` +
		`<script id="base-js" src="https://www.gstatic.com/_/freebird/_/js/k=freebird.v.en.emulator/m=viewer_base" nonce="` + nonce + `"></script></body></html>`
}

package emulator

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
)

// pageHandler answers a public (unauthenticated) web page.
type pageHandler func(w http.ResponseWriter, r *http.Request, ix *index)

func (s *Server) pageRoutes() {
	s.mux.Handle("GET /forms/d/e/{pid}/viewform", s.servePage("page.viewform", s.viewForm))
	s.mux.Handle("GET /forms/d/e/{pid}/viewanalytics", s.servePage("page.viewanalytics", s.viewAnalytics))
	s.mux.Handle("GET /forms/d/e/{pid}/closedform", s.servePage("page.closedform", s.closedForm))
	s.mux.Handle("GET /forms/d/{formId}/edit", s.servePage("page.edit", s.editForm))
	s.mux.Handle("GET /site/{path...}", s.servePage("site.get", s.sitePage))
}

// servePage wraps a page with counting, latency and faults (HTML bodies).
func (s *Server) servePage(name string, h pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count(name)
		if !s.delay(r) {
			return
		}
		if e := s.fault(); e != nil {
			if e.RetryAfter != "" {
				w.Header().Set("Retry-After", e.RetryAfter)
			}
			htmlPage(w, e.Code, "Error "+fmt.Sprint(e.Code), "<p>"+html.EscapeString(e.Message)+"</p>")
			return
		}
		s.mu.RLock()
		defer s.mu.RUnlock()
		h(w, r, s.ix)
	})
}

// htmlPage writes a minimal Google-looking HTML page.
func htmlPage(w http.ResponseWriter, code int, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head><body>%s</body></html>",
		html.EscapeString(title), body)
}

func notFoundPage(w http.ResponseWriter) {
	htmlPage(w, http.StatusNotFound, "Page Not Found",
		`<div id="af-error-container"><p><b>404.</b> <ins>That’s an error.</ins></p><p>Sorry, the file you have requested does not exist.</p></div>`)
}

// signInRedirect sends an anonymous visitor to Google's sign-in page.
func signInRedirect(w http.ResponseWriter, page string) {
	loc := "https://accounts.google.com/v3/signin/identifier?continue=" + url.QueryEscape(page) +
		"&followup=" + url.QueryEscape(page) + "&service=wise&flowName=GlifWebSignIn&flowEntry=ServiceLogin"
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusFound)
}

// publishedForm finds a live form by published ID.
func publishedForm(ix *index, pid string) *File {
	f := ix.published[pid]
	if f == nil || f.Trashed || f.Form.Unpublished {
		return nil
	}
	return f
}

// restricted reports whether Google sends an anonymous visitor of the
// form's public pages to sign-in: the form is limited to the organisation
// (sign_in: domain), or its responder grants (view: published) name only
// domains, groups or people — no anyone grant. A form whose tenant entry
// lists no responder grant is open to anyone with the link.
func restricted(f *File) bool {
	if f.Form.SignIn == "domain" {
		return true
	}
	responders, anyone := false, false
	for _, p := range f.Permissions {
		if p.View == "published" {
			responders = true
			anyone = anyone || p.Type == "anyone"
		}
	}
	return responders && !anyone
}

// viewForm is the responder page, carrying FB_PUBLIC_LOAD_DATA_.
func (s *Server) viewForm(w http.ResponseWriter, r *http.Request, ix *index) {
	pid := r.PathValue("pid")
	f := publishedForm(ix, pid)
	base := s.baseFor(r)
	page := base + "/forms/d/e/" + pid + "/viewform"
	switch {
	case f == nil:
		notFoundPage(w)
	case restricted(f):
		signInRedirect(w, page)
	case f.Form.NotAccepting:
		http.Redirect(w, r, base+"/forms/d/e/"+pid+"/closedform", http.StatusFound)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(formPageHTML(f, base, page)))
	}
}

// viewAnalytics is the response-summary page, also for a form that no
// longer accepts responses: behind the same sign-in wall as viewform;
// served when the owner published the summary; otherwise Google's "you
// need permission" page (403). Inferred: no capture of a real summary page
// exists. Both carry what every real Forms page does (the build label in
// _docs_flag_initialData) and the served one names the form; the auditor
// treats any other answer as a gap.
func (s *Server) viewAnalytics(w http.ResponseWriter, r *http.Request, ix *index) {
	pid := r.PathValue("pid")
	f := publishedForm(ix, pid)
	switch {
	case f == nil:
		notFoundPage(w)
	case restricted(f):
		signInRedirect(w, s.baseFor(r)+"/forms/d/e/"+pid+"/viewanalytics")
	case !f.Form.SummaryPublished:
		htmlPage(w, http.StatusForbidden, "Google Forms", formsFlags+`<div class="freebirdFormviewerViewResponseNoPermission">You need permission. The owner of this form has not made the responses public.</div>`)
	default:
		var b strings.Builder
		for _, q := range f.Form.Questions {
			fmt.Fprintf(&b, `<div class="freebirdAnalyticsViewQuestionTitle">%s</div><div>0 responses</div>`, html.EscapeString(q))
		}
		htmlPage(w, http.StatusOK, f.Form.Title+" - Google Forms", formsFlags+`<div class="freebirdAnalyticsViewAnalyticsHeader">Summary</div>`+b.String()+
			`<a href="`+html.EscapeString(s.baseFor(r)+"/forms/d/e/"+pid+"/viewform")+`">Fill out this form</a>`)
	}
}

// formsFlags is the flags script every page of the Forms application
// carries, with its build label (as in a 2026 capture).
const formsFlags = `<script nonce="">_docs_flag_initialData={"docs-ails":"docs_warm","buildLabel":"apps-forms.freebird_20260628.08_p1"};</script>`

// closedForm is where a form that no longer accepts responses redirects.
func (s *Server) closedForm(w http.ResponseWriter, r *http.Request, ix *index) {
	pid := r.PathValue("pid")
	f := publishedForm(ix, pid)
	if f == nil {
		notFoundPage(w)
		return
	}
	if restricted(f) {
		signInRedirect(w, s.baseFor(r)+"/forms/d/e/"+pid+"/closedform")
		return
	}
	htmlPage(w, http.StatusOK, f.Form.Title, `<div class="freebirdFormviewerViewResponseConfirmationMessage">The form `+
		html.EscapeString(f.Form.Title)+` is no longer accepting responses.</div>`)
}

// editForm: edit URLs always need sign-in for an anonymous visitor.
func (s *Server) editForm(w http.ResponseWriter, r *http.Request, _ *index) {
	signInRedirect(w, s.baseFor(r)+"/forms/d/"+r.PathValue("formId")+"/edit")
}

// sitePage serves the tenant's public web site (tenant.Site).
func (s *Server) sitePage(w http.ResponseWriter, r *http.Request, ix *index) {
	p := "/" + r.PathValue("path")
	body, ok := ix.t.Site[p]
	if !ok && p == "/" {
		body, ok = ix.t.Site["/index.html"]
	}
	if !ok {
		notFoundPage(w)
		return
	}
	ct := "text/html; charset=utf-8"
	if strings.HasSuffix(p, ".txt") {
		ct = "text/plain; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write([]byte(body))
}

package emulator

import (
	"net/http"
	"strings"
)

// shortLinkRoutes serves forms.gle short links, the form-ID respondent URL
// and redirects on the tenant's web site:
//
//	GET /forms.gle/{code}             → 302 to the form's viewform page (tenant short_links)
//	GET /forms/d/{formId}/viewform    → 302 to /forms/d/e/{publishedId}/viewform, as Google does
//	GET /site/redirect/{name}         → 302 to tenant site_redirects[name]
func (s *Server) shortLinkRoutes() {
	s.mux.Handle("GET /forms.gle/{code}", s.servePage("page.shortlink", s.shortLink))
	s.mux.Handle("GET /forms/d/{formId}/viewform", s.servePage("page.viewform_by_id", s.viewFormByID))
	s.mux.Handle("GET /site/redirect/{name}", s.servePage("site.redirect", s.siteRedirect))
}

// shortLink resolves a short link. A value with "://" is sent as the
// Location as it is (to test redirects that leave Google); any other value
// is a published form ID.
func (s *Server) shortLink(w http.ResponseWriter, r *http.Request, ix *index) {
	target, ok := ix.t.ShortLinks[r.PathValue("code")]
	switch {
	case !ok:
		notFoundPage(w)
	case strings.Contains(target, "://"):
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusFound)
	default:
		w.Header().Set("Location", s.baseFor(r)+"/forms/d/e/"+target+"/viewform?usp=send_form")
		w.WriteHeader(http.StatusFound)
	}
}

// viewFormByID redirects the form-ID respondent URL to the published one.
func (s *Server) viewFormByID(w http.ResponseWriter, r *http.Request, ix *index) {
	f := ix.files[r.PathValue("formId")]
	if f == nil || f.Form == nil || f.Trashed || f.Form.Unpublished {
		notFoundPage(w)
		return
	}
	w.Header().Set("Location", s.baseFor(r)+"/forms/d/e/"+f.Form.PublishedID+"/viewform")
	w.WriteHeader(http.StatusFound)
}

// siteRedirect answers a redirect of the tenant's web site.
func (s *Server) siteRedirect(w http.ResponseWriter, r *http.Request, ix *index) {
	target, ok := ix.t.SiteRedirects[r.PathValue("name")]
	if !ok {
		notFoundPage(w)
		return
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusFound)
}

package emulator

import (
	"net/http"
	"net/url"
)

// call is one authenticated API request being answered.
type call struct {
	s      *Server
	r      *http.Request
	q      url.Values
	ix     *index
	user   *User
	fields *mask // the request's `fields`, nil when absent
	method discoveryMethod
	def    *mask // the method's default fields, nil for all
	// raw, when a handler sets it (and returns a nil body), is the answer
	// already rendered with the fields applied.
	raw []byte
	// name is the method's discovery id; noContent makes the answer 204
	// (permissions.delete).
	name      string
	noContent bool
}

// apiHandler answers an API call with a JSON-shaped value.
type apiHandler func(c *call) (map[string]any, *apiError)

// api describes one API method.
type api struct {
	name      string // the discovery method id, "drive.files.list"; its scopes and parameters come from discovery_gen.go
	admin     bool   // caller must be a Workspace admin
	defFields string // what Google returns when `fields` is absent ("" = all)
	// write: the handler changes the tenant (under the write lock) and
	// calls commitWrite; a fault drawn for it may strike after the change
	// (the answer is lost, the change is not).
	write bool
	h     apiHandler
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	for pattern, a := range s.driveAPIs() {
		s.mux.Handle(pattern, s.serveAPI(a))
	}
	for pattern, a := range s.adminAPIs() {
		s.mux.Handle(pattern, s.serveAPI(a))
	}
	s.mux.Handle("GET /v1/forms/{formId}", s.serveAPI(api{name: "forms.forms.get", h: s.formsGet}))
	s.mux.Handle("GET /groups/v1/groups/{group}", s.serveAPI(api{name: "groupsSettings.groups.get", admin: true, h: s.groupSettingsGet}))
	s.mux.HandleFunc("POST /token", s.serveToken)
	s.pageRoutes()
	s.shortLinkRoutes()
	s.sheetsRoutes()
	s.gmailRoutes()
}

// serveAPI wraps a method with counting, latency, faults, authentication,
// parameter checks and partial responses. Scopes, parameters and the page
// size limit are the discovery document's (lookupMethod panics for a method
// it lacks).
func (s *Server) serveAPI(a api) http.Handler {
	m := lookupMethod(a.name)
	var def *mask
	if a.defFields != "" {
		var err error
		if def, err = parseMask(a.defFields); err != nil {
			panic("emulator: bad default fields for " + a.name + ": " + err.Error())
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count(a.name)
		if !s.delay(r) {
			return
		}
		fault := s.fault()
		if fault != nil && !(a.write && s.intN(2) == 0) {
			writeError(w, fault)
			return
		}
		user, e := s.authenticate(r, m.scopes)
		if e == nil {
			e = s.policyRefusal(a.name, user)
		}
		if e == nil && a.admin && !user.Admin {
			e = errNotAdmin()
		}
		if e == nil {
			if e = s.quotas.take(a.name, user.Email); e != nil {
				s.count(a.name + ".quota")
			}
		}
		q := r.URL.Query()
		if e == nil {
			e = checkParams(q, a.name, m)
		}
		if e == nil {
			e = m.checkPageSize(q)
		}
		c := &call{s: s, r: r, q: q, user: user, def: def, method: m, name: a.name}
		if e == nil && q.Has("fields") {
			var err error
			if c.fields, err = parseMask(q.Get("fields")); err != nil {
				e = errBadRequest("invalidParameter", "Invalid field selection "+q.Get("fields"), "fields")
			}
		}
		if e != nil {
			writeError(w, e)
			return
		}
		body, e := s.handle(a, c)
		if e == nil && fault != nil {
			e = fault // a write applied, its answer lost
		}
		if e != nil {
			writeError(w, e)
			return
		}
		if c.noContent {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if c.raw != nil {
			w.Header().Set("Content-Type", "application/json; charset=UTF-8")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(c.raw)
			putBuf(c.raw)
			return
		}
		if c.fields != nil {
			writeJSON(w, http.StatusOK, c.fields.apply(body))
			return
		}
		writeJSON(w, http.StatusOK, def.apply(body))
	})
}

// handle runs the method's handler over the tenant: under the read lock,
// or the write lock for a write.
func (s *Server) handle(a api, c *call) (map[string]any, *apiError) {
	if a.write {
		s.mu.Lock()
		defer s.mu.Unlock()
	} else {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	c.ix = s.ix
	return a.h(c)
}

// checkParams rejects query parameters the method does not document.
func checkParams(q url.Values, id string, m discoveryMethod) *apiError {
	for k := range q {
		if !m.allowsParam(id, k) {
			return errBadRequest("invalidParameter",
				"Invalid JSON payload received. Unknown name \""+k+"\": Cannot bind query parameter. Field '"+k+"' could not be found in request message.", k)
		}
	}
	return nil
}

// flag reads a boolean parameter ("true"/"false"); anything else is 400.
func (c *call) flag(name string) (bool, *apiError) {
	switch c.q.Get(name) {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, errInvalidValue(name)
}

// mask is the selection the answer gets: `fields`, else the defaults.
func (c *call) selection() *mask {
	if c.fields != nil {
		return c.fields
	}
	return c.def
}

// wants reports whether the request's `fields` asks for path (absent
// `fields` means the method's defaults, which never include costly parts).
func (c *call) wants(path ...string) bool { return c.fields != nil && c.fields.has(path...) }

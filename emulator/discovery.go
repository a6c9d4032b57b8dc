package emulator

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

//go:generate go run ./internal/discoverygen -out discovery_gen.go

// discoveryMethod is what Google's discovery document says about a method:
// the scopes that authorise it (any one suffices), its query parameters,
// and its page size limit. discovery_gen.go holds one per method id.
type discoveryMethod struct {
	scopes    []string
	params    []string // query parameters besides the API's standard ones
	sizeParam string   // "pageSize" or "maxResults"; "" when not paged
	maxSize   int      // the largest page size documented
	coerce    bool     // a larger size is lowered to maxSize, not refused (see discoverygen)
}

// lookupMethod returns the discovery entry for a method id; it panics when
// there is none, since serving a method Google does not have is a bug.
func lookupMethod(id string) discoveryMethod {
	m, ok := discoveryMethods[id]
	if !ok {
		panic("emulator: " + id + " is not a method of the discovery documents (see discovery_gen.go)")
	}
	return m
}

// allowsParam reports whether the method documents the query parameter.
func (m discoveryMethod) allowsParam(id, name string) bool {
	prefix, _, _ := strings.Cut(id, ".")
	return slices.Contains(discoveryStandardParams[prefix], name) || slices.Contains(m.params, name)
}

// checkPageSize refuses a page size above the schema maximum of a method
// whose document does not say a larger one is lowered (Directory
// users.list, Reports activities.list). Drive's lists and Directory
// groups/members.list lower it instead, which page does.
func (m discoveryMethod) checkPageSize(q url.Values) *apiError {
	if m.sizeParam == "" || m.coerce || !q.Has(m.sizeParam) {
		return nil
	}
	v := q.Get(m.sizeParam)
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return errInvalidValue(m.sizeParam)
	}
	if n > m.maxSize {
		return errBadRequest("invalid", "Invalid value '"+v+"'. Values must be within the range: [1, "+strconv.Itoa(m.maxSize)+"]", m.sizeParam)
	}
	return nil
}

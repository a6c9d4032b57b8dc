package emulator

import (
	"net/http"
	"strconv"
)

// formsGet is forms.get. The caller must be able to edit the form (owner,
// writer, or a shared-drive member with writer or more): a reader gets 403,
// someone without access 404, as Google answers. settings.emailCollectionType
// is always present (DO_NOT_COLLECT included); publishSettings is absent for
// legacy forms.
func (s *Server) formsGet(c *call) (map[string]any, *apiError) {
	id := c.r.PathValue("formId")
	f := c.ix.files[id]
	if f == nil || f.Form == nil {
		return nil, &apiError{Code: 404, Reason: "notFound", Message: "Requested entity was not found."}
	}
	switch r := c.ix.role(f, c.user.Email); {
	case r == 0:
		return nil, &apiError{Code: 404, Reason: "notFound", Message: "Requested entity was not found."}
	case r < roleRank["writer"]:
		return nil, errForbidden("forbidden", "The caller does not have permission")
	}
	fm := f.Form
	items := make([]any, len(fm.Questions))
	for i, q := range fm.Questions {
		seed := f.ID + "/" + strconv.Itoa(i)
		items[i] = map[string]any{"itemId": hashHex("item:" + seed)[:8], "title": q,
			"questionItem": map[string]any{"question": map[string]any{
				"questionId": hashHex("question:" + seed)[:8], "required": false, "textQuestion": map[string]any{}}}}
	}
	info := map[string]any{"title": fm.Title, "documentTitle": f.Name}
	if fm.Description != "" {
		info["description"] = fm.Description
	}
	out := map[string]any{
		"formId": f.ID, "info": info, "items": items,
		"settings":     map[string]any{"emailCollectionType": fm.EmailCollection},
		"revisionId":   "0000" + hashHex("rev:" + f.ID)[:4],
		"responderUri": s.baseFor(c.r) + "/forms/d/e/" + fm.PublishedID + "/viewform",
	}
	if fm.LinkedSheet != "" {
		out["linkedSheetId"] = fm.LinkedSheet
	}
	if !fm.Legacy {
		out["publishSettings"] = map[string]any{"publishState": map[string]any{
			"isPublished": !fm.Unpublished, "isAcceptingResponses": !fm.Unpublished && !fm.NotAccepting}}
	}
	return out, nil
}

// groupSettingsGet is the Groups Settings API's groups.get (JSON only, as
// the Go client asks with alt=json).
func (s *Server) groupSettingsGet(c *call) (map[string]any, *apiError) {
	g := c.ix.groups[c.r.PathValue("group")]
	if g == nil {
		return nil, errNotFound("Resource Not Found: groupUniqueId", "")
	}
	return map[string]any{
		"kind": "groupsSettings#groups", "email": g.Email, "name": g.Name, "description": "",
		"whoCanJoin": or(g.WhoCanJoin, "CAN_REQUEST_TO_JOIN"), "allowExternalMembers": strconv.FormatBool(g.AllowExternalMembers),
		"whoCanViewMembership": or(g.WhoCanViewMembership, "ALL_IN_DOMAIN_CAN_VIEW"),
		"whoCanViewGroup":      or(g.WhoCanViewGroup, "ALL_MEMBERS_CAN_VIEW"),
		"whoCanPostMessage":    or(g.WhoCanPostMessage, "ALL_IN_DOMAIN_CAN_POST"),
		"isArchived":           "false", "archiveOnly": "false",
	}, nil
}

// or returns v, or def when v is empty.
func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// baseFor is the base URL, or one derived from the request when the server
// was never told its address.
func (s *Server) baseFor(r *http.Request) string {
	if b := s.BaseURL(); b != "" {
		return b
	}
	return "http://" + r.Host
}

package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is an error answered with Google's JSON error body.
type apiError struct {
	Code         int
	Reason       string
	Message      string
	Location     string // e.g. "q", "Authorization"
	LocationType string // "parameter" or "header"
	RetryAfter   string
	// Details, when set, makes the body the newer google.rpc.Status format
	// (Forms, Sheets, service refusals): details instead of errors[].
	Details []any
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.Code, e.Reason, e.Message) }

// statusNames maps HTTP codes to the canonical status Google puts in bodies.
var statusNames = map[int]string{
	400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED",
	404: "NOT_FOUND", 409: "ABORTED", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL",
	502: "UNAVAILABLE", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
}

func errBadRequest(reason, msg, location string) *apiError {
	return &apiError{Code: 400, Reason: reason, Message: msg, Location: location, LocationType: "parameter"}
}

func errInvalidValue(param string) *apiError {
	return errBadRequest("invalid", "Invalid Value", param)
}

func errNotFound(msg, location string) *apiError {
	return &apiError{Code: 404, Reason: "notFound", Message: msg, Location: location, LocationType: "parameter"}
}

func errFileNotFound(id string) *apiError {
	return errNotFound("File not found: "+id+".", "fileId")
}

func errForbidden(reason, msg string) *apiError {
	return &apiError{Code: 403, Reason: reason, Message: msg}
}

func errNotAdmin() *apiError {
	return errForbidden("forbidden", "Not Authorized to access this resource/api")
}

// writeError answers with Google's JSON error body.
func writeError(w http.ResponseWriter, e *apiError) {
	item := map[string]any{"domain": "global", "reason": e.Reason, "message": e.Message}
	if e.Location != "" {
		item["location"] = e.Location
		item["locationType"] = e.LocationType
	}
	body := map[string]any{"error": map[string]any{
		"code": e.Code, "message": e.Message, "errors": []any{item}, "status": statusNames[e.Code],
	}}
	if e.Details != nil {
		body = map[string]any{"error": map[string]any{
			"code": e.Code, "message": e.Message, "status": statusNames[e.Code], "details": e.Details,
		}}
	}
	if e.Code == 401 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="https://accounts.google.com/", error="invalid_token"`)
	}
	if e.RetryAfter != "" {
		w.Header().Set("Retry-After", e.RetryAfter)
	}
	writeJSON(w, e.Code, body)
}

// writeJSON answers with a JSON body.
func writeJSON(w http.ResponseWriter, code int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(code)
	_, _ = w.Write(data)
}

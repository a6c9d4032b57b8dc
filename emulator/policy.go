package emulator

import (
	"fmt"
	"strings"
)

// apiServices are the Cloud service names of the emulated APIs, by the
// prefix of their method names, as Google names them when one is disabled.
var apiServices = map[string]string{
	"drive": "drive.googleapis.com", "forms": "forms.googleapis.com", "sheets": "sheets.googleapis.com",
	"directory": "admin.googleapis.com", "reports": "admin.googleapis.com", "groupssettings": "groupssettings.googleapis.com",
}

// normalizePolicy checks the tenant's admin settings: disabled_apis names
// emulated APIs, drive_sdk_disabled_org_units are absolute OU paths.
func (t *Tenant) normalizePolicy() error {
	for i, a := range t.DisabledAPIs {
		a = strings.ToLower(strings.TrimSpace(a))
		if apiServices[a] == "" {
			return fmt.Errorf("disabled_apis[%d]: %q is not one of drive, forms, sheets, directory, reports, groupssettings", i, a)
		}
		t.DisabledAPIs[i] = a
	}
	for i, ou := range t.DriveSDKDisabledOrgUnits {
		ou = strings.TrimSpace(ou)
		if !strings.HasPrefix(ou, "/") {
			return fmt.Errorf("drive_sdk_disabled_org_units[%d]: %q is not an org unit path (it starts with /)", i, ou)
		}
		if ou != "/" {
			ou = strings.TrimRight(ou, "/")
		}
		t.DriveSDKDisabledOrgUnits[i] = ou
	}
	return nil
}

// policyRefusal is Google's answer to a method the tenant's settings
// refuse: an API disabled in the Cloud project (the google.rpc.Status
// format, ErrorInfo SERVICE_DISABLED), a daily quota used up
// (Options.DailyQuotaUsedUp), or Drive with the Drive SDK switched off for
// the caller's organisational unit (403 domainPolicy).
func (s *Server) policyRefusal(method string, u *User) *apiError {
	family, _, _ := strings.Cut(method, ".")
	s.mu.RLock()
	t := s.ix.t
	s.mu.RUnlock()
	for _, a := range t.DisabledAPIs {
		if a == family {
			return errServiceDisabled(apiServices[family])
		}
	}
	for _, f := range s.opts.DailyQuotaUsedUp {
		if f == family {
			return errDailyQuota(apiServices[family])
		}
	}
	if family == "drive" && u != nil && inOrgUnits(u.OrgUnit, t.DriveSDKDisabledOrgUnits) {
		return errForbidden("domainPolicy", "The domain administrators have disabled Drive apps.")
	}
	return nil
}

// inOrgUnits reports whether the OU path ou is one of ous or below one.
func inOrgUnits(ou string, ous []string) bool {
	for _, o := range ous {
		if o == "/" || ou == o || strings.HasPrefix(ou, o+"/") {
			return true
		}
	}
	return false
}

// errServiceDisabled is Google's refusal of an API not enabled in the
// caller's Cloud project, in the newer format: no errors[], an ErrorInfo.
func errServiceDisabled(service string) *apiError {
	const project = "123456789012"
	name := strings.TrimSuffix(service, ".googleapis.com")
	msg := fmt.Sprintf("%s API has not been used in project %s before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/%s/overview?project=%s then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.",
		apiTitles[name], project, service, project)
	return &apiError{Code: 403, Reason: "SERVICE_DISABLED", Message: msg, Details: []any{
		map[string]any{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED", "domain": "googleapis.com",
			"metadata": map[string]any{"service": service, "consumer": "projects/" + project,
				"activationUrl": "https://console.developers.google.com/apis/api/" + service + "/overview?project=" + project}},
		map[string]any{"@type": "type.googleapis.com/google.rpc.Help", "links": []any{map[string]any{
			"description": "Google developers console API activation",
			"url":         "https://console.developers.google.com/apis/api/" + service + "/overview?project=" + project}}},
	}}
}

// errDailyQuota is Google's refusal once a per-day quota is used up.
func errDailyQuota(service string) *apiError {
	return errForbidden("quotaExceeded", fmt.Sprintf("Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service '%s' for consumer 'project_number:123456789012'.", service))
}

var apiTitles = map[string]string{"drive": "Google Drive", "forms": "Google Forms", "sheets": "Google Sheets",
	"admin": "Admin SDK", "groupssettings": "Groups Settings"}

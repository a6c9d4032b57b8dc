package auditor

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"golang.org/x/oauth2"
	"google.golang.org/api/googleapi"
)

// delegationPage is where a super admin authorises a client ID for
// domain-wide delegation.
const delegationPage = "Admin console → Security → Access and data control → API controls → Domain-wide delegation"

// AccessError is a refusal from Google explained for a person: what was
// refused, acting as whom, and what to change. It never carries tokens.
type AccessError struct {
	What    string // e.g. "list users"
	Subject string // the impersonated user
	Hint    string
	Err     error
}

func (e *AccessError) Error() string {
	return fmt.Sprintf("%s as %s: %s\n  what to do: %s", e.What, e.Subject, summarize(e.Err), e.Hint)
}

func (e *AccessError) Unwrap() error { return e.Err }

// summarize renders an API or token error in one line without response
// bodies beyond Google's own message.
func summarize(err error) string {
	if tr := (*tokenRefusal)(nil); errors.As(err, &tr) {
		return tr.Error()
	}
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		code := 0
		if rerr.Response != nil {
			code = rerr.Response.StatusCode
		}
		errCode, desc := tokenErrorOf(rerr)
		msg := errCode
		if desc != "" {
			msg += ": " + desc
		}
		return fmt.Sprintf("token request refused (%d %s)", code, msg)
	}
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		reasons := googleReasons(gerr)
		msg := strings.TrimSpace(gerr.Message)
		if len(reasons) > 0 {
			msg += " [" + strings.Join(reasons, ", ") + "]"
		}
		return fmt.Sprintf("Google API error %d: %s", gerr.Code, msg)
	}
	return err.Error()
}

// explain wraps err in an AccessError when it is a refusal a person can fix,
// and with plain context otherwise.
func explain(err error, what, subject string, creds Credentials) error {
	if err == nil {
		return nil
	}
	hint := accessHint(err, subject, creds)
	if hint == "" {
		hint = unreachableHint(err)
	}
	if hint == "" {
		return &unexplainedError{msg: fmt.Sprintf("%s as %s: %s", what, subject, summarize(err)), err: err}
	}
	return &AccessError{What: what, Subject: subject, Hint: hint, Err: err}
}

// unexplainedError names what failed in one line and keeps the chain for
// errors.As without printing the cause twice.
type unexplainedError struct {
	msg string
	err error
}

func (e *unexplainedError) Error() string { return e.msg }
func (e *unexplainedError) Unwrap() error { return e.err }

// unreachableHint explains a refused connection: on a loopback address it
// is an emulator that is not running, elsewhere the network.
func unreachableHint(err error) string {
	var uerr *url.Error
	if !errors.As(err, &uerr) || !errors.Is(err, syscall.ECONNREFUSED) {
		return ""
	}
	u, perr := url.Parse(uerr.URL)
	if perr != nil || u.Host == "" {
		return ""
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() == "localhost" || ip != nil && ip.IsLoopback() {
		return fmt.Sprintf("no emulator is running at %s://%s: start one with `gwsaudit emulator serve --tenant FILE --listen %s` (or audit the built-in sample with `gwsaudit audit --demo`), or correct --emulator", u.Scheme, u.Host, u.Host)
	}
	return fmt.Sprintf("nothing accepts connections at %s: check the network, the proxy (HTTPS_PROXY) and the firewall", u.Host)
}

func accessHint(err error, subject string, creds Credentials) string {
	clientID := "<the service account's client ID>"
	if creds != nil && creds.ClientID() != "" {
		clientID = creds.ClientID()
	}
	grant := fmt.Sprintf("in %s, add client ID %s with these scopes (comma-separated):\n    %s",
		delegationPage, clientID, strings.Join(Scopes, ","))
	if tr := (*tokenRefusal)(nil); errors.As(err, &tr) {
		if tr.Stage == "signJwt" {
			return impersonationHint(creds)
		}
		return tokenCodeHint(tr.Code, subject, grant)
	}
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		errCode, _ := tokenErrorOf(rerr)
		return tokenCodeHint(errCode, subject, grant)
	}
	switch {
	case isDailyQuota(err):
		return "Google's daily quota for this API is used up for the Cloud project: run the audit again after midnight Pacific Time (when it resets), or ask for more in Google Cloud console → APIs & Services → the API → Quotas"
	case isDriveSDKDisabled(err):
		return fmt.Sprintf("Drive refuses API access as %s: turn on %s for the user's organisational unit (at least while the audit runs), then run the audit again", subject, DriveSDKSetting)
	}
	if svc := disabledService(err); svc != "" {
		if svc == "?" {
			return "enable the Admin SDK, Drive, Forms and Reports APIs for the service account's Cloud project (APIs & Services → Library)"
		}
		return fmt.Sprintf("enable %s in the Cloud project of the credentials (Google Cloud console → APIs & Services → Library), wait a few minutes, then run again", svc)
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return ""
	}
	reason := ""
	if len(gerr.Errors) > 0 {
		reason = gerr.Errors[0].Reason
	}
	if _, emu := creds.(EmulatorCredentials); emu && gerr.Code == http.StatusUnauthorized {
		return fmt.Sprintf("the emulator did not accept %s: check that --admin names an active user of the emulated tenant", subject)
	}
	switch {
	case gerr.Code == http.StatusUnauthorized:
		return "the credentials were not accepted: check --credentials / --impersonate (or GOOGLE_APPLICATION_CREDENTIALS) and that domain-wide delegation is set up: " + grant
	case gerr.Code == http.StatusForbidden && (reason == "insufficientPermissions" || strings.Contains(gerr.Message, "insufficient authentication scopes")):
		return "the token lacks a scope: " + grant
	case gerr.Code == http.StatusForbidden && reason == "forbidden" || gerr.Code == http.StatusForbidden && strings.Contains(gerr.Message, "Not Authorized"):
		return fmt.Sprintf("%s needs an admin role with the Users (read), Groups (read), Domain settings and Reports privileges: Admin console → Account → Admin roles; pass a super admin with --admin", subject)
	}
	return ""
}

// tokenCodeHint explains an OAuth token endpoint's error code.
func tokenCodeHint(errCode, subject, grant string) string {
	switch errCode {
	case "unauthorized_client":
		return "domain-wide delegation is missing or lacks a scope: " + grant
	case "invalid_grant":
		return fmt.Sprintf("check that %s exists and is not suspended, that the key is not disabled or deleted (IAM → Service accounts → Keys), and that this machine's clock is right", subject)
	case "invalid_client":
		return "the service account or its key no longer exists: create a new JSON key"
	}
	return ""
}

// impersonationHint explains IAM refusing to sign for the service account.
func impersonationHint(creds Credentials) string {
	sa := "the service account"
	if i, ok := creds.(*Impersonation); ok {
		sa = i.ServiceAccount
	}
	return fmt.Sprintf("the identity of the Application Default Credentials (gcloud auth application-default login) may not sign as %s: grant it roles/iam.serviceAccountTokenCreator on that service account (IAM → Service accounts → %s → Permissions), and enable the IAM Service Account Credentials API in its project", sa, sa)
}

// tokenErrorOf returns the OAuth error code and description of a refused
// token request. The JWT-bearer flow leaves them in the raw body (RFC 6749
// §5.2 JSON); only those two fields are read, so nothing else is echoed.
func tokenErrorOf(rerr *oauth2.RetrieveError) (code, desc string) {
	if rerr.ErrorCode != "" {
		return rerr.ErrorCode, rerr.ErrorDescription
	}
	var body struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(rerr.Body, &body) == nil {
		return body.Error, body.Description
	}
	return "", ""
}

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

	"github.com/gwsaudit/gwsaudit/internal/usererr"
)

// delegationPage is where a super admin authorises a client ID for
// domain-wide delegation.
const delegationPage = string(usererr.DelegationPage)

// AccessError is a refusal from Google explained for a person: what was
// refused, acting as whom, and what to change. It never carries tokens.
type AccessError struct {
	What    string // e.g. "list users" (a usererr phrase, translated when it is one)
	Subject string // the impersonated user
	Hint    string
	// Advice is Hint as a message the CLI can say in the user's language
	// (nil: Hint is said as it is).
	Advice *usererr.Error
	Err    error
}

func (e *AccessError) Error() string { return e.Localized("en") }

// Localized implements usererr.Localizer: the sentence and the advice in
// lang, Google's answer quoted as it came.
func (e *AccessError) Localized(lang string) string {
	hint := e.Hint
	if e.Advice != nil {
		hint = e.Advice.Localized(lang)
	}
	return usererr.Sprintf(lang, usererr.AccessRefused, usererr.Key(e.What), e.Subject, summarize(e.Err), hint)
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
	advice := accessAdvice(err, subject, creds)
	if advice == nil {
		advice = unreachableHint(err)
	}
	if advice == nil {
		return &unexplainedError{what: what, subject: subject, err: err}
	}
	return &AccessError{What: what, Subject: subject, Hint: advice.Error(), Advice: advice, Err: err}
}

// unexplainedError names what failed in one line and keeps the chain for
// errors.As without printing the cause twice.
type unexplainedError struct {
	what, subject string
	err           error
}

func (e *unexplainedError) Error() string { return e.Localized("en") }
func (e *unexplainedError) Unwrap() error { return e.err }

// Localized implements usererr.Localizer.
func (e *unexplainedError) Localized(lang string) string {
	return usererr.Sprintf(lang, usererr.AccessFailed, usererr.Key(e.what), e.subject, summarize(e.err))
}

// unreachableHint explains a refused connection: on a loopback address it
// is an emulator that is not running, elsewhere the network.
func unreachableHint(err error) *usererr.Error {
	var uerr *url.Error
	if !errors.As(err, &uerr) || !errors.Is(err, syscall.ECONNREFUSED) {
		return nil
	}
	u, perr := url.Parse(uerr.URL)
	if perr != nil || u.Host == "" {
		return nil
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() == "localhost" || ip != nil && ip.IsLoopback() {
		return usererr.New(usererr.HintNoEmulator, u.Scheme, u.Host, u.Host)
	}
	return usererr.New(usererr.HintNoNetwork, u.Host)
}

// accessHint says in English what to change for a refusal a person can
// fix, or "".
func accessHint(err error, subject string, creds Credentials) string {
	if a := accessAdvice(err, subject, creds); a != nil {
		return a.Error()
	}
	return ""
}

// accessAdvice says what to change for a refusal a person can fix, or nil.
func accessAdvice(err error, subject string, creds Credentials) *usererr.Error {
	var clientID any = usererr.AnyClientID
	if creds != nil && creds.ClientID() != "" {
		clientID = creds.ClientID()
	}
	grant := usererr.New(usererr.HintGrant, usererr.DelegationPage, clientID, strings.Join(Scopes, ","))
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
		return usererr.New(usererr.HintDailyQuota)
	case isDriveSDKDisabled(err):
		return usererr.New(usererr.HintDriveSDK, subject, usererr.DriveSDKSetting)
	}
	if svc := disabledService(err); svc != "" {
		if svc == "?" {
			return usererr.New(usererr.HintEnableAPIs)
		}
		return usererr.New(usererr.HintEnableService, svc)
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return nil
	}
	reason := ""
	if len(gerr.Errors) > 0 {
		reason = gerr.Errors[0].Reason
	}
	if _, emu := creds.(EmulatorCredentials); emu && gerr.Code == http.StatusUnauthorized {
		return usererr.New(usererr.HintEmulatorAuth, subject)
	}
	switch {
	case gerr.Code == http.StatusUnauthorized:
		return usererr.New(usererr.HintNotAccepted, grant)
	case gerr.Code == http.StatusForbidden && (reason == "insufficientPermissions" || strings.Contains(gerr.Message, "insufficient authentication scopes")):
		return usererr.New(usererr.HintLacksScope, grant)
	case gerr.Code == http.StatusForbidden && reason == "forbidden" || gerr.Code == http.StatusForbidden && strings.Contains(gerr.Message, "Not Authorized"):
		return usererr.New(usererr.HintAdminRole, subject)
	}
	return nil
}

// tokenCodeHint explains an OAuth token endpoint's error code.
func tokenCodeHint(errCode, subject string, grant *usererr.Error) *usererr.Error {
	switch errCode {
	case "unauthorized_client":
		return usererr.New(usererr.HintNoDelegation, grant)
	case "invalid_grant":
		return usererr.New(usererr.HintInvalidGrant, subject)
	case "invalid_client":
		return usererr.New(usererr.HintInvalidClient)
	}
	return nil
}

// impersonationHint explains IAM refusing to sign for the service account.
func impersonationHint(creds Credentials) *usererr.Error {
	var sa any = usererr.AnyAccount
	if i, ok := creds.(*Impersonation); ok {
		sa = i.ServiceAccount
	}
	return usererr.New(usererr.HintImpersonation, sa)
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

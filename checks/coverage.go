package checks

// Gap scopes: what kind of thing could not be audited.
const (
	ScopeUser        = "user"
	ScopeSharedDrive = "shared_drive"
	ScopeItem        = "item"
	ScopeForm        = "form"
	ScopeAuditLog    = "audit_log"
	ScopeDirectory   = "directory"
)

// Gap is something the auditor could not see or verify. A report lists every
// gap so that nobody reads "no findings" about what was never looked at.
type Gap struct {
	Scope  string `json:"scope"`
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Reason string `json:"reason"`
	// Action says what to do so the next run can see it.
	Action string `json:"action,omitempty"`
}

// Count is an audited-out-of-total pair.
type Count struct {
	Total   int `json:"total"`
	Audited int `json:"audited"`
}

// FormCount counts forms and those whose settings were verified.
type FormCount struct {
	Total    int `json:"total"`
	Verified int `json:"verified"`
}

// Coverage says what a run saw.
type Coverage struct {
	Users        Count     `json:"users"`
	SharedDrives Count     `json:"shared_drives"`
	Items        int       `json:"items"`
	Forms        FormCount `json:"forms"`
	Gaps         []Gap     `json:"gaps"`
}

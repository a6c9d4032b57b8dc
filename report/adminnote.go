package report

import (
	"fmt"
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// Admin notes (Text.AdminNote, Finding.AdminNote) are advice for the admin
// running the audit, kept out of the remediation, which the owner reads.

// withAdminNote appends an admin note to a finding's message, as the HTML
// details show it; msg is returned as it is when there is no note.
func (c *catalog) withAdminNote(msg, note string) string {
	if note == "" {
		return msg
	}
	return strings.TrimSpace(msg + " " + fmt.Sprintf(c.ownerTextOf().adminNoteIn, note))
}

// GranteeDomain is the domain the finding's grant reaches (for admin
// notes about partner domains); "" for anyone grants.
func (v view) GranteeDomain() string {
	if v.Principal == nil {
		return ""
	}
	return model.Permission{Type: v.Principal.Type, Email: v.Principal.Email, Domain: v.Principal.Domain}.PrincipalDomain()
}

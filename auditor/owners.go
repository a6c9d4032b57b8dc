package auditor

import (
	"strings"

	"github.com/gwsaudit/gwsaudit/model"
)

// nameOwners fills each finding's owner name and org unit (所属) from the
// Directory, so that a report forwarded to departments says whose item it
// is. Owners the Directory does not list (outside the tenant) stay bare.
func (t *tenantInfo) nameOwners(fs []model.Finding) {
	for i := range fs {
		r := &fs[i].Resource
		owner := strings.ToLower(r.Owner)
		if owner == "" {
			continue
		}
		if n := t.names[owner]; n != "" {
			r.OwnerName = n
		}
		if ou := t.orgUnits[owner]; ou != "" {
			r.OwnerOrgUnit = ou
		}
	}
}

package checks

// Env is what the checks know about the tenant and the organisation's policy.
// The auditor builds it from the Directory and the config before any item is
// checked; checks only read it.
type Env struct {
	// InternalDomains are the tenant's own domains (Directory domains.list
	// plus any configured), lower-case.
	InternalDomains []string
	// PartnerDomains are outside domains the organisation works with on
	// purpose: not "outside" for SHARE-005, but still checked for lookalikes.
	PartnerDomains []string
	// FreeMailDomains are consumer mail providers (gmail.com, yahoo.co.jp…).
	FreeMailDomains []string
	// InternalUsers are the tenant's user addresses, lower-case.
	InternalUsers []string
	// PersonalDataKeywords are matched against item names and form
	// questions (case-insensitive substring match, NFKC-normalised).
	PersonalDataKeywords []string
	// Revocations are folder access removals read from the audit log.
	Revocations []Revocation
}

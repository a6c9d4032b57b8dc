package checks

// Registry is the check catalog, in catalog order. Every entry implements
// ItemCheck or TreeCheck.
var Registry = []Check{
	publicOnWeb{},           // SHARE-001
	anyoneWithLink{},        // SHARE-002
	broadEditor{},           // SHARE-003
	internalDomain{},        // SHARE-004
	outsideCollaborator{},   // SHARE-005
	lookalikeCollaborator{}, // SHARE-006
	revocationLeftover{},    // SHARE-007
	moreOpenThanFolder{},    // SHARE-008
	audiencePolicy{},        // SHARE-009
	deletedAccount{},        // SHARE-010
	publishedSummary{},      // FORM-001
	openResponseSheet{},     // FORM-002
	adminURLOnPage{},        // FORM-003
	unverifiedSummary{},     // FORM-004
	publicGroup{},           // GROUP-001
	groupOutsiders{},        // GROUP-002
}

// Lookup returns the check with the given ID.
func Lookup(id string) (Check, bool) {
	for _, c := range Registry {
		if c.Describe().ID == id {
			return c, true
		}
	}
	return nil, false
}

// DescriptorOf returns the descriptor of the check with the given ID.
func DescriptorOf(id string) (Descriptor, bool) {
	if c, ok := Lookup(id); ok {
		return c.Describe(), true
	}
	return Descriptor{}, false
}

// Descriptors returns every check's descriptor, in catalog order.
func Descriptors() []Descriptor {
	out := make([]Descriptor, len(Registry))
	for i, c := range Registry {
		out[i] = c.Describe()
	}
	return out
}

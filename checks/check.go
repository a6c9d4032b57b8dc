package checks

import (
	"slices"

	"github.com/gwsaudit/gwsaudit/model"
)

// Check is one entry of the catalog. Every check implements exactly one of
// ItemCheck or TreeCheck as well.
type Check interface {
	// Describe returns the check's descriptor, declared in the check's own
	// file: everything the rest of gwsaudit knows of the check.
	Describe() Descriptor
}

// ItemCheck looks at one item on its own. It must be a pure function of its
// arguments: no network, no globals, safe for concurrent use.
type ItemCheck interface {
	Check
	CheckItem(env *Env, it *model.Item) []model.Finding
}

// TreeCheck needs the folder tree and the audit log: it runs in
// Engine.Finish over the items the Engine kept.
type TreeCheck interface {
	Check
	CheckTree(env *Env, tree *Tree, it *model.Item) []model.Finding
}

// Descriptor says what a check is, what it reads and how its findings
// behave. The engine, the run history, scan-site and the reports ask the
// descriptor instead of naming check IDs.
type Descriptor struct {
	// ID is the stable catalog ID, e.g. "SHARE-002".
	ID string
	// Severity is the default severity, the one the catalog lists first.
	Severity model.Severity
	// Evidence lists the evidence keys the check's findings may carry
	// (besides those its Rollup adds); report wording reads only these.
	Evidence []string
	// Needs is what the check reads: a finding is resolved only by a run
	// that could see all of it.
	Needs Needs
	// Rollup says whether a grant inherited from a folder is reported on
	// the folder that carries it ("one grant, one finding").
	Rollup Rollup
	// EditGrant marks findings that mean anyone or a whole domain can edit
	// the item (scan-site raises a published admin URL of such a form).
	EditGrant bool
}

// Needs is a set of inputs a check reads.
type Needs uint8

// What a check may need.
const (
	NeedsItems    Needs = 1 << iota // Drive items and their grants
	NeedsForms                      // Forms API bodies and public form pages
	NeedsAuditLog                   // the Drive audit log (Reports API)
	NeedsPages                      // public web pages (scan-site)
	NeedsGroups                     // Google Groups' settings and members
)

// Rollup is how a grant finding relates to the same grant on its folders.
type Rollup uint8

// Roll-up policies.
const (
	// RollupNone: every finding stands on its own.
	RollupNone Rollup = iota
	// RollupGrant: a grant the item inherits is folded into the highest
	// folder carrying it, which gets items_reached and
	// personal_data_items.
	RollupGrant
	// RollupGrantExceptForms: as RollupGrant, but a form keeps its own
	// finding (edit rights on a form open every response).
	RollupGrantExceptForms
	// RollupDeletedGrant: as RollupGrant, over grants to deleted accounts
	// (which share nothing, but stay on the item and its descendants).
	RollupDeletedGrant
)

// folds reports whether a finding of this check on an item of kind k may be
// folded into its folder's.
func (r Rollup) folds(k model.Kind) bool {
	return r == RollupGrant || r == RollupDeletedGrant || (r == RollupGrantExceptForms && k != model.KindForm)
}

// carried reports whether a folder's grants carry p's principal with the
// same or a higher role, counting the grants this roll-up is about.
func (r Rollup) carried(folder []model.Permission, p model.Permission) bool {
	if r == RollupDeletedGrant {
		return carries(folder, p, isDeletedGrant)
	}
	return sameGrantOrHigher(folder, p)
}

// EvidenceKeys returns every evidence key the check's findings may carry:
// its own and those its roll-up adds.
func (d Descriptor) EvidenceKeys() []string {
	keys := slices.Clone(d.Evidence)
	if d.Rollup != RollupNone {
		keys = append(keys, EvItemsReached, EvPersonalDataItems)
	}
	return keys
}

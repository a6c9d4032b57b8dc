package auditor

import (
	"time"

	"github.com/gwsaudit/gwsaudit/checks"
)

// Saved is the inventory a previous run recorded, as RunIncremental reads
// and updates it (the store package implements it). Writes made through
// the Inventory methods must be visible to the reads that follow.
type Saved interface {
	Inventory
	// Tasks returns the completely walked tasks by Task.Key, with the
	// changes token to continue from.
	Tasks() (map[string]SavedTask, error)
	// AuditLog returns when the audit log was last read completely and the
	// revocations then in the window; a zero time when it never was.
	AuditLog() (time.Time, []checks.Revocation, error)
	// Item returns a saved item and the key of its task; nil when unknown.
	Item(id string) (*checks.Item, string, error)
	// Children returns the saved items directly inside a folder.
	Children(folderID string) ([]SavedItem, error)
	// FormsLinking returns the saved forms whose responses sheet is sheetID.
	FormsLinking(sheetID string) ([]SavedItem, error)
	// DeleteItem forgets an item.
	DeleteItem(id string) error
	// DropTask forgets a task: its items, its token and its gaps.
	DropTask(key string) error
	// Gaps returns the item and form gaps saved with the inventory.
	Gaps() ([]SavedGap, error)
	// Each calls fn for every saved item, shared drives included.
	Each(fn func(it *checks.Item) error) error
}

// SavedTask is a task with the changes token to continue from.
type SavedTask struct {
	Task
	Token string
}

// SavedItem is a saved item with the key of its task.
type SavedItem struct {
	Item *checks.Item
	Task string
}

// SavedGap is a saved item or form gap with the key of the task whose
// item it is about ("" when unknown).
type SavedGap struct {
	checks.Gap
	Task string
}

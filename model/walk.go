package model

import "time"

// Task kinds: what one unit of the walk covers.
const (
	TaskUser  = "user"  // a user's My Drive, walked as that user
	TaskDrive = "drive" // a shared drive, walked as one of its members
)

// Task is one unit of the walk: a user's My Drive or a shared drive.
type Task struct {
	Kind string // TaskUser or TaskDrive
	ID   string // the user's address or the shared drive's ID
	As   string // the user the walk acted as
}

// Key names the task in a store: "user:sato@example.jp", "drive:0AB…".
func (t Task) Key() string { return t.Kind + ":" + t.ID }

// Inventory receives what a run saw, so that a later run can be
// incremental. The auditor takes one in its Options to record a full run. Methods are
// called from many goroutines; an implementation keeps its first error
// and reports it when the caller commits the inventory.
type Inventory interface {
	// ItemSeen is called once per item with its grants and form settings
	// complete (a shared drive itself included). it must not be kept: copy
	// or serialise it before returning.
	ItemSeen(t Task, it *Item)
	// TaskDone is called when a task was walked completely; startToken is
	// the Drive changes token taken before the walk began.
	TaskDone(t Task, startToken string)
	// AuditLogRead is called when the whole Drive audit-log window was read.
	AuditLogRead(until time.Time, revs []Revocation)
}

// Result is what a run found and what it could see.
type Result struct {
	StartedAt     time.Time
	FinishedAt    time.Time
	PrimaryDomain string
	Domains       []string
	Coverage      Coverage
	Findings      []Finding
	// Calls counts API calls by method, retries included.
	Calls map[string]int64
}

// Saved is the inventory a previous run recorded, as the auditor's incremental run reads
// and updates it (the store implements it). Writes made through
// the Inventory methods must be visible to the reads that follow.
type Saved interface {
	Inventory
	// Tasks returns the completely walked tasks by Task.Key, with the
	// changes token to continue from.
	Tasks() (map[string]SavedTask, error)
	// AuditLog returns when the audit log was last read completely and the
	// revocations then in the window; a zero time when it never was.
	AuditLog() (time.Time, []Revocation, error)
	// Item returns a saved item and the key of its task; nil when unknown.
	Item(id string) (*Item, string, error)
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
	Each(fn func(it *Item) error) error
}

// SavedTask is a task with the changes token to continue from.
type SavedTask struct {
	Task
	Token string
}

// SavedItem is a saved item with the key of its task.
type SavedItem struct {
	Item *Item
	Task string
}

// SavedGap is a saved item or form gap with the key of the task whose
// item it is about ("" when unknown).
type SavedGap struct {
	Gap
	Task string
}

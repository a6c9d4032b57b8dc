package remediate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// JournalSchema names the journal format (its first record).
const JournalSchema = "gwsaudit.fix-journal/v1"

// Journal operations. An intent (removing, restoring) is written and
// synced before Drive is asked; its outcome after Drive answered. A crash
// between the two leaves the intent, which the rerun completes.
const (
	OpBegin     = "begin"     // the plan the journal applies
	OpRemoving  = "removing"  // about to remove Permission
	OpRemoved   = "removed"   // Permission is gone from the item
	OpGone      = "gone"      // the grant was already gone: nothing changed
	OpSkipped   = "skipped"   // not changed: the grant differs from the plan, or cannot be changed here
	OpFailed    = "failed"    // Drive refused; a rerun tries again
	OpRestoring = "restoring" // undo: about to recreate Permission
	OpRestored  = "restored"  // undo: Permission is back (new ID in Permission.ID)
	OpUndoSkip  = "undo_skipped"
)

// Record is one line of the journal.
type Record struct {
	Seq    int       `json:"seq"`
	At     time.Time `json:"at"`
	Op     string    `json:"op"`
	Action int       `json:"action,omitempty"`
	// Begin records the plan.
	Schema     string `json:"schema,omitempty"`
	PlanSHA256 string `json:"plan_sha256,omitempty"`
	Tenant     string `json:"tenant,omitempty"`
	// What was changed, as whom.
	ItemID      string `json:"item_id,omitempty"`
	ItemName    string `json:"item_name,omitempty"`
	DriveID     string `json:"drive_id,omitempty"`
	Actor       string `json:"actor,omitempty"`
	AdminAccess bool   `json:"admin_access,omitempty"`
	// Permission is the exact grant removed (or restored): type, role,
	// email/domain, allowFileDiscovery, expirationTime, view.
	Permission *model.Permission `json:"permission,omitempty"`
	// Reason and Code say why an action was skipped or failed.
	Code   string `json:"code,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Skip codes.
const (
	SkipChanged   = "changed"   // the grant differs from what the audit saw
	SkipInherited = "inherited" // the grant comes from a folder or the shared drive
	UndoPresent   = "present"   // undo: the principal has access again, in another form
)

// Journal is an append-only file of records, synced after each one.
type Journal struct {
	f       *os.File
	seq     int
	records []Record
}

// maxJournalBytes bounds a journal read.
const maxJournalBytes = 256 << 20

// OpenJournal opens (or creates) the journal at path and reads what it
// already holds.
func OpenJournal(path string) (*Journal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxJournalBytes+1))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read journal %s: %w", path, err)
	}
	recs, err := ReadJournal(bytes.NewReader(data))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	// A record cut short by a crash is cut off, so that the next record
	// starts on a line of its own.
	if whole := int64(bytes.LastIndexByte(data, '\n') + 1); whole < int64(len(data)) {
		if err := f.Truncate(whole); err != nil {
			f.Close()
			return nil, fmt.Errorf("journal %s: cut the partial last record: %w", path, err)
		}
	}
	j := &Journal{f: f, records: recs}
	if n := len(recs); n > 0 {
		j.seq = recs[n-1].Seq
	}
	return j, nil
}

// ReadJournal reads a journal's records. A last line cut short by a crash
// (no newline) is dropped: it was never synced as a whole record.
func ReadJournal(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxJournalBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxJournalBytes {
		return nil, fmt.Errorf("larger than %d MiB", maxJournalBytes>>20)
	}
	if i := bytes.LastIndexByte(data, '\n'); i != len(data)-1 {
		// A file with no whole line is a journal only if the cut line
		// is its begin record: anything else is another file, which
		// OpenJournal must not truncate.
		if i < 0 && !bytes.HasPrefix(data, []byte(`{"seq":`)) {
			return nil, errors.New("line 1: not a journal record")
		}
		data = data[:i+1]
	}
	var out []Record
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: not a journal record: %w", line, err)
		}
		if err := rec.validate(len(out)); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if len(out) > 0 && rec.Seq <= out[len(out)-1].Seq {
			return nil, fmt.Errorf("line %d: seq %d does not follow %d", line, rec.Seq, out[len(out)-1].Seq)
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (r *Record) validate(index int) error {
	if index == 0 && (r.Op != OpBegin || r.Schema != JournalSchema) {
		return fmt.Errorf("a journal starts with a %q record of schema %q", OpBegin, JournalSchema)
	}
	switch r.Op {
	case OpBegin:
		if index != 0 {
			return errors.New("a second begin record")
		}
		return nil
	case OpRemoving, OpRemoved, OpRestoring, OpRestored:
		if r.Permission == nil || r.ItemID == "" || r.Action <= 0 {
			return fmt.Errorf("%s record without action, item or permission", r.Op)
		}
	case OpGone, OpSkipped, OpFailed, OpUndoSkip:
		if r.Action <= 0 {
			return fmt.Errorf("%s record without action", r.Op)
		}
	default:
		return fmt.Errorf("unknown op %q", r.Op)
	}
	return nil
}

// Records returns what the journal holds.
func (j *Journal) Records() []Record { return j.records }

// Append writes rec and syncs the file before returning.
func (j *Journal) Append(rec Record) error {
	j.seq++
	rec.Seq = j.seq
	if rec.At.IsZero() {
		rec.At = time.Now().UTC()
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("journal write: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("journal sync: %w", err)
	}
	j.records = append(j.records, rec)
	return nil
}

// Close closes the file.
func (j *Journal) Close() error { return j.f.Close() }

// state is what the journal says about each action: its last record.
func lastByAction(recs []Record, ops ...string) map[int]Record {
	out := map[int]Record{}
	for _, r := range recs {
		for _, op := range ops {
			if r.Op == op {
				out[r.Action] = r
			}
		}
	}
	return out
}

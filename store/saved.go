package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

var _ model.Saved = (*Inventory)(nil)

// Tasks returns the saved tokens by task key (model.Saved).
func (inv *Inventory) Tasks() (map[string]model.SavedTask, error) {
	rows, err := inv.s.db.QueryContext(inv.ctx, `SELECT key, kind, id, as_user, token FROM tasks`)
	if err != nil {
		return nil, fmt.Errorf("read tasks: %w", err)
	}
	defer rows.Close()
	out := map[string]model.SavedTask{}
	for rows.Next() {
		var key string
		var t model.SavedTask
		if err := rows.Scan(&key, &t.Kind, &t.ID, &t.As, &t.Token); err != nil {
			return nil, fmt.Errorf("read tasks: %w", err)
		}
		out[key] = t
	}
	return out, rows.Err()
}

// AuditLog returns the last complete audit-log read (model.Saved).
func (inv *Inventory) AuditLog() (time.Time, []model.Revocation, error) {
	st, err := inv.s.states(inv.ctx)
	if err != nil {
		return time.Time{}, nil, err
	}
	until, err := time.Parse(time.RFC3339Nano, st[keyAuditUntil])
	if err != nil {
		return time.Time{}, nil, nil
	}
	var revs []model.Revocation
	if err := json.Unmarshal([]byte(st[keyAuditEvents]), &revs); err != nil {
		return time.Time{}, nil, nil // unreadable: read the whole window again
	}
	return until, revs, nil
}

// Item returns a saved item and its task key (model.Saved).
func (inv *Inventory) Item(id string) (*model.Item, string, error) {
	if err := inv.flush(); err != nil {
		return nil, "", err
	}
	var task string
	var data []byte
	err := inv.s.db.QueryRowContext(inv.ctx, `SELECT task, data FROM items WHERE id = ?`, id).Scan(&task, &data)
	if err == sql.ErrNoRows {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("read item %s: %w", id, err)
	}
	it, err := decodeItem(data)
	return it, task, err
}

// Children returns the saved items inside a folder (model.Saved).
func (inv *Inventory) Children(folderID string) ([]model.SavedItem, error) {
	return inv.query(`SELECT task, data FROM items WHERE parent = ? ORDER BY id`, folderID)
}

// FormsLinking returns the saved forms answering into sheetID (model.Saved).
func (inv *Inventory) FormsLinking(sheetID string) ([]model.SavedItem, error) {
	return inv.query(`SELECT task, data FROM items WHERE linked_sheet = ? ORDER BY id`, sheetID)
}

func (inv *Inventory) query(q string, args ...any) ([]model.SavedItem, error) {
	if err := inv.flush(); err != nil {
		return nil, err
	}
	rows, err := inv.s.db.QueryContext(inv.ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read items: %w", err)
	}
	defer rows.Close()
	var out []model.SavedItem
	for rows.Next() {
		var si model.SavedItem
		var data []byte
		if err := rows.Scan(&si.Task, &data); err != nil {
			return nil, fmt.Errorf("read items: %w", err)
		}
		if si.Item, err = decodeItem(data); err != nil {
			return nil, err
		}
		out = append(out, si)
	}
	return out, rows.Err()
}

// DeleteItem forgets an item (model.Saved).
func (inv *Inventory) DeleteItem(id string) error {
	if err := inv.flush(); err != nil {
		return err
	}
	if _, err := inv.s.db.ExecContext(inv.ctx, `DELETE FROM items WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete item %s: %w", id, err)
	}
	return nil
}

// DropTask forgets a task's items, token and gaps (model.Saved).
func (inv *Inventory) DropTask(key string) error {
	if err := inv.flush(); err != nil {
		return err
	}
	return inv.s.tx(inv.ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM items WHERE task = ?`, `DELETE FROM tasks WHERE key = ?`, `DELETE FROM item_gaps WHERE task = ?`} {
			if _, err := tx.ExecContext(inv.ctx, q, key); err != nil {
				return fmt.Errorf("drop %s: %w", key, err)
			}
		}
		return nil
	})
}

// Gaps returns the saved item and form gaps (model.Saved).
func (inv *Inventory) Gaps() ([]model.SavedGap, error) {
	rows, err := inv.s.db.QueryContext(inv.ctx, `SELECT task, data FROM item_gaps ORDER BY scope, id, code`)
	if err != nil {
		return nil, fmt.Errorf("read gaps: %w", err)
	}
	defer rows.Close()
	var out []model.SavedGap
	for rows.Next() {
		var g model.SavedGap
		var data string
		if err := rows.Scan(&g.Task, &data); err != nil {
			return nil, fmt.Errorf("read gaps: %w", err)
		}
		if err := json.Unmarshal([]byte(data), &g.Gap); err != nil {
			return nil, fmt.Errorf("read gap: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Each calls fn for every saved item (model.Saved). fn must not use the
// store.
func (inv *Inventory) Each(fn func(it *model.Item) error) error {
	if err := inv.flush(); err != nil {
		return err
	}
	rows, err := inv.s.db.QueryContext(inv.ctx, `SELECT data FROM items`)
	if err != nil {
		return fmt.Errorf("read items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return fmt.Errorf("read items: %w", err)
		}
		it, err := decodeItem(data)
		if err != nil {
			return err
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Items counts the saved items.
func (s *Store) Items() (int, error) {
	var n int
	err := s.db.QueryRow(`SELECT COUNT(*) FROM items`).Scan(&n)
	return n, err
}

func decodeItem(data []byte) (*model.Item, error) {
	var it model.Item
	if err := json.Unmarshal(data, &it); err != nil {
		return nil, fmt.Errorf("saved item: %w", err)
	}
	return &it, nil
}

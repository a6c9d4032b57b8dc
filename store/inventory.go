package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// flushEvery is how many items are written per transaction.
const flushEvery = 1000

// State keys.
const (
	keyGen         = "inventory.gen"
	keySource      = "inventory.source"
	keyWindow      = "inventory.audit_log_window"
	keyLastFull    = "inventory.last_full"
	keyAuditUntil  = "audit_log.until"
	keyAuditEvents = "audit_log.revocations"
)

// Inventory records the items a run sees and serves the saved inventory
// to an incremental run; it implements model.Saved. Writes are buffered
// and flushed before every read; Commit makes the run's state the one the
// next incremental run continues from.
type Inventory struct {
	s    *Store
	ctx  context.Context
	gen  int64
	full bool

	mu     sync.Mutex
	buf    []pendingItem
	tokens map[string]model.SavedTask
	audit  *auditLog
	err    error
}

type pendingItem struct {
	id, task, parent, sheet string
	data                    []byte
}

type auditLog struct {
	until time.Time
	revs  []model.Revocation
}

// Scope is what a saved inventory belongs to: incremental runs continue
// only from an inventory of the same tenant source and audit-log window.
type Scope struct {
	Source         string // e.g. the emulator URL and the admin's domain
	AuditLogWindow time.Duration
}

// BeginFull starts recording a full run. Until Commit the store has no
// usable inventory, so a run that fails leaves the next one to be full.
func (s *Store) BeginFull(ctx context.Context) (*Inventory, error) {
	gen, err := s.stateInt(ctx, keyGen)
	if err != nil {
		return nil, err
	}
	gen++
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tasks`); err != nil {
			return err
		}
		return setState(ctx, tx, keyGen, strconv.FormatInt(gen, 10))
	})
	if err != nil {
		return nil, fmt.Errorf("begin full inventory: %w", err)
	}
	return &Inventory{s: s, ctx: ctx, gen: gen, full: true, tokens: map[string]model.SavedTask{}}, nil
}

// Resume opens the saved inventory for an incremental run. ok is false,
// with the reason, when a full run is needed instead: no inventory, one
// of another scope, or a last full run older than fullEvery.
func (s *Store) Resume(ctx context.Context, scope Scope, now time.Time, fullEvery time.Duration) (inv *Inventory, reason string, err error) {
	st, err := s.states(ctx)
	if err != nil {
		return nil, "", err
	}
	var tasks int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM tasks`).Scan(&tasks); err != nil {
		return nil, "", fmt.Errorf("read tasks: %w", err)
	}
	last, _ := time.Parse(time.RFC3339Nano, st[keyLastFull])
	switch {
	case tasks == 0 || last.IsZero():
		return nil, "no saved inventory", nil
	case st[keySource] != scope.Source:
		return nil, "the saved inventory is of another tenant or endpoint", nil
	case st[keyWindow] != scope.AuditLogWindow.String():
		return nil, "the audit-log window changed", nil
	case fullEvery > 0 && now.Sub(last) >= fullEvery:
		return nil, fmt.Sprintf("the last full run (%s) is older than --full-every %s", last.Format(time.RFC3339), fullEvery), nil
	}
	gen, _ := strconv.ParseInt(st[keyGen], 10, 64)
	return &Inventory{s: s, ctx: ctx, gen: gen, tokens: map[string]model.SavedTask{}}, "", nil
}

// ItemSeen buffers an item (model.Inventory).
func (inv *Inventory) ItemSeen(t model.Task, it *model.Item) {
	data, err := json.Marshal(it)
	p := pendingItem{id: it.ID, task: t.Key(), parent: it.Parent(), data: data}
	if it.Form != nil {
		p.sheet = it.Form.LinkedSheetID
	}
	inv.mu.Lock()
	defer inv.mu.Unlock()
	if err != nil {
		inv.fail(fmt.Errorf("item %s: %w", it.ID, err))
		return
	}
	inv.buf = append(inv.buf, p)
	if len(inv.buf) >= flushEvery {
		inv.fail(inv.flushLocked())
	}
}

// TaskDone keeps a task's new token until Commit (model.Inventory).
func (inv *Inventory) TaskDone(t model.Task, startToken string) {
	inv.mu.Lock()
	inv.tokens[t.Key()] = model.SavedTask{Task: t, Token: startToken}
	inv.mu.Unlock()
}

// AuditLogRead keeps the audit-log state until Commit (model.Inventory).
func (inv *Inventory) AuditLogRead(until time.Time, revs []model.Revocation) {
	inv.mu.Lock()
	inv.audit = &auditLog{until: until.UTC(), revs: revs}
	inv.mu.Unlock()
}

// fail keeps the first error. The caller holds inv.mu.
func (inv *Inventory) fail(err error) {
	if err != nil && inv.err == nil {
		inv.err = err
	}
}

// flush writes buffered items.
func (inv *Inventory) flush() error {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.fail(inv.flushLocked())
	return inv.err
}

func (inv *Inventory) flushLocked() error {
	if len(inv.buf) == 0 {
		return nil
	}
	buf := inv.buf
	inv.buf = nil
	return inv.s.tx(inv.ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(inv.ctx, `INSERT INTO items (id, task, parent, linked_sheet, gen, data) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET task = excluded.task, parent = excluded.parent,
				linked_sheet = excluded.linked_sheet, gen = excluded.gen, data = excluded.data`)
		if err != nil {
			return fmt.Errorf("save items: %w", err)
		}
		defer stmt.Close()
		for _, p := range buf {
			if _, err := stmt.ExecContext(inv.ctx, p.id, p.task, p.parent, p.sheet, inv.gen, p.data); err != nil {
				return fmt.Errorf("save item %s: %w", p.id, err)
			}
		}
		return nil
	})
}

// Commit makes what the run recorded the saved inventory: for a full run
// it drops every item the run did not see; it saves the tasks' tokens, the
// audit-log state and the item and form gaps of res.
func (inv *Inventory) Commit(scope Scope, res *model.Result) error {
	if err := inv.flush(); err != nil {
		return fmt.Errorf("save inventory: %w", err)
	}
	inv.mu.Lock()
	defer inv.mu.Unlock()
	ctx := inv.ctx
	err := inv.s.tx(ctx, func(tx *sql.Tx) error {
		if inv.full {
			if _, err := tx.ExecContext(ctx, `DELETE FROM items WHERE gen <> ?`, inv.gen); err != nil {
				return err
			}
			for k, v := range map[string]string{keySource: scope.Source, keyWindow: scope.AuditLogWindow.String(), keyLastFull: ts(res.StartedAt)} {
				if err := setState(ctx, tx, k, v); err != nil {
					return err
				}
			}
			if inv.audit == nil {
				if _, err := tx.ExecContext(ctx, `DELETE FROM state WHERE key IN (?, ?)`, keyAuditUntil, keyAuditEvents); err != nil {
					return err
				}
			}
		}
		for key, t := range inv.tokens {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO tasks (key, kind, id, as_user, token) VALUES (?, ?, ?, ?, ?)`,
				key, t.Kind, t.ID, t.As, t.Token); err != nil {
				return err
			}
		}
		if inv.audit != nil {
			revs, err := json.Marshal(inv.audit.revs)
			if err != nil {
				return err
			}
			if err := setState(ctx, tx, keyAuditUntil, ts(inv.audit.until)); err != nil {
				return err
			}
			if err := setState(ctx, tx, keyAuditEvents, string(revs)); err != nil {
				return err
			}
		}
		return saveGaps(ctx, tx, res.Coverage.Gaps)
	})
	if err != nil {
		return fmt.Errorf("save inventory: %w", err)
	}
	return nil
}

// saveGaps replaces the saved item and form gaps, each with the task of
// the item it is about (or of the form whose responses sheet it is).
func saveGaps(ctx context.Context, tx *sql.Tx, gaps []model.Gap) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM item_gaps`); err != nil {
		return err
	}
	for _, g := range gaps {
		if g.Scope != model.ScopeItem && g.Scope != model.ScopeForm {
			continue
		}
		data, err := json.Marshal(g)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO item_gaps (scope, id, code, task, data) VALUES (?, ?, ?,
			COALESCE(NULLIF(?, ''), (SELECT task FROM items WHERE id = ?), (SELECT task FROM items WHERE linked_sheet = ? LIMIT 1), ''), ?)`,
			g.Scope, g.ID, g.Code, g.Task, g.ID, g.ID, string(data))
		if err != nil {
			return fmt.Errorf("save gap: %w", err)
		}
	}
	return nil
}

func setState(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)`, key, value)
	return err
}

func (s *Store) states(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM state`)
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read state: %w", err)
		}
		out[k] = v
	}
	return out, rows.Err()
}

func (s *Store) stateInt(ctx context.Context, key string) (int64, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM state WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read state %s: %w", key, err)
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	return n, nil
}

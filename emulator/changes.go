package emulator

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"
)

// change is one entry of the Drive change log, recorded by Update.
type change struct {
	seq     int64
	fileID  string
	drive   string
	removed bool
	time    time.Time
}

// snapshotFiles captures every item's state to diff after an Update.
func snapshotFiles(t *Tenant) map[string]string {
	out := make(map[string]string, len(t.Files))
	for _, f := range t.Files {
		b, _ := json.Marshal(f)
		out[f.ID] = string(b)
	}
	return out
}

// recordChanges appends a change for every item added, edited or removed
// since before. The caller holds s.mu.
func (s *Server) recordChanges(before map[string]string) {
	after := snapshotFiles(s.ix.t)
	var ids []string
	for id, v := range after {
		if before[id] != v {
			ids = append(ids, id)
		}
	}
	for id := range before {
		if _, ok := after[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	now := time.Now()
	for _, id := range ids {
		c := change{seq: s.nextSeq, fileID: id, time: now}
		if f := s.ix.files[id]; f != nil {
			c.drive = f.Drive
		} else {
			c.removed = true
			var old File
			_ = json.Unmarshal([]byte(before[id]), &old)
			c.drive = old.Drive
		}
		s.changes = append(s.changes, c)
		s.nextSeq++
	}
}

// changesStart is changes.getStartPageToken.
func (s *Server) changesStart(c *call) (map[string]any, *apiError) {
	if id := c.q.Get("driveId"); id != "" {
		if d := c.ix.drives[id]; d == nil || c.ix.driveRole(d, c.user.Email) == 0 {
			return nil, errNotFound("Shared drive not found: "+id, "driveId")
		}
	}
	return map[string]any{"kind": "drive#startPageToken", "startPageToken": strconv.FormatInt(s.nextSeq, 10)}, nil
}

// changesList is changes.list: changes since a start page token, for items
// the caller sees now (removals are reported for deleted items).
func (s *Server) changesList(c *call) (map[string]any, *apiError) {
	start, err := strconv.ParseInt(c.q.Get("pageToken"), 10, 64)
	if err != nil || start < 1 || start > s.nextSeq {
		return nil, errInvalidValue("pageToken")
	}
	allDrives, e := c.flag("includeItemsFromAllDrives")
	if e != nil {
		return nil, e
	}
	myDriveOnly, e := c.flag("restrictToMyDrive")
	if e != nil {
		return nil, e
	}
	size := 100
	if v := c.q.Get("pageSize"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size < 1 {
			return nil, errInvalidValue("pageSize")
		}
		size = min(size, c.method.maxSize)
	}
	driveID, me := c.q.Get("driveId"), c.user.Email
	if driveID != "" {
		if d := c.ix.drives[driveID]; d == nil || c.ix.driveRole(d, me) == 0 {
			return nil, errNotFound("Shared drive not found: "+driveID, "driveId")
		}
	}
	keep := func(ch change) bool {
		switch {
		case driveID != "":
			return ch.drive == driveID
		case ch.drive != "" && (myDriveOnly || !allDrives):
			return false
		case ch.removed:
			return c.q.Get("includeRemoved") != "false"
		}
		f := c.ix.files[ch.fileID]
		if f.Drive != "" {
			return c.ix.driveRole(c.ix.drives[f.Drive], me) > 0 || c.ix.listed(f, me)
		}
		return c.ix.listed(f, me)
	}
	published, e := c.viewParam()
	if e != nil {
		return nil, e
	}
	render := renderOpts{permissions: c.wants("changes", "file", "permissions"), published: published}
	out := map[string]any{"kind": "drive#changeList"}
	items := []any{}
	for _, ch := range s.changes {
		if ch.seq < start || !keep(ch) {
			continue
		}
		if len(items) == size {
			out["nextPageToken"] = strconv.FormatInt(ch.seq, 10)
			break
		}
		m := map[string]any{"kind": "drive#change", "changeType": "file", "type": "file", "fileId": ch.fileID,
			"removed": ch.removed, "time": googleTime(ch.time)}
		if ch.drive != "" {
			m["driveId"] = ch.drive
		}
		if !ch.removed {
			m["file"] = c.ix.fileJSON(c.ix.files[ch.fileID], me, render)
		}
		items = append(items, m)
	}
	if _, more := out["nextPageToken"]; !more {
		out["newStartPageToken"] = strconv.FormatInt(s.nextSeq, 10)
	}
	out["changes"] = items
	return out, nil
}

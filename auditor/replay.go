package auditor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"google.golang.org/api/googleapi"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// sheetChanged queues an item that may be some form's responses sheet.
func (inc *incremental) sheetChanged(id string) {
	inc.imu.Lock()
	if inc.sheets == nil {
		inc.sheets = map[string]bool{}
	}
	inc.sheets[id] = true
	inc.imu.Unlock()
}

// followSheets reads again the responses sheet of every saved form whose
// sheet changed in this run, unless the form itself was read again. It
// runs after the tasks so that it never races a change of the form.
func (inc *incremental) followSheets(ctx context.Context) {
	ids := make([]string, 0, len(inc.sheets))
	for id := range inc.sheets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		forms, err := inc.saved.FormsLinking(id)
		if !inc.remember(err) {
			return
		}
		for _, sf := range forms {
			task, ok := inc.taskOfKey(sf.Task)
			if !ok || inc.refreshed[model.ScopeForm+"\x00"+sf.Item.ID] || sf.Item.Form == nil {
				continue
			}
			uc, err := inc.clientsFor(ctx, task.As)
			if err != nil {
				continue
			}
			sf.Item.Form.LinkedSheet = inc.linkedSheet(ctx, uc, id, sf.Task)
			inc.markRefreshed(model.ScopeItem, id)
			inc.itemSeen(task, sf.Item)
		}
	}
}

// replay runs every check over the whole saved inventory (and the groups
// read in this run) and fills the
// result's findings and coverage as a full run would.
func (inc *incremental) replay(env *checks.Env, res *model.Result, groups []*model.Item) error {
	engine := checks.NewEngineWith(env, inc.opts.catalog())
	for _, it := range groups {
		engine.Add(it)
	}
	err := inc.saved.Each(func(it *model.Item) error {
		engine.Add(it)
		switch {
		case it.Kind == model.KindSharedDrive:
			return nil
		case it.Kind == model.KindForm:
			res.Coverage.Forms.Total++
			if it.Form != nil && it.Form.Page != nil {
				res.Coverage.Forms.Verified++
			}
		}
		res.Coverage.Items++
		return nil
	})
	if err != nil {
		return fmt.Errorf("read saved inventory: %w", err)
	}
	res.Findings = engine.Finish()
	saved, err := inc.saved.Gaps()
	if err != nil {
		return fmt.Errorf("read saved gaps: %w", err)
	}
	inc.mu.Lock()
	defer inc.mu.Unlock()
	gaps := slices.Clone(inc.gaps)
	for _, g := range saved {
		if !inc.refreshed[g.Scope+"\x00"+g.ID] && !inc.dropped[g.Task] {
			gaps = append(gaps, g.Gap)
		}
	}
	res.Coverage.Users.Audited = inc.usersOK
	res.Coverage.SharedDrives.Audited = inc.drivesOK
	res.Coverage.Gaps = sortedGaps(gaps)
	return nil
}

// markRefreshed records that the saved gaps of scope about ids are
// replaced by this run's.
func (inc *incremental) markRefreshed(scope string, ids ...string) {
	inc.imu.Lock()
	for _, id := range ids {
		if id != "" {
			inc.refreshed[scope+"\x00"+id] = true
		}
	}
	inc.imu.Unlock()
}

// notFound reports whether Drive says the item does not exist (for the
// caller).
func notFound(err error) bool {
	var gerr *googleapi.Error
	return errors.As(err, &gerr) && gerr.Code == http.StatusNotFound
}

package report

import "github.com/gwsaudit/gwsaudit/model"

// GroupDiff groups diff entries like exposures: the entries about one
// grant (item and principal), or about one setting (item and check), in
// the order of their first entry. `gwsaudit diff` prints a line per group.
func GroupDiff(entries []DiffEntry) [][]DiffEntry {
	idx := map[string]int{}
	var out [][]DiffEntry
	for _, e := range entries {
		k := exposureKey(e.Resource, e.Principal, e.CheckID, e.Status == model.StatusSuppressed)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], e)
	}
	return out
}

package report

import "math"

// typeEvidence gives JSON-decoded evidence the Go types the checks write,
// once, when a report is read, so that templates read one type per value:
// whole numbers become int, lists of text []string. Anything else stays
// as decoded.
func (d *Document) typeEvidence() {
	for i := range d.Findings {
		ev := d.Findings[i].Evidence
		for k, v := range ev {
			ev[k] = typedEvidence(v)
		}
	}
}

func typedEvidence(v any) any {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && x >= math.MinInt32 && x <= math.MaxInt32 {
			return int(x)
		}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return v
			}
			out = append(out, s)
		}
		return out
	}
	return v
}

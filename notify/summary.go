package notify

import (
	"fmt"
	"io"
	"strings"
)

// WriteSummary tells the admin, in lang, what a notify run did: each
// owner reached, the total sent (or, with dir, written to dir) and the
// findings without an owner, by check and item ID.
func WriteSummary(w io.Writer, lang string, b *Batch, results []Result, dir string) error {
	tx, err := textsFor(lang)
	if err != nil {
		return err
	}
	done := 0
	for i, r := range results {
		if r.Err != nil {
			continue
		}
		done++
		n := b.Notices[i]
		cc := ""
		if len(n.Cc) > 0 {
			cc = fmt.Sprintf(tx.sumCopy, strings.Join(n.Cc, ", "))
		}
		fmt.Fprintf(w, tx.sumOwner+"\n", n.Owner, len(n.Exposures), tx.langNames[n.Lang], cc)
	}
	if dir != "" {
		fmt.Fprintf(w, tx.sumWritten+"\n", done, len(results), dir)
	} else {
		fmt.Fprintf(w, tx.sumSent+"\n", done, len(results))
	}
	if len(b.Unowned) > 0 {
		fmt.Fprintf(w, tx.sumUnowned+"\n", len(b.Unowned))
		for _, f := range b.Unowned {
			fmt.Fprintf(w, "  %s %s\n", f.CheckID, f.Resource.ID)
		}
	}
	return nil
}

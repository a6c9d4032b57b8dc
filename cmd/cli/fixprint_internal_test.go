package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/remediate"
)

var updateGolden = flag.Bool("update", false, "rewrite golden files")

// What fix apply and undo print, in both languages (golden files; -update
// rewrites them). The Japanese lines keep Google's English refusal out.
func TestFixOutcomeGolden(t *testing.T) {
	o := &remediate.Outcome{Changed: 12, Gone: 1, Already: 3,
		Skipped: []remediate.Record{
			{Op: remediate.OpSkipped, Action: 4, ItemID: "f-kenshin-01", ItemName: "特定健診 受診者一覧_2026.xlsx", Code: remediate.SkipChanged,
				Reason: "role is writer now, the audit saw reader", Permission: &model.Permission{Type: "anyone", Role: "writer"}},
			{Op: remediate.OpSkipped, Action: 9, ItemID: "f-gakumu-01", ItemName: "就学援助 認定者名簿.xlsx", Code: remediate.SkipInherited,
				Reason: "the grant comes from sd-gakumu: Drive removes it only there"},
		},
		Failed: []remediate.Record{{Op: remediate.OpFailed, Action: 11, ItemID: "f-renkei-01", ItemName: "紹介患者 受付簿_2026",
			Reason: "remove renkei@partner-hosp.example.jp (writer) from f-renkei-01: googleapi: Error 500: Backend Error"}},
	}
	for _, c := range []struct {
		lang string
		undo bool
	}{{"en", false}, {"ja", false}, {"en", true}, {"ja", true}} {
		var b bytes.Buffer
		writeOutcome(&b, o, c.lang, c.undo)
		name := "fix-apply." + c.lang + ".txt"
		if c.undo {
			name = "fix-undo." + c.lang + ".txt"
		}
		golden := filepath.Join("testdata", name)
		if *updateGolden {
			if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if b.String() != string(want) {
			t.Errorf("%s differs:\n%s", golden, b.String())
		}
		if c.lang == "ja" && bytes.Contains(b.Bytes(), []byte("Backend Error")) {
			t.Errorf("Google's English refusal in the Japanese output:\n%s", b.String())
		}
	}
}

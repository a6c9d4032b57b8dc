package auditor_test

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// The school-board tenants, audited with the example configs' audience
// policy (read from configs/), give exactly their expected findings: pupils
// in a domain of their own, and pupils in the staff's domain told apart by
// org unit.
func TestSchoolBoardTenants(t *testing.T) {
	for _, tc := range []struct{ tenant, config string }{
		{"school-separate", "school-board.yaml"},
		{"school-one-domain", "school-board-one-domain.yaml"},
	} {
		t.Run(tc.tenant, func(t *testing.T) {
			exp := loadExpectations(t, repoFile("testdata", "tenants", tc.tenant+"-expected.yaml"))
			data, err := os.ReadFile(repoFile("configs", tc.config))
			if err != nil {
				t.Fatal(err)
			}
			var cfg expectations // the config's admin, partner_domains and audience policy
			if err := yaml.Unmarshal(data, &cfg); err != nil {
				t.Fatalf("%s: %v", tc.config, err)
			}
			tn := loadTenant(t, repoFile("testdata", "tenants", tc.tenant+".yaml"))
			srv := serve(t, tn, emulator.Options{ShortPages: true, Seed: 5})
			opts := testOptions(srv, tn.Users[0].Email)
			cfg.options(&opts)
			if len(opts.AudienceRules) == 0 {
				t.Fatalf("%s declares no audience rule", tc.config)
			}
			res := audit(t, opts)
			checkExpectations(t, exp, res)
			var got, want []string
			for _, f := range res.Findings {
				got = append(got, fmt.Sprintf("%s %s %s %s", f.CheckID, f.Resource.ID, principalKey(f), f.Severity))
			}
			for _, e := range exp.Expected {
				want = append(want, fmt.Sprintf("%s %s %s %s", e.Check, e.Resource, e.Principal, e.Severity))
			}
			slices.Sort(got)
			slices.Sort(want)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("findings differ from exactly the expected ones (-want +got):\n%s", d)
			}
			if len(res.Coverage.Gaps) != 0 {
				t.Errorf("gaps: %+v", res.Coverage.Gaps)
			}
		})
	}
}

package emulator_test

import (
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
)

func aliasTenant() *emulator.Tenant {
	return &emulator.Tenant{PrimaryDomain: "city.example.jp", Domains: []string{"school.example.jp"},
		DomainAliases: []emulator.DomainAlias{{Alias: "City-Example.jp", Parent: "city.example.jp"}, {Alias: "school-example.jp", Parent: "school.example.jp"}},
		Users:         []emulator.User{{Email: "admin@city.example.jp", Admin: true}}}
}

// Domain aliases are served both inside domains.list (Domains.domainAliases)
// and by domainAliases.list, with its parentDomainName filter.
func TestDomainAliases(t *testing.T) {
	_, base := serve(t, aliasTenant(), emulator.Options{})
	dir := directoryAs(t, base, "admin@city.example.jp")
	doms, err := dir.Domains.List("my_customer").Do()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range doms.Domains {
		for _, a := range d.DomainAliases {
			got[a.DomainAliasName] = d.DomainName + "/" + a.ParentDomainName
		}
	}
	if len(got) != 2 || got["city-example.jp"] != "city.example.jp/city.example.jp" || got["school-example.jp"] != "school.example.jp/school.example.jp" {
		t.Errorf("domains.list aliases: %v", got)
	}
	all, err := dir.DomainAliases.List("my_customer").Do()
	if err != nil || len(all.DomainAliases) != 2 {
		t.Fatalf("domainAliases.list: %+v, %v", all, err)
	}
	one, err := dir.DomainAliases.List("my_customer").ParentDomainName("school.example.jp").Do()
	if err != nil || len(one.DomainAliases) != 1 || one.DomainAliases[0].DomainAliasName != "school-example.jp" {
		t.Fatalf("domainAliases.list for school: %+v, %v", one, err)
	}
	_, err = directoryAs(t, base, "admin@city.example.jp").DomainAliases.List("C999").Do()
	wantAPIError(t, err, 400, "badRequest")
}

func TestDomainAliasNeedsATenantParent(t *testing.T) {
	tn := aliasTenant()
	tn.DomainAliases[0].Parent = "other.example.jp"
	if _, err := emulator.New(tn, emulator.Options{}); err == nil || !strings.Contains(err.Error(), "parent") {
		t.Errorf("alias of a foreign domain: err = %v", err)
	}
}

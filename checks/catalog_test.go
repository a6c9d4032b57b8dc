package checks

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Every check has a positive case and a decoy in the catalog tenant
// (testdata/tenants/catalog.yaml, expectations beside it), and the
// expectations name no check that does not exist.
func TestCatalogTenantCoversEveryCheck(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "tenants", "catalog-expected.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Expected    []struct{ Check string } `yaml:"expected"`
		NotExpected []struct{ Check string } `yaml:"not_expected"`
	}
	if err := yaml.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	positive, decoy := map[string]bool{}, map[string]bool{}
	for _, e := range exp.Expected {
		positive[e.Check] = true
	}
	for _, e := range exp.NotExpected {
		if e.Check != "" {
			decoy[e.Check] = true
		}
	}
	for _, d := range Descriptors() {
		if !positive[d.ID] {
			t.Errorf("%s has no expected finding in catalog-expected.yaml", d.ID)
		}
		if !decoy[d.ID] {
			t.Errorf("%s has no decoy (a not_expected entry naming it) in catalog-expected.yaml", d.ID)
		}
	}
	for id := range positive {
		if _, ok := DescriptorOf(id); !ok {
			t.Errorf("catalog-expected.yaml expects unknown check %q", id)
		}
	}
	for id := range decoy {
		if _, ok := DescriptorOf(id); !ok {
			t.Errorf("catalog-expected.yaml names unknown check %q as a decoy", id)
		}
	}
}

// README's catalog table lists exactly the registry's checks, in catalog
// order, each with its default severity first.
func TestReadmeCatalogTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := readmeCatalogRows(string(data))
	var ids []string
	for _, d := range Descriptors() {
		ids = append(ids, d.ID)
		sev, ok := rows[d.ID]
		if !ok {
			continue
		}
		if first := strings.FieldsFunc(sev, func(r rune) bool { return r == ' ' || r == ';' || r == '(' })[0]; first != d.Severity.String() {
			t.Errorf("README: %s severity %q should start with its default severity %q", d.ID, sev, d.Severity)
		}
	}
	if got := rowOrder(string(data)); !slices.Equal(got, ids) {
		t.Errorf("README catalog table lists %v, want %v", got, ids)
	}
}

var readmeRow = regexp.MustCompile(`(?m)^\| ((?:SHARE|FORM|GROUP)-\d{3}) \|.*\| ([^|]+) \|\s*$`)

// readmeCatalogRows maps each catalog row's ID to its severity cell.
func readmeCatalogRows(readme string) map[string]string {
	out := map[string]string{}
	for _, m := range readmeRow.FindAllStringSubmatch(readme, -1) {
		out[m[1]] = strings.TrimSpace(m[2])
	}
	return out
}

// rowOrder returns the catalog rows' IDs in README order.
func rowOrder(readme string) []string {
	var out []string
	for _, m := range readmeRow.FindAllStringSubmatch(readme, -1) {
		out = append(out, m[1])
	}
	return out
}

package auditor_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
)

// README's "Extra delegation" block lists exactly the fix's scopes, and
// the audit never asks for the write scope.
func TestReadmeListsTheFixScopes(t *testing.T) {
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "**Extra delegation.**")
	if !ok {
		t.Fatal("README has no Extra delegation paragraph")
	}
	_, block, _ := strings.Cut(rest, "```\n")
	block, _, _ = strings.Cut(block, "```")
	if got := strings.Fields(block); !slices.Equal(got, auditor.FixScopes) {
		t.Errorf("README lists %v, fix asks for %v", got, auditor.FixScopes)
	}
	if slices.Contains(auditor.Scopes, auditor.ScopeDriveWrite) {
		t.Error("the audit's scopes include the write scope")
	}
}

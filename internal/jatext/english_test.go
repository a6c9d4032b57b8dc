package jatext

import (
	"slices"
	"testing"
)

func TestEnglishRuns(t *testing.T) {
	names := []string{"Sakura FC Selection", "fo-norin-scan"}
	for text, want := range map[string][]string{
		// Positives: English words left in Japanese text.
		"フォーム（confusable）を確認":                 nil, // one word is not a run
		"理由: one character off":               {"one character off"},
		"詳細: Drive API insufficient scope です": {"Drive API insufficient scope"},
		"残り 1 秒 remaining":                    nil,
		"Shared with: 全員":                     {"Shared with"},
		// Negatives: names, addresses, URLs, IDs and allowed names.
		"「Sakura FC Selection」を共有":                                        nil,
		"https://docs.google.com/forms/d/abc/edit?usp=drive sdk を開く":      nil,
		"hoken-center@partner-hospl.example.jp と共有":                       nil,
		"SHARE-006、SHARE-007 の指摘":                                         nil,
		"「アプリ」→「Google Workspace」→「ドライブとドキュメント」":                          nil,
		"fo-norin-scan と 607bbffd02122d2304286717 c11e7ecdec5cd1d00eba71": nil,
		"robots.txt と admin.reports.audit.readonly":                       nil,
		"2026-12-07 02:30 +09:00 から":                                      nil,
	} {
		if got := EnglishRuns(text, names); !slices.Equal(got, want) {
			t.Errorf("EnglishRuns(%q) = %q, want %q", text, got, want)
		}
	}
}

package editdist

import "testing"

func TestOSADistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"example", "example", 1, 0},
		{"example", "exampel", 1, 1},
		{"example", "exmaple", 1, 1},
		{"example", "exampl", 1, 1},
		{"example", "exXample", 1, 1},
		{"example", "eaxmpel", 1, 2},
		{"abcdef", "ghijkl", 2, 3},
		{"", "abc", 5, 3},
		{"田中太郎", "田仲太郎", 1, 1},
	} {
		if got := OSA([]rune(tc.a), []rune(tc.b), tc.limit); got != tc.want {
			t.Errorf("OSA(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}

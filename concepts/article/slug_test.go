package article

import (
	"regexp"
	"strings"
	"testing"
)

func TestSlugOf(t *testing.T) {
	cases := []struct{ title, want string }{
		{"How to train your dragon", "how-to-train-your-dragon"},
		{"  Hello,   World!  ", "hello-world"},
		{"Go 1.26 is out", "go-1-26-is-out"},
		{"don't panic", "don-t-panic"},
		{"--leading and trailing--", "leading-and-trailing"},
		{"UPPER lower MiXeD", "upper-lower-mixed"},
		{"Ünïcödé Straße", "ünïcödé-straße"},
		{"Cafe\u0301 au lait", "cafe\u0301-au-lait"}, // a combining accent stays in its word
		{"Привет мир", "привет-мир"},
		{"日本語 タイトル", "日本語-タイトル"},
		{"tabs\tand\nnewlines", "tabs-and-newlines"},
		{"a_b/c.d", "a-b-c-d"},
		{"٣ digits", "٣-digits"},
		{"!!! ??? ...", "article"},
		{"🎉🎉", "article"},
		{"", "article"},
	}
	for _, tc := range cases {
		if got := slugOf(tc.title); got != tc.want {
			t.Errorf("slugOf(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestCandidate(t *testing.T) {
	if got := candidate("hello", 0); got != "hello" {
		t.Fatalf("candidate 0 = %q, want the base", got)
	}
	suffixed := regexp.MustCompile(`^hello-[0-9a-z]{6}$`)
	seen := map[string]bool{}
	for i := 1; i < 50; i++ {
		got := candidate("hello", i)
		if !suffixed.MatchString(got) {
			t.Fatalf("candidate %d = %q, want hello- and 6 base-36 digits", i, got)
		}
		seen[strings.TrimPrefix(got, "hello-")] = true
	}
	if len(seen) < 45 {
		t.Fatalf("%d distinct suffixes of 49, want them random", len(seen))
	}
}

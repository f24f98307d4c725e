package article

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// The shape of slugs.
const (
	emptySlug    = "article" // the slug of a title without letters or digits
	suffixLen    = 6         // the length of the random suffix of a taken slug
	suffixDigits = "0123456789abcdefghijklmnopqrstuvwxyz"
	slugAttempts = 5 // how many slugs create and update try before giving up
)

// slugOf returns the slug a title makes: its words, the runs of letters
// and digits (any script; combining marks stay in their word), in lower
// case, joined by hyphens. A title without a letter or digit makes
// "article".
func slugOf(title string) string {
	words := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	if len(words) == 0 {
		return emptySlug
	}
	return strings.Join(words, "-")
}

// candidate returns the slug to try the i-th time for the base slug: the
// base itself first, then the base with a random suffix, "-" and six
// lower-case base-36 digits.
func candidate(base string, i int) string {
	if i == 0 {
		return base
	}
	var b strings.Builder
	b.Grow(len(base) + 1 + suffixLen)
	b.WriteString(base)
	b.WriteByte('-')
	for range suffixLen {
		b.WriteByte(suffixDigits[rand.IntN(len(suffixDigits))])
	}
	return b.String()
}

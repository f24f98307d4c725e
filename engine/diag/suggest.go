package diag

import (
	"fmt"
	"regexp"
)

// Suggest returns the candidate closest to name when it is close enough to be
// a likely misspelling, or "" when none is.
func Suggest(name string, candidates []string) string {
	best, bestDist := "", -1
	limit := max(1, len([]rune(name))/3)
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := distance(name, c)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean returns "did you mean `x`?" for the closest candidate, or "".
func DidYouMean(name string, candidates []string) string {
	if s := Suggest(name, candidates); s != "" {
		return fmt.Sprintf("did you mean `%s`?", s)
	}
	return ""
}

// distance is the optimal-string-alignment edit distance: insertions,
// deletions, substitutions and swaps of neighbours each cost 1.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// didYouMeanRe reads back the name a DidYouMean hint suggests.
var didYouMeanRe = regexp.MustCompile("did you mean `([^`]+)`\\?")

// Suggested returns the name a hint made by DidYouMean suggests, or ""
// when the hint suggests none, for tools that apply the suggestion.
func Suggested(hint string) string {
	if m := didYouMeanRe.FindStringSubmatch(hint); m != nil {
		return m[1]
	}
	return ""
}

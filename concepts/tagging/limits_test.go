package tagging

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
)

// numbered returns n tags: prefix0, prefix1, ….
func numbered(prefix string, n int) []any {
	tags := make([]any, n)
	for i := range tags {
		tags[i] = fmt.Sprint(prefix, i)
	}
	return tags
}

// TestTagLimits checks that tag refuses a list of more than 50 tags, and
// a tag of more than 100 characters once trimmed, and then tags nothing.
func TestTagLimits(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		cases := []struct {
			name string
			tags []any
			want string
		}{
			{"51 tags", numbered("t", 51), "51 tags; an item has at most 50"},
			{"51 tags, repeated", slices.Repeat([]any{"go"}, 51), "51 tags; an item has at most 50"},
			{"100,000 tags", numbered("t", 100_000), "100000 tags; an item has at most 50"},
			{"a tag of 101 characters", []any{"go", strings.Repeat("x", 101)}, "tags[1] has 101 characters; a tag has at most 100"},
			{"a tag of 101 letters é", []any{strings.Repeat("é", 101)}, "tags[0] has 101 characters"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if got := call(t, c, "tag", tag("a", tc.tags...)); !got.IsError() || !strings.Contains(got.Err, tc.want) {
					t.Fatalf("tag a with %s: %.300v, want a concept error containing %q", tc.name, got, tc.want)
				}
				if n := count(t, g); n != 0 {
					t.Fatalf("%d tag documents after a refused tag, want none", n)
				}
			})
		}
		long := []any{strings.Repeat("é", 100), " " + strings.Repeat("x", 100) + " "}
		if got := call(t, c, "tag", tag("a", append(long, numbered("t", 48)...)...)); got.IsError() {
			t.Fatalf("tag a with 50 tags, two of 100 characters: %+v, want it tagged", got)
		}
		if got := tagsOf(t, c, "a"); len(got) != 50 {
			t.Fatalf("_tags a: %d tags, want 50", len(got))
		}
	})
}

// TestTagLimitCountsTheItemsTags checks that the 50 tags an item may have
// count those it has: a tag that would make more is refused, and one
// that it has, or that another item has, is not.
func TestTagLimitCountsTheItemsTags(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		call(t, c, "tag", tag("a", numbered("old", 40)...))
		call(t, c, "tag", tag("b", numbered("new", 50)...))
		try := func(tags []any, want string) {
			t.Helper()
			got := call(t, c, "tag", tag("a", tags...))
			switch {
			case want == "" && got.IsError():
				t.Fatalf("tag a with %v: %+v, want it tagged", tags, got)
			case want != "" && (!got.IsError() || !strings.Contains(got.Err, want)):
				t.Fatalf("tag a with %v: %+v, want a concept error containing %q", tags, got, want)
			}
		}
		try(numbered("new", 11), "item a has 40 tags, and 11 more would make 51; an item has at most 50")
		try(append(numbered("old", 30), numbered("new", 11)...), "11 more would make 51")
		if got := tagsOf(t, c, "a"); len(got) != 40 {
			t.Fatalf("_tags a after refused tags: %d tags, want its 40", len(got))
		}
		try(append(numbered("old", 40), numbered("new", 10)...), "")
		try(numbered("old", 40), "")
		try([]any{"another"}, "item a has 50 tags, and 1 more would make 51")
		if got, n := tagsOf(t, c, "a"), count(t, g); len(got) != 50 || n != 100 {
			t.Fatalf("_tags a: %d tags, and %d tag documents in all; want 50, and 100", len(got), n)
		}
	})
}

// TestSpecStatesLimits checks that the spec states the limits tag
// enforces, so that its readers see them.
func TestSpecStatesLimits(t *testing.T) {
	for _, s := range []string{fmt.Sprintf("at most %d tags", MaxTags), fmt.Sprintf("at most %d characters", MaxTagLength)} {
		if !strings.Contains(strings.Join(strings.Fields(string(spec)), " "), s) {
			t.Errorf("Tagging.concept.yaml does not say %q", s)
		}
	}
}

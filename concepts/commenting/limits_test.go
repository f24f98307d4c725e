package commenting

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
)

// TestBodyLimit checks that add refuses a body of more than 10,000
// characters, and then stores nothing, and keeps one of 10,000.
func TestBodyLimit(t *testing.T) {
	each(t, func(t *testing.T, m *Commenting, c *concepts.Concept) {
		for _, body := range []string{strings.Repeat("x", 10_001), strings.Repeat("é", 10_001)} {
			if got := call(t, c, "add", add("i", "ann", body)); !got.IsError() ||
				!strings.Contains(got.Err, "body has 10001 characters; the most is 10000") {
				t.Fatalf("add with a body of 10,001 characters: %.200v, want a concept error", got)
			}
		}
		if comments, counters := counts(t, m); comments != 0 || counters != 0 {
			t.Fatalf("%d comments and %d counters after refused adds, want none", comments, counters)
		}
		body := strings.Repeat("é", 10_000)
		if got := call(t, c, "_get", comment(added(t, c, "i", "ann", body))).Rows; len(got) != 1 || got[0]["body"] != body {
			t.Fatalf("_get of the comment of 10,000 characters: %.200v, want its body", got)
		}
	})
}

// page returns the comment ids of _byItem item with the limit and the
// offset, each left out when it is nil.
func page(t *testing.T, c *concepts.Concept, item string, limit, offset any) []string {
	t.Helper()
	in := map[string]any{"item": item}
	if limit != nil {
		in["limit"] = limit
	}
	if offset != nil {
		in["offset"] = offset
	}
	ids := []string{}
	for _, row := range call(t, c, "_byItem", in).Rows {
		ids = append(ids, row["comment"].(string))
	}
	return ids
}

// TestByItemPages checks that _byItem skips offset comments, newest first,
// and then gives at most limit; all of them when neither is given.
func TestByItemPages(t *testing.T) {
	each(t, func(t *testing.T, _ *Commenting, c *concepts.Concept) {
		for k := range 12 {
			added(t, c, "i", "ann", fmt.Sprint("comment ", k))
			if k%4 == 0 {
				added(t, c, "j", "bob", "another item")
			}
		}
		all := page(t, c, "i", nil, nil)
		if len(all) != 12 || !slices.IsSortedFunc(all, newerFirst) {
			t.Fatalf("_byItem i: %v, want its 12 comments, newest first", all)
		}
		cases := []struct {
			limit, offset any
			want          []string
		}{
			{5, nil, all[:5]},
			{5, 0, all[:5]},
			{5, 5, all[5:10]},
			{5, 10, all[10:]},
			{5, 12, []string{}},
			{5, 100, []string{}},
			{nil, 3, all[3:]},
			{100, nil, all},
			{0, nil, []string{}},
			{-1, nil, []string{}},
			{3, -2, all[:3]},
		}
		for _, tc := range cases {
			if got := page(t, c, "i", tc.limit, tc.offset); !slices.Equal(got, tc.want) {
				t.Errorf("_byItem i, limit %v, offset %v: %v, want %v", tc.limit, tc.offset, got, tc.want)
			}
		}
		if all, got := page(t, c, "j", nil, nil), page(t, c, "j", 2, 1); len(all) != 3 || !slices.Equal(got, all[1:]) {
			t.Errorf("_byItem j, limit 2, offset 1: %v, want the last two of its three, %v", got, all)
		}
	})
}

// TestSpecStatesLimit checks that the spec states the length add allows,
// so that its readers see it.
func TestSpecStatesLimit(t *testing.T) {
	text := strings.Join(strings.Fields(string(spec)), " ")
	if s := fmt.Sprintf("at most %d characters", MaxBody); !strings.Contains(text, s) {
		t.Errorf("Commenting.concept.yaml does not say %q", s)
	}
}

package tagging

import (
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

// TestRetag checks that retag makes an item's tags the ones given, and
// that _items, _all and the documents follow.
func TestRetag(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		call(t, c, "tag", tag("a", "go", "db", "zig"))
		call(t, c, "tag", tag("b", "zig"))
		steps := []struct {
			item string
			tags []any
			want []string // the item's tags after the step
			all  []string
			docs int64
		}{
			{"a", []any{"db", " rust ", "rust"}, []string{"db", "rust"}, []string{"db", "rust", "zig"}, 3},
			{"a", []any{"zig", "db", "rust"}, []string{"db", "rust", "zig"}, []string{"zig", "db", "rust"}, 4},
			{"c", []any{"zig"}, []string{"zig"}, []string{"zig", "db", "rust"}, 5},
			{"a", []any{}, []string{}, []string{"zig"}, 2},
		}
		for _, s := range steps {
			if got := call(t, c, "retag", tag(s.item, s.tags...)); got.IsError() || got.Out["item"] != s.item {
				t.Fatalf("retag %s %v: %+v, want item %s", s.item, s.tags, got, s.item)
			}
			if got := tagsOf(t, c, s.item); !slices.Equal(got, s.want) {
				t.Fatalf("_tags %s after retag %v: %v, want %v", s.item, s.tags, got, s.want)
			}
			if got := all(t, c); !slices.Equal(got, s.all) {
				t.Fatalf("_all after retag %s %v: %v, want %v", s.item, s.tags, got, s.all)
			}
			if n := count(t, g); n != s.docs {
				t.Fatalf("%d tag documents after retag %s %v, want %d", n, s.item, s.tags, s.docs)
			}
		}
		if got := itemsOf(t, c, "zig"); !slices.Equal(got, []string{"c", "b"}) {
			t.Fatalf("_items zig: %v, want [c b]", got)
		}
	})
}

// TestRetagLimits checks that retag refuses what tag refuses, and then
// changes nothing, and that its 50 tags replace the item's, not add to
// them.
func TestRetagLimits(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		call(t, c, "tag", tag("a", numbered("old", 50)...))
		cases := []struct {
			in   map[string]any
			want string
		}{
			{tag("a", numbered("t", 51)...), "51 tags; an item has at most 50"},
			{tag("a", "go", strings.Repeat("x", 101)), "tags[1] has 101 characters; a tag has at most 100"},
			{tag("a", "go", 42), "tags[1] is 42, not a string"},
			{tag("a", " "), `tags[0] (" ") is empty`},
			{tag("", "go"), "item is empty"},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "retag", tc.in, tc.want)
			if got := tagsOf(t, c, "a"); len(got) != 50 || !strings.HasPrefix(got[0], "old") {
				t.Fatalf("_tags a after a refused retag: %d tags, %v…; want its 50 old ones", len(got), got[:min(len(got), 1)])
			}
		}
		if got := call(t, c, "retag", tag("a", numbered("new", 50)...)); got.IsError() {
			t.Fatalf("retag a with 50 new tags: %+v, want them to replace its 50", got)
		}
		if got := tagsOf(t, c, "a"); len(got) != 50 || !strings.HasPrefix(got[0], "new") {
			t.Fatalf("_tags a: %d tags, want the 50 new ones", len(got))
		}
		if n := count(t, g); n != 50 {
			t.Fatalf("%d tag documents, want 50", n)
		}
	})
}

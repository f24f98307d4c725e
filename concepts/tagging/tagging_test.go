package tagging

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

func TestTag(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		steps := []struct {
			item string
			tags []any
			want []string // the item's tags after the step
		}{
			{"a", []any{"go", "db"}, []string{"db", "go"}},
			{"a", []any{"go", " db ", "go"}, []string{"db", "go"}},
			{"a", []any{" zig", "ada", "ada "}, []string{"ada", "db", "go", "zig"}},
			{"a", []any{}, []string{"ada", "db", "go", "zig"}},
			{"b", []any{"go"}, []string{"go"}},
			{"c", []any{}, []string{}},
		}
		for _, s := range steps {
			if got := call(t, c, "tag", tag(s.item, s.tags...)); got.IsError() || got.Out["item"] != s.item {
				t.Fatalf("tag %s %v: %+v, want item %s", s.item, s.tags, got, s.item)
			}
			if got := tagsOf(t, c, s.item); !slices.Equal(got, s.want) {
				t.Fatalf("_tags %s after tag %v: %v, want %v", s.item, s.tags, got, s.want)
			}
		}
		items := map[string][]string{"go": {"b", "a"}, "db": {"a"}, " db ": {"a"}, "zig": {"a"}, "rust": {}, "": {}}
		for tg, want := range items {
			if got := itemsOf(t, c, tg); !slices.Equal(got, want) {
				t.Errorf("_items %q: %v, want %v", tg, got, want)
			}
		}
		if got, want := all(t, c), []string{"go", "ada", "db", "zig"}; !slices.Equal(got, want) {
			t.Errorf("_all: %v, want %v", got, want)
		}
		if n := count(t, g); n != 5 {
			t.Errorf("%d tag documents, want 5: one per tag of an item, a's four and b's go", n)
		}
	})
}

// TestTagTwice checks that tagging an item with a tag it has changes
// nothing: not its document, not _items.
func TestTagTwice(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		ctx := context.Background()
		call(t, c, "tag", tag("a", "go"))
		first, found, err := g.tags.Get(ctx, storage.Key("a", "go"))
		if !found || err != nil {
			t.Fatalf("the document of a's go: found %v, %v; want it stored", found, err)
		}
		for _, again := range [][]any{{"go"}, {" go ", "go"}} {
			call(t, c, "tag", tag("b", "go"))
			if got := call(t, c, "tag", tag("a", again...)); got.IsError() || got.Out["item"] != "a" {
				t.Fatalf("tag a %q again: %+v, want item a", again, got)
			}
			if d, _, err := g.tags.Get(ctx, storage.Key("a", "go")); d != first || err != nil {
				t.Fatalf("a's go after tagging it again: %+v (%v), want it unchanged, %+v", d, err, first)
			}
			if got := itemsOf(t, c, "go"); !slices.Equal(got, []string{"b", "a"}) {
				t.Fatalf("_items go after tagging a again: %v, want [b a]", got)
			}
			if got := tagsOf(t, c, "a"); !slices.Equal(got, []string{"go"}) {
				t.Fatalf("_tags a after tagging it again: %v, want [go]", got)
			}
			if n := count(t, g); n != 2 {
				t.Fatalf("%d tag documents after tagging again, want 2", n)
			}
		}
	})
}

// TestKeys checks that items and tags holding the characters that
// storage.Key escapes never share a document.
func TestKeys(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		pairs := []struct{ item, tag string }{{"a/b", "c"}, {"a", "b/c"}, {"a%2Fb", "c"}, {"a%", "2Fb/c"}}
		for _, p := range pairs {
			call(t, c, "tag", tag(p.item, p.tag))
		}
		for _, p := range pairs {
			if got := tagsOf(t, c, p.item); !slices.Equal(got, []string{p.tag}) {
				t.Errorf("_tags %q: %v, want [%s]", p.item, got, p.tag)
			}
		}
		if got, want := itemsOf(t, c, "c"), []string{"a/b", "a%2Fb"}; !slices.Equal(got, want) {
			t.Errorf("_items c: %v, want %v", got, want)
		}
		if n := count(t, g); n != int64(len(pairs)) {
			t.Errorf("%d tag documents, want %d", n, len(pairs))
		}
	})
}

func TestTagErrors(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		cases := []struct {
			in   map[string]any
			want string
		}{
			{tag("", "go"), "item is empty"},
			{tag("a", "go", 42), "tags[1] is 42, not a string"},
			{tag("a", nil), "tags[0] is null, not a string"},
			{tag("a", "go", []any{"x"}), `tags[1] is ["x"], not a string`},
			{tag("a", "go", map[string]any{"x": true}), `tags[1] is {"x":true}, not a string`},
			{tag("a", "go", ""), `tags[1] ("") is empty`},
			{tag("a", "  \t", "go"), `tags[0] ("  \t") is empty`},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "tag", tc.in, tc.want)
		}
		if n := count(t, g); n != 0 {
			t.Fatalf("%d tag documents stored after failed tags, want none", n)
		}
	})
}

func TestUntaggedQueries(t *testing.T) {
	each(t, func(t *testing.T, _ *Tagging, c *concepts.Concept) {
		for _, item := range []string{"none", ""} {
			if got := tagsOf(t, c, item); len(got) != 0 {
				t.Errorf("_tags %q: %v, want []", item, got)
			}
		}
		for _, tg := range []string{"none", "", " "} {
			if got := itemsOf(t, c, tg); len(got) != 0 {
				t.Errorf("_items %q: %v, want []", tg, got)
			}
		}
		if got := all(t, c); len(got) != 0 {
			t.Errorf("_all of nothing: %v, want []", got)
		}
	})
}

func TestForget(t *testing.T) {
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		call(t, c, "tag", tag("a", "go", "db", "solo"))
		call(t, c, "tag", tag("b", "go", "db"))
		call(t, c, "tag", tag("c", "db"))
		steps := []struct {
			item  string
			all   []string
			items map[string][]string
			docs  int64 // the tags of items left
		}{
			{"a", []string{"db", "go"}, map[string][]string{"go": {"b"}, "db": {"c", "b"}, "solo": {}}, 3},
			{"a", []string{"db", "go"}, map[string][]string{"go": {"b"}, "db": {"c", "b"}, "solo": {}}, 3},
			{"b", []string{"db"}, map[string][]string{"go": {}, "db": {"c"}, "solo": {}}, 1},
			{"never", []string{"db"}, map[string][]string{"go": {}, "db": {"c"}, "solo": {}}, 1},
			{"c", []string{}, map[string][]string{"go": {}, "db": {}, "solo": {}}, 0},
		}
		for _, s := range steps {
			if got := call(t, c, "forget", map[string]any{"item": s.item}); got.IsError() || got.Out["item"] != s.item {
				t.Fatalf("forget %s: %+v, want item %s", s.item, got, s.item)
			}
			if got := tagsOf(t, c, s.item); len(got) != 0 {
				t.Fatalf("_tags %s after forget: %v, want []", s.item, got)
			}
			if got := all(t, c); !slices.Equal(got, s.all) {
				t.Fatalf("_all after forget %s: %v, want %v", s.item, got, s.all)
			}
			for tg, want := range s.items {
				if got := itemsOf(t, c, tg); !slices.Equal(got, want) {
					t.Fatalf("_items %s after forget %s: %v, want %v", tg, s.item, got, want)
				}
			}
			if n, left := count(t, g, storage.Eq("item", s.item)), count(t, g); n != 0 || left != s.docs {
				t.Fatalf("after forget %s: %d of its tag documents and %d in all left, want none of its and %d in all",
					s.item, n, left, s.docs)
			}
		}
		call(t, c, "tag", tag("a", "go"))
		if got := all(t, c); !slices.Equal(got, []string{"go"}) {
			t.Fatalf("_all after tagging a forgotten item again: %v, want [go]", got)
		}
		if got := tagsOf(t, c, "a"); !slices.Equal(got, []string{"go"}) {
			t.Fatalf("_tags a after tagging it again: %v, want [go]: none of the forgotten tags", got)
		}
	})
}

// TestAll checks that _all lists every tag in use once, the tags of more
// items first, ties by name, as items are tagged and forgotten.
func TestAll(t *testing.T) {
	each(t, func(t *testing.T, _ *Tagging, c *concepts.Concept) {
		for i := range 12 {
			call(t, c, "tag", tag(fmt.Sprint("i", i), "zig", fmt.Sprint(i%3), "Go", "ada", "go"))
		}
		steps := []struct {
			do   map[string]any // tagged or forgotten before the step's check; nil for nothing
			want []string
		}{
			{nil, []string{"Go", "ada", "go", "zig", "0", "1", "2"}}, // 12 each, then 4 each
			{map[string]any{"item": "i0"}, []string{"Go", "ada", "go", "zig", "1", "2", "0"}},
			{map[string]any{"item": "i3"}, []string{"Go", "ada", "go", "zig", "1", "2", "0"}},
			{tag("x", "2", "1"), []string{"Go", "ada", "go", "zig", "1", "2", "0"}}, // 5, 5 and 2
			{tag("y", "2"), []string{"Go", "ada", "go", "zig", "2", "1", "0"}},
			{map[string]any{"item": "i6"}, []string{"Go", "ada", "go", "zig", "2", "1", "0"}},
			{map[string]any{"item": "i9"}, []string{"Go", "ada", "go", "zig", "2", "1"}},
			{tag("z", "0"), []string{"Go", "ada", "go", "zig", "2", "1", "0"}},
		}
		for _, s := range steps {
			switch {
			case s.do == nil:
			case s.do["tags"] != nil:
				call(t, c, "tag", s.do)
			default:
				call(t, c, "forget", s.do)
			}
			if got := all(t, c); !slices.Equal(got, s.want) {
				t.Fatalf("_all after %v: %v, want %v", s.do, got, s.want)
			}
		}
	})
}

func TestConcurrentTags(t *testing.T) {
	const n = 20
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		won := storagetest.Race(t, c, "tag", n, func(i int) map[string]any {
			return tag(fmt.Sprint("i", i%5), "go", fmt.Sprint("t", i))
		}, "")
		if got := itemsOf(t, c, "go"); won != n || len(got) != 5 {
			t.Fatalf("%d of %d tags succeeded; _items go: %v, want all, and i0 … i4", won, n, got)
		}
		if got := all(t, c); len(got) != n+1 {
			t.Fatalf("_all: %v, want go and t0 … t19", got)
		}
		if got := tagsOf(t, c, "i0"); !slices.Equal(got, []string{"go", "t0", "t10", "t15", "t5"}) {
			t.Fatalf("_tags i0: %v, want go, t0, t10, t15 and t5", got)
		}
		if got := count(t, g); got != 5+n {
			t.Fatalf("%d tag documents, want %d: go of each of the 5 items, and the %d t tags", got, 5+n, n)
		}
	})
}

// TestConcurrentTagsOfOneItem races taggings of one item with the same
// tags: all succeed, and each tag is stored once.
func TestConcurrentTagsOfOneItem(t *testing.T) {
	const n = 20
	each(t, func(t *testing.T, g *Tagging, c *concepts.Concept) {
		won := storagetest.Race(t, c, "tag", n, func(int) map[string]any { return tag("a", "go", " db") }, "")
		if won != n {
			t.Fatalf("%d of %d tags succeeded, want all: tagging twice is no error", won, n)
		}
		if got := tagsOf(t, c, "a"); !slices.Equal(got, []string{"db", "go"}) {
			t.Fatalf("_tags a: %v, want [db go]", got)
		}
		for _, tg := range []string{"go", "db"} {
			if got := itemsOf(t, c, tg); !slices.Equal(got, []string{"a"}) {
				t.Fatalf("_items %s: %v, want [a]", tg, got)
			}
		}
		if got := count(t, g); got != 2 {
			t.Fatalf("%d tag documents, want 2", got)
		}
	})
}

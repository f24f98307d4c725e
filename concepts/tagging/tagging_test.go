package tagging

import (
	"fmt"
	"slices"
	"testing"

	"legible/storage/storagetest"
)

func TestTag(t *testing.T) {
	_, c := setup(t)
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
	items := map[string][]string{"go": {"a", "b"}, "db": {"a"}, " db ": {"a"}, "zig": {"a"}, "rust": {}, "": {}}
	for tg, want := range items {
		if got := itemsOf(t, c, tg); !slices.Equal(got, want) {
			t.Errorf("_items %q: %v, want %v", tg, got, want)
		}
	}
	if got, want := all(t, c), []string{"ada", "db", "go", "zig"}; !slices.Equal(got, want) {
		t.Errorf("_all: %v, want %v", got, want)
	}
}

func TestTagErrors(t *testing.T) {
	g, c := setup(t)
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
	if n := storagetest.Counts(t, g.items.Database(), ItemsCollection, TagsCollection); !slices.Equal(n, []int64{0, 0}) {
		t.Fatalf("%v items and tags stored after failed tags, want none", n)
	}
}

func TestUntaggedQueries(t *testing.T) {
	_, c := setup(t)
	for _, item := range []string{"none", ""} {
		if got := tagsOf(t, c, item); len(got) != 0 {
			t.Errorf("_tags %q: %v, want []", item, got)
		}
	}
	if got := all(t, c); len(got) != 0 {
		t.Errorf("_all of nothing: %v, want []", got)
	}
}

func TestForget(t *testing.T) {
	g, c := setup(t)
	call(t, c, "tag", tag("a", "go", "db", "solo"))
	call(t, c, "tag", tag("b", "go", "db"))
	call(t, c, "tag", tag("c", "db"))
	steps := []struct {
		item  string
		all   []string
		items map[string][]string
	}{
		{"a", []string{"db", "go"}, map[string][]string{"go": {"b"}, "db": {"b", "c"}, "solo": {}}},
		{"a", []string{"db", "go"}, map[string][]string{"go": {"b"}, "db": {"b", "c"}, "solo": {}}},
		{"b", []string{"db"}, map[string][]string{"go": {}, "db": {"c"}}},
		{"never", []string{"db"}, map[string][]string{"db": {"c"}}},
		{"c", []string{}, map[string][]string{"db": {}}},
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
		n := storagetest.Counts(t, g.items.Database(), TagsCollection)
		if n[0] != int64(len(s.all)) {
			t.Fatalf("%d tag documents after forget %s, want %d: emptied tags must go", n[0], s.item, len(s.all))
		}
	}
	call(t, c, "tag", tag("a", "go"))
	if got := all(t, c); !slices.Equal(got, []string{"go"}) {
		t.Fatalf("_all after tagging a forgotten item again: %v, want [go]", got)
	}
}

func TestConcurrentTags(t *testing.T) {
	const n = 20
	_, c := setup(t)
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
}

func TestSetupIsIdempotent(t *testing.T) {
	g, c := setup(t)
	storagetest.Resetup(t, g, func() { call(t, c, "tag", tag("a", "go")) }, g.tags)
}

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../specs/concepts/Tagging.concept.yaml")
}

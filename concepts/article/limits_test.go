package article

import (
	"fmt"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

// TestLengthLimits checks that create and update refuse a title of more
// than 200 characters, once trimmed, a description of more than 1,000
// and a body of more than 100,000, and then change nothing; and that
// fields at the limits are kept.
func TestLengthLimits(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		id, _ := create(t, c, article("u1", "Kept"))
		long := map[string]string{
			"title":       strings.Repeat("é", 201),
			"description": strings.Repeat("d", 1001),
			"body":        strings.Repeat("b", 100_001),
		}
		want := map[string]string{
			"title":       "title has 201 characters; the most is 200",
			"description": "description has 1001 characters; the most is 1000",
			"body":        "body has 100001 characters; the most is 100000",
		}
		for field, v := range long {
			t.Run(field, func(t *testing.T) {
				in := article("u1", "T")
				in[field] = v
				storagetest.Fails(t, c, "create", in, want[field])
				storagetest.Fails(t, c, "update", map[string]any{"article": id, field: v}, want[field])
			})
		}
		if n, title := stored(t, a), get(t, c, id)["title"]; n != 1 || title != "Kept" {
			t.Fatalf("after refused creates and updates: %d articles, the first titled %v; want 1, Kept", n, title)
		}
		most := map[string]any{"author": "u1", "title": " " + strings.Repeat("t", 200) + " ",
			"description": strings.Repeat("é", 1000), "body": strings.Repeat("b", 100_000)}
		big, _ := create(t, c, most)
		if got := get(t, c, big); got["title"] != strings.Repeat("t", 200) || got["body"] != most["body"] {
			t.Fatalf("the article at the limits: %.200v, want its fields kept", got)
		}
		update(t, c, map[string]any{"article": id, "title": strings.Repeat("u", 200), "body": strings.Repeat("b", 100_000)})
	})
}

// TestSpecStatesLimits checks that the spec states the lengths create
// allows, so that its readers see them.
func TestSpecStatesLimits(t *testing.T) {
	for _, s := range []string{
		fmt.Sprintf("has at most %d characters", MaxTitle),
		fmt.Sprintf("description at most %d", MaxDescription),
		fmt.Sprintf("body at most %d", MaxBody),
	} {
		if !strings.Contains(strings.Join(strings.Fields(string(spec)), " "), s) {
			t.Errorf("Article.concept.yaml does not say %q", s)
		}
	}
}

package commenting

import (
	"context"
	"fmt"
	"testing"

	"legible/storage/storagetest"
)

// BenchmarkOfItem reads the comments of an item with 1 to 200 comments,
// among 2,000 comments on other items, with `_id`s indexed as serve
// indexes them: the cost grows with the item's comments only.
func BenchmarkOfItem(b *testing.B) {
	ctx := context.Background()
	st := storagetest.Open(b, b.TempDir())
	m := New(st.Database())
	if err := m.Setup(ctx); err != nil {
		b.Fatal(err)
	}
	if err := st.IndexIDs(ctx); err != nil {
		b.Fatal(err)
	}
	c := m.Concept()
	for i := range 2000 {
		call(b, c, "add", add(fmt.Sprint("other", i%100), "ann", "a comment"))
	}
	for _, n := range []int{1, 8, 50, 200} {
		item := fmt.Sprint("item", n)
		for range n {
			call(b, c, "add", add(item, "bob", "a comment"))
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if docs, err := m.ofItem(ctx, item); err != nil || len(docs) != n {
					b.Fatalf("%d comments, %v; want %d", len(docs), err, n)
				}
			}
		})
	}
}

package commenting

import (
	"context"
	"fmt"
	"testing"

	"github.com/legible/legible/storage/storagetest"
)

// BenchmarkOfItem reads the comments of an item with 1 to 200 comments,
// among 2,000 comments on other items, on the embedded store: the index
// on (item, n) answers the query, so the cost grows with the item's
// comments only.
func BenchmarkOfItem(b *testing.B) {
	ctx := context.Background()
	m, c := storagetest.Build(b, storagetest.SQLite(b), New)
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
				if docs, err := m.comments.Find(ctx, ofItem(item)); err != nil || len(docs) != n {
					b.Fatalf("%d comments, %v; want %d", len(docs), err, n)
				}
			}
		})
	}
}

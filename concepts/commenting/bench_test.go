package commenting

import (
	"context"
	"fmt"
	"testing"

	"legible/storage"
)

// BenchmarkOfItem compares the two ways ofItem reads an item's comments,
// by `_id` one by one (oneByOne) and in one $in find (all), for an item
// with 1 to 50 comments among 2,000 comments on other items. On FerretDB
// 1.24.2 the cost of oneByOne grows with the comments read, and that of
// all with the comments stored; oneByOneMax is where they meet.
func BenchmarkOfItem(b *testing.B) {
	m, c := setup(b)
	ctx := context.Background()
	for i := range 2000 {
		call(b, c, "add", add(fmt.Sprint("other", i%100), "ann", "a comment"))
	}
	for _, n := range []int{1, 4, 8, 16, 50} {
		item := fmt.Sprint("item", n)
		for range n {
			call(b, c, "add", add(item, "bob", "a comment"))
		}
		ids, err := storage.Members(ctx, m.items, item, commentsField)
		if err != nil {
			b.Fatal(err)
		}
		ways := []struct {
			name string
			read func(context.Context, []string) ([]commentDoc, error)
		}{{"oneByOne", m.oneByOne}, {"in", m.all}}
		for _, w := range ways {
			b.Run(fmt.Sprintf("%s/%d", w.name, n), func(b *testing.B) {
				for b.Loop() {
					if docs, err := w.read(ctx, ids); err != nil || len(docs) != n {
						b.Fatalf("%d comments, %v; want %d", len(docs), err, n)
					}
				}
			})
		}
	}
}

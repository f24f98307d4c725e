package article

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/legible/legible/storage/storagetest"
)

// BenchmarkList measures, on the embedded store, on 1,000 articles by 50
// authors, each with a body of 2 kB: pages of 20 and of 100 of all
// articles, a page of 10 authors' articles, a page of 20 given articles,
// Count, and, for comparison, GetBySlug, a lookup on the unique slug
// index, and Create, which inserts one document (it runs last, as it adds
// articles).
func BenchmarkList(b *testing.B) {
	ctx := context.Background()
	a, c := storagetest.Build(b, storagetest.SQLite(b), New)
	body := strings.Repeat("All work and no play makes Jack a dull boy. ", 45)
	var ids, slugs []string
	for i := range 1000 {
		in := article(fmt.Sprint("u", i%50), fmt.Sprint("Article number ", i))
		in["body"] = body
		id, slug := create(b, c, in)
		ids, slugs = append(ids, id), append(slugs, slug)
	}
	authors := []string{"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10"}
	some := ids[100:120]
	list := func(in CountIn, limit, offset int) func() (int, error) {
		return func() (int, error) {
			rows, err := a.List(ctx, ListIn{CountIn: in, Limit: limit, Offset: offset})
			return len(rows), err
		}
	}
	count := func(in CountIn) func() (int, error) {
		return func() (int, error) {
			rows, err := a.Count(ctx, in)
			if err != nil || len(rows) != 1 {
				return len(rows), err
			}
			return int(rows[0].Count), nil
		}
	}
	cases := []struct {
		name string
		run  func() (int, error)
		want int
	}{
		{"list", list(CountIn{}, 20, 40), 20},
		{"list/100", list(CountIn{}, 100, 0), 100},
		{"list/authors", list(CountIn{Authors: &authors}, 20, 40), 20},
		{"list/articles", list(CountIn{Articles: &some}, 20, 0), 20},
		{"count", count(CountIn{}), 1000},
		{"count/authors", count(CountIn{Authors: &authors}), 200},
		{"getBySlug", func() (int, error) {
			rows, err := a.GetBySlug(ctx, SlugIn{Slug: slugs[500]})
			return len(rows), err
		}, 1},
		{"create", func() (int, error) {
			_, err := a.Create(ctx, CreateIn{Author: "u1", Title: "More", Description: "d", Body: body})
			return 1, err
		}, 1},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if n, err := tc.run(); err != nil || n != tc.want {
					b.Fatalf("%d, %v; want %d", n, err, tc.want)
				}
			}
		})
	}
}

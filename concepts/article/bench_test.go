package article

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// listWithBody is the alternative to List measured by BenchmarkList: the
// same find without the projection that leaves the body out.
func (a *Article) listWithBody(ctx context.Context, in ListIn) (int, error) {
	filter, _ := in.filter()
	opts := options.Find().SetSort(recentFirst).SetSkip(int64(max(in.Offset, 0))).SetLimit(int64(pageSize(in.Limit)))
	cur, err := a.articles.Find(ctx, filter, opts)
	if err != nil {
		return 0, err
	}
	var docs []articleDoc
	err = cur.All(ctx, &docs)
	return len(docs), err
}

// BenchmarkList measures a page of 20 of 1,000 articles by 50 authors,
// each with a body of 2 kB: List, listWithBody, a page of 10 authors'
// articles, a page of 20 given articles, Count, and, for comparison,
// GetBySlug, two lookups by `_id`.
func BenchmarkList(b *testing.B) {
	a, c := setup(b)
	ctx := context.Background()
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
	page := func(in CountIn) ListIn { return ListIn{CountIn: in, Limit: 20, Offset: 40} }
	cases := []struct {
		name string
		run  func() (int, error)
		want int
	}{
		{"list", func() (int, error) { rows, err := a.List(ctx, page(CountIn{})); return len(rows), err }, 20},
		{"listWithBody", func() (int, error) { return a.listWithBody(ctx, page(CountIn{})) }, 20},
		{"list/authors", func() (int, error) {
			rows, err := a.List(ctx, page(CountIn{Authors: &authors}))
			return len(rows), err
		}, 20},
		{"list/articles", func() (int, error) {
			rows, err := a.List(ctx, ListIn{CountIn: CountIn{Articles: &some}, Limit: 20})
			return len(rows), err
		}, 20},
		{"count", func() (int, error) { rows, err := a.Count(ctx, CountIn{}); return int(rows[0].Count), err }, 1000},
		{"count/authors", func() (int, error) {
			rows, err := a.Count(ctx, CountIn{Authors: &authors})
			return int(rows[0].Count), err
		}, 200},
		{"getBySlug", func() (int, error) {
			rows, err := a.GetBySlug(ctx, SlugIn{Slug: slugs[500]})
			return len(rows), err
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

package tagging

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// TagsRow is the row of _tags and _all.
type TagsRow struct {
	Tags []string `json:"tags"`
}

// ItemsIn is the input of _items: a tag, and the page of its items,
// greatest first.
type ItemsIn struct {
	Tag string `json:"tag"`
	concepts.Page
}

// ItemsRow is the row of _items: the items of the page, and how many
// items have the tag in all.
type ItemsRow struct {
	Items []string `json:"items"`
	Count int64    `json:"count"`
}

// Tags returns one row for each item: its tags sorted, [] for an
// untagged item; one query answers all the items.
func (g *Tagging) Tags(ctx context.Context, ins []ItemIO) ([][]TagsRow, error) {
	items := make([]string, len(ins))
	for i, in := range ins {
		items[i] = in.Item
	}
	docs, err := g.tags.Find(ctx, storage.Where(storage.In("item", items)))
	if err != nil {
		return nil, err
	}
	byItem := map[string][]string{}
	for _, d := range docs {
		byItem[d.Value.Item] = append(byItem[d.Value.Item], d.Value.Tag)
	}
	out := make([][]TagsRow, len(ins))
	for i, in := range ins {
		tags := append([]string{}, byItem[in.Item]...)
		slices.Sort(tags)
		out[i] = []TagsRow{{Tags: tags}}
	}
	return out, nil
}

// Items returns one row: a page of the items that have the tag
// (trimmed), greatest first, from one indexed query however many items
// the tag has, and how many items have it; [] and 0 for a tag no item
// has.
func (g *Tagging) Items(ctx context.Context, in ItemsIn) ([]ItemsRow, error) {
	q := storage.Query{Where: []storage.Cond{storage.Eq("tag", strings.TrimSpace(in.Tag))}, Sort: []storage.Order{storage.Desc("item")}}
	docs, n, err := concepts.FindPage(ctx, g.tags, q, in.Page)
	if err != nil {
		return nil, err
	}
	row := ItemsRow{Items: make([]string, len(docs)), Count: n}
	for i, d := range docs {
		row.Items[i] = d.Value.Item
	}
	return []ItemsRow{row}, nil
}

// All returns one row: every tag that some item has, the most used first,
// ties by name; from the counts by tag that the store keeps, a row per
// tag however many items there are.
func (g *Tagging) All(ctx context.Context, _ struct{}) ([]TagsRow, error) {
	counts, err := storage.CountBy[string](ctx, g.tags, "tag", storage.Query{})
	if err != nil {
		return nil, err
	}
	tags := slices.Collect(maps.Keys(counts))
	slices.SortFunc(tags, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	return []TagsRow{{Tags: tags}}, nil
}

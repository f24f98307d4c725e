package tagging

import (
	"context"
	"slices"
	"strings"

	"github.com/legible/legible/storage"
)

// TagsRow is the row of _tags and _all.
type TagsRow struct {
	Tags []string `json:"tags"`
}

// TagIO names a tag: the input of _items.
type TagIO struct {
	Tag string `json:"tag"`
}

// ItemsRow is the row of _items.
type ItemsRow struct {
	Items []string `json:"items"`
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

// Items returns one row: the items that have the tag (trimmed), in the
// order tagged; [] for a tag no item has.
func (g *Tagging) Items(ctx context.Context, in TagIO) ([]ItemsRow, error) {
	docs, err := g.tags.Find(ctx, storage.Query{Where: []storage.Cond{storage.Eq("tag", strings.TrimSpace(in.Tag))},
		Sort: []storage.Order{storage.Asc("at")}})
	if err != nil {
		return nil, err
	}
	items := make([]string, len(docs))
	for i, d := range docs {
		items[i] = d.Value.Item
	}
	return []ItemsRow{{Items: items}}, nil
}

// All returns one row: every tag that some item has, sorted.
func (g *Tagging) All(ctx context.Context, _ struct{}) ([]TagsRow, error) {
	tags, err := storage.Distinct[string](ctx, g.tags, "tag", storage.Query{})
	if err != nil {
		return nil, err
	}
	if tags == nil {
		tags = []string{}
	}
	return []TagsRow{{Tags: tags}}, nil
}

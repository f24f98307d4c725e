package tagging

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"legible/storage"
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

// Tags returns one row: the item's tags sorted, [] for an untagged item.
func (g *Tagging) Tags(ctx context.Context, in ItemIO) ([]TagsRow, error) {
	tags, err := storage.Members(ctx, g.items, in.Item, tagsField)
	if err != nil {
		return nil, err
	}
	slices.Sort(tags)
	return []TagsRow{{Tags: tags}}, nil
}

// Items returns one row: the items that have the tag (trimmed), in the
// order tagged; [] for a tag no item has.
func (g *Tagging) Items(ctx context.Context, in TagIO) ([]ItemsRow, error) {
	items, err := storage.Members(ctx, g.tags, strings.TrimSpace(in.Tag), itemsField)
	if err != nil {
		return nil, err
	}
	return []ItemsRow{{Items: items}}, nil
}

// All returns one row: every tag that some item has, sorted.
func (g *Tagging) All(ctx context.Context, _ struct{}) ([]TagsRow, error) {
	inUse := bson.D{{Key: itemsField + ".0", Value: bson.D{{Key: "$exists", Value: true}}}}
	cur, err := g.tags.Find(ctx, inUse, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	var docs []struct {
		Tag string `bson:"_id"`
	}
	if err == nil {
		err = cur.All(ctx, &docs)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the tags of %s: %w; check that the database is reachable", TagsCollection, err)
	}
	tags := make([]string, len(docs))
	for i, d := range docs {
		tags[i] = d.Tag
	}
	slices.Sort(tags)
	return []TagsRow{{Tags: tags}}, nil
}

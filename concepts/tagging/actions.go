package tagging

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"legible/concepts"
	"legible/storage"
)

// TagIn is the input of tag: the tags are a List of strings.
type TagIn struct {
	Item string `json:"item"`
	Tags []any  `json:"tags"`
}

// ItemIO names an item: the input of forget and _tags, the success output
// of the actions.
type ItemIO struct {
	Item string `json:"item"`
}

// Tag adds the tags, trimmed, to the item's, and the item to each tag's
// items; tagging twice changes nothing. An empty item, and a tag that is
// not a string or is empty once trimmed, are concept errors, and then
// nothing is tagged.
func (g *Tagging) Tag(ctx context.Context, in TagIn) (ItemIO, error) {
	if in.Item == "" {
		return ItemIO{}, concepts.Errorf("item is empty; pass the id of the item to tag")
	}
	tags, err := cleanTags(in.Tags)
	if err != nil {
		return ItemIO{}, err
	}
	// The item's document first: forget finds the tags to clean up there.
	if err := storage.AddToSet(ctx, g.items, in.Item, tagsField, tags...); err != nil {
		return ItemIO{}, err
	}
	for _, tag := range tags {
		if err := storage.AddToSet(ctx, g.tags, tag, itemsField, in.Item); err != nil {
			return ItemIO{}, err
		}
	}
	return ItemIO{Item: in.Item}, nil
}

// cleanTags returns the tags trimmed, without repeats, or a concept error
// naming the first element that is not a string or is empty once trimmed.
func cleanTags(list []any) ([]string, error) {
	tags := make([]string, 0, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, concepts.Errorf("tags[%d] is %s, not a string; pass every tag as a string", i, show(x))
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil, concepts.Errorf("tags[%d] (%q) is empty; remove it, or write the tag", i, x)
		}
		if !slices.Contains(tags, s) {
			tags = append(tags, s)
		}
	}
	return tags, nil
}

// show writes x, an element of a List input, as JSON.
func show(x any) string {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Sprint(x)
	}
	return string(b)
}

// Forget removes the item from every tag, deleting the tags it leaves
// without items, and then forgets the item's tags.
func (g *Tagging) Forget(ctx context.Context, in ItemIO) (ItemIO, error) {
	tags, err := storage.Members(ctx, g.items, in.Item, tagsField)
	if err != nil {
		return ItemIO{}, err
	}
	for _, tag := range tags {
		if err := g.untag(ctx, tag, in.Item); err != nil {
			return ItemIO{}, err
		}
	}
	if _, err := g.items.DeleteOne(ctx, storage.ByID(in.Item)); err != nil {
		return ItemIO{}, fmt.Errorf("deleting the item %s from %s: %w; check that the database is reachable, then "+
			"forget the item again", in.Item, ItemsCollection, err)
	}
	return ItemIO{Item: in.Item}, nil
}

// untag removes item from the items of tag, and deletes the tag when that
// leaves it with none.
func (g *Tagging) untag(ctx context.Context, tag, item string) error {
	if err := storage.Pull(ctx, g.tags, tag, itemsField, item); err != nil {
		return err
	}
	return storage.DropIfEmpty(ctx, g.tags, tag, itemsField)
}

package tagging

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
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

// Tag adds the tags, trimmed, to the item's; tagging twice changes
// nothing. An empty item, and a tag that is not a string or is empty once
// trimmed, are concept errors, and then nothing is tagged.
func (g *Tagging) Tag(ctx context.Context, in TagIn) (ItemIO, error) {
	if in.Item == "" {
		return ItemIO{}, concepts.Errorf("item is empty; pass the id of the item to tag")
	}
	tags, err := cleanTags(in.Tags)
	if err != nil {
		return ItemIO{}, err
	}
	at := concepts.Instant()
	for _, tag := range tags {
		err := g.tags.Insert(ctx, storage.Key(in.Item, tag), tagDoc{Item: in.Item, Tag: tag, At: at})
		if err != nil && !errors.Is(err, storage.ErrTaken) {
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

// Forget removes the item from every tag.
func (g *Tagging) Forget(ctx context.Context, in ItemIO) (ItemIO, error) {
	docs, err := g.tags.Find(ctx, storage.Where(storage.Eq("item", in.Item)))
	for _, d := range docs {
		if err == nil {
			_, err = g.tags.Delete(ctx, d.ID)
		}
	}
	return ItemIO{Item: in.Item}, err
}

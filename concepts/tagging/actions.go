package tagging

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

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
// nothing. An empty item, a list of more than MaxTags tags, a tag that is
// not a string, is empty once trimmed or longer than MaxTagLength, and
// tags that would give the item more than MaxTags, are concept errors,
// and then nothing is tagged. The list's length is checked first, so a
// long list costs no more than a short one.
func (g *Tagging) Tag(ctx context.Context, in TagIn) (ItemIO, error) {
	tags, err := in.clean()
	if err != nil {
		return ItemIO{}, err
	}
	if tags, err = g.newTags(ctx, in.Item, tags); err != nil {
		return ItemIO{}, err
	}
	return ItemIO{Item: in.Item}, g.add(ctx, in.Item, tags)
}

// clean returns the tags of in, trimmed, without repeats, or a concept
// error for an empty item, a list of more than MaxTags tags (checked
// first, so that a long list costs no more than a short one), or a tag
// that cleanTags refuses.
func (in TagIn) clean() ([]string, error) {
	switch {
	case in.Item == "":
		return nil, concepts.Errorf("item is empty; pass the id of the item to tag")
	case len(in.Tags) > MaxTags:
		return nil, concepts.Errorf("%d tags; an item has at most %d: keep the ones that say most", len(in.Tags), MaxTags)
	}
	return cleanTags(in.Tags)
}

// add stores the tags of the item; one it has already stays as it is.
func (g *Tagging) add(ctx context.Context, item string, tags []string) error {
	for _, tag := range tags {
		err := g.tags.Insert(ctx, storage.Key(item, tag), tagDoc{Item: item, Tag: tag})
		if err != nil && !errors.Is(err, storage.ErrTaken) {
			return err
		}
	}
	return nil
}

// Retag makes the item's tags the tags given, trimmed: it loses the others
// and gains the new ones; the ones it keeps stay as they are. The limits
// and errors are tag's, and then nothing changes.
func (g *Tagging) Retag(ctx context.Context, in TagIn) (ItemIO, error) {
	tags, err := in.clean()
	if err != nil {
		return ItemIO{}, err
	}
	docs, err := g.tags.Find(ctx, storage.Where(storage.Eq("item", in.Item)))
	for _, d := range docs {
		if err == nil && !slices.Contains(tags, d.Value.Tag) {
			_, err = g.tags.Delete(ctx, d.ID)
		}
	}
	if err != nil {
		return ItemIO{}, err
	}
	return ItemIO{Item: in.Item}, g.add(ctx, in.Item, tags)
}

// newTags returns those of tags that the item does not have, or a concept
// error when they would give it more than MaxTags.
func (g *Tagging) newTags(ctx context.Context, item string, tags []string) ([]string, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	docs, err := g.tags.Find(ctx, storage.Where(storage.Eq("item", item)))
	if err != nil {
		return nil, err
	}
	tags = slices.DeleteFunc(tags, func(tag string) bool {
		return slices.ContainsFunc(docs, func(d storage.Doc[tagDoc]) bool { return d.Value.Tag == tag })
	})
	if n := len(docs) + len(tags); len(tags) > 0 && n > MaxTags {
		return nil, concepts.Errorf("item %s has %d tags, and %d more would make %d; an item has at most %d",
			item, len(docs), len(tags), n, MaxTags)
	}
	return tags, nil
}

// cleanTags returns the tags trimmed, without repeats, or a concept error
// naming the first element that is not a string, is empty once trimmed,
// or is longer than MaxTagLength.
func cleanTags(list []any) ([]string, error) {
	tags := make([]string, 0, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, concepts.Errorf("tags[%d] is %s, not a string; pass every tag as a string", i, show(x))
		}
		s = strings.TrimSpace(s)
		switch n := utf8.RuneCountInString(s); {
		case n == 0:
			return nil, concepts.Errorf("tags[%d] (%q) is empty; remove it, or write the tag", i, x)
		case n > MaxTagLength:
			return nil, concepts.Errorf("tags[%d] has %d characters; a tag has at most %d: shorten it", i, n, MaxTagLength)
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

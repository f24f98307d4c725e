// Package tagging implements the Tagging concept: items are grouped under
// short labels, tags, that readers browse by.
//
// State is one collection, Tagging.tags: one document per tag of an item,
// keyed by storage.Key(item, tag), so that tagging twice stores one
// document, with the item and the tag. An index on the item gives an
// item's tags; one on the tag and the item gives a page of a tag's items,
// greatest first, in one indexed query however many items the tag has.
// That index is counted (storage.CountedOn): the store keeps how many
// items each tag has, so _all orders the tags by use, and _items counts a
// tag's items, reading a row per tag, not the taggings. No count is a
// document of the concept's, which concurrent taggings would rewrite.
package tagging

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// TagsCollection is the collection of the concept's state.
const TagsCollection = "Tagging.tags"

// The limits of tag, which the spec states: an item has at most MaxTags
// tags, and a tag at most MaxTagLength characters once trimmed. They keep
// the work of one tag, and the size of an item's tag list, small.
const (
	MaxTags      = 50
	MaxTagLength = 100
)

// Tagging keeps the tags of items.
type Tagging struct {
	tags *storage.Collection[tagDoc]
}

// tagDoc is a tag of an item in Tagging.tags.
type tagDoc struct {
	Item string `json:"item"`
	Tag  string `json:"tag"`
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *storage.DB) *Tagging {
	return &Tagging{tags: storage.NewCollection[tagDoc](db, TagsCollection, storage.On("item"), storage.CountedOn("tag", "item"))}
}

// Concept registers the actions and queries under their spec names.
func (g *Tagging) Concept() *concepts.Concept {
	return concepts.New("Tagging").
		Action("tag", concepts.Action(g.Tag)).
		Action("retag", concepts.Action(g.Retag)).
		Action("forget", concepts.Action(g.Forget)).
		Query("_tags", concepts.BatchQuery(g.Tags)).
		Query("_items", concepts.Query(g.Items)).
		Query("_all", concepts.Query(g.All))
}

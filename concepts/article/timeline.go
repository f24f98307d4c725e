package article

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"legible/storage"
)

// timelineID is the `_id` of the one document of Article.timeline.
const timelineID = "articles"

// fieldEntries is the field of the timeline document that holds its
// entries.
const fieldEntries = "entries"

// legacySeq is the field that articles stored before the timeline existed
// carry: a number that grew with every create, which ordered articles
// created in the same millisecond. Only buildTimeline reads it.
const legacySeq = "seq"

// entry is an article in the timeline. It is stored as the string
// "<id> <author>" (ids have no spaces): FerretDB parses a string in a
// third of the time it takes for a small embedded document, and a string
// compares exactly in $addToSet and $pullAll on FerretDB and MongoDB alike.
type entry struct {
	ID, Author string
}

// String is how the timeline stores e.
func (e entry) String() string { return e.ID + " " + e.Author }

// parseEntry reads an entry stored by String.
func parseEntry(s string) entry {
	id, author, _ := strings.Cut(s, " ")
	return entry{ID: id, Author: author}
}

// timelineDoc is the document of Article.timeline: the entries of the
// articles in the order their creates completed, the newest last.
type timelineDoc struct {
	ID      string   `bson:"_id"`
	Entries []string `bson:"entries"`
}

// push appends e to the timeline in one upsert (storage.AddToSet), making
// the timeline document when there is none. Entries are distinct, as
// article ids are, so adding to the set is appending.
func (a *Article) push(ctx context.Context, e entry) error {
	return storage.AddToSet(ctx, a.timeline, timelineID, fieldEntries, e.String())
}

// pull removes e from the timeline in one update (storage.Pull); an entry
// it does not hold is no error.
func (a *Article) pull(ctx context.Context, e entry) error {
	return storage.Pull(ctx, a.timeline, timelineID, fieldEntries, e.String())
}

// entries returns the timeline, oldest first: none when there is no
// timeline document yet.
func (a *Article) entries(ctx context.Context) ([]entry, error) {
	list, err := storage.Members(ctx, a.timeline, timelineID, fieldEntries)
	entries := make([]entry, len(list))
	for i, s := range list {
		entries[i] = parseEntry(s)
	}
	return entries, err
}

// buildTimeline makes the timeline document when there is none, from the
// articles stored before the timeline existed, in the order they were
// listed then: by createdAt, and in one millisecond by legacySeq. It is
// one insert, so a timeline made meanwhile stays as it is. It assumes
// that no create runs meanwhile, as Setup runs before the concept serves.
func (a *Article) buildTimeline(ctx context.Context) error {
	var tl timelineDoc
	if found, err := storage.FindByID(ctx, a.timeline, timelineID, &tl); found || err != nil {
		return err
	}
	opts := options.Find().SetSort(bson.D{{Key: fieldCreatedAt, Value: 1}, {Key: legacySeq, Value: 1}}).
		SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: fieldAuthor, Value: 1}})
	cur, err := a.articles.Find(ctx, bson.D{}, opts)
	var docs []articleDoc
	if err == nil {
		err = cur.All(ctx, &docs)
	}
	if err != nil {
		return fmt.Errorf("reading the articles of %s to build %s: %w; check that the database is reachable",
			ArticlesCollection, TimelineCollection, err)
	}
	tl = timelineDoc{ID: timelineID, Entries: make([]string, len(docs))} // [], not null, for $push
	for i, d := range docs {
		tl.Entries[i] = entry{ID: d.ID, Author: d.Author}.String()
	}
	if err := storage.Insert(ctx, a.timeline, tl); err != nil && !errors.Is(err, storage.ErrTaken) {
		return err
	}
	return nil
}

// selected yields the entries of the timeline that in selects, newest
// first.
func (in CountIn) selected(timeline []entry) iter.Seq[entry] {
	authors, articles := setOf(in.Authors), setOf(in.Articles)
	return func(yield func(entry) bool) {
		for i := len(timeline) - 1; i >= 0; i-- {
			e := timeline[i]
			if (authors == nil || authors[e.Author]) && (articles == nil || articles[e.ID]) && !yield(e) {
				return
			}
		}
	}
}

// none reports whether in selects no article for sure: for an empty list
// of authors or articles.
func (in CountIn) none() bool {
	return in.Authors != nil && len(*in.Authors) == 0 || in.Articles != nil && len(*in.Articles) == 0
}

// setOf returns the set of the strings of list, or nil for a nil list.
func setOf(list *[]string) map[string]bool {
	if list == nil {
		return nil
	}
	set := make(map[string]bool, len(*list))
	for _, s := range *list {
		set[s] = true
	}
	return set
}

package commenting

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"legible/concepts"
	"legible/storage"
)

// The fields and names of the state.
const (
	commentsField   = "comments" // the set of comment ids of an item's document
	commentSequence = "comments" // the counter of comment ids in CountersCollection
)

// commentDoc is a comment in Commenting.comments.
type commentDoc struct {
	ID        string    `bson:"_id"`
	Item      string    `bson:"item"`
	Author    string    `bson:"author"`
	Body      string    `bson:"body"`
	CreatedAt time.Time `bson:"createdAt"`
	UpdatedAt time.Time `bson:"updatedAt"`
}

// insert stores the comment of in under the next id, then adds the id to
// the item's list, and returns the id. When the list cannot be changed
// it deletes the comment again, so that a failed add leaves no comment
// that _byItem would not show.
func (m *Commenting) insert(ctx context.Context, in AddIn) (string, error) {
	n, err := storage.Next(ctx, m.counters, commentSequence)
	if err != nil {
		return "", err
	}
	now := concepts.Now()
	d := commentDoc{ID: strconv.FormatInt(n, 10), Item: in.Item, Author: in.Author, Body: in.Body,
		CreatedAt: now, UpdatedAt: now}
	if err := storage.Insert(ctx, m.comments, d); err != nil {
		return "", err
	}
	if err := storage.AddToSet(ctx, m.items, d.Item, commentsField, d.ID); err != nil {
		return "", errors.Join(err, m.undoInsert(ctx, d.ID))
	}
	return d.ID, nil
}

// undoInsert deletes the comment id that insert stored but could not
// list, even when ctx is cancelled already (storage.Undoing).
func (m *Commenting) undoInsert(ctx context.Context, id string) error {
	ctx, cancel := storage.Undoing(ctx)
	defer cancel()
	if _, err := m.comments.DeleteOne(ctx, storage.ByID(id)); err != nil {
		return fmt.Errorf("deleting the unlisted comment %s from %s: %w; delete it by hand", id,
			CommentsCollection, err)
	}
	return nil
}

// delete deletes the comment d, and then its id from its item's list,
// dropping the list when it is left empty. It reports whether it deleted
// the comment: false when a concurrent remove did first.
func (m *Commenting) delete(ctx context.Context, d *commentDoc) (bool, error) {
	res, err := m.comments.DeleteOne(ctx, storage.ByID(d.ID))
	if err != nil {
		return false, fmt.Errorf("deleting comment %s from %s: %w; check that the database is reachable", d.ID,
			CommentsCollection, err)
	}
	if res.DeletedCount == 0 {
		return false, nil
	}
	if err := storage.Pull(ctx, m.items, d.Item, commentsField, d.ID); err != nil {
		return true, err
	}
	return true, storage.DropIfEmpty(ctx, m.items, d.Item, commentsField)
}

// find returns the comment id, or nil when there is none.
func (m *Commenting) find(ctx context.Context, id string) (*commentDoc, error) {
	var d commentDoc
	found, err := storage.FindByID(ctx, m.comments, id, &d)
	if !found || err != nil {
		return nil, err
	}
	return &d, nil
}

// ofItem returns the comments on item, newest (highest id) first, read by
// `_id` one by one: its cost grows with the item's comments, not with all
// comments. (A find with $in on the ids makes FerretDB 1.24.2 scan every
// comment in Go: at 2,000 comments it is slower than reading 200 comments
// one by one with serve's `_id` index, BenchmarkOfItem.) An id listed
// whose comment is gone, as while a remove runs, is left out.
func (m *Commenting) ofItem(ctx context.Context, item string) ([]commentDoc, error) {
	ids, err := storage.Members(ctx, m.items, item, commentsField)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ids, newerFirst)
	docs := make([]commentDoc, 0, len(ids))
	for _, id := range ids {
		d, err := m.find(ctx, id)
		if err != nil {
			return nil, err
		}
		if d != nil {
			docs = append(docs, *d)
		}
	}
	return docs, nil
}

// newerFirst orders comment ids, decimal numbers without leading zeros,
// from the highest to the lowest.
func newerFirst(a, b string) int {
	return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(b, a))
}

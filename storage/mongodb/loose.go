package mongodb

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/legible/legible/storage/backend"
)

// undoTimeout bounds the undoing of a transaction's writes by Rollback.
const undoTimeout = 5 * time.Second

// loose is the Writer of a server without transactions: each write is
// applied at once and marks the document it writes (markField), and
// remembers what it replaced, so that Undo can undo the writes, newest
// first, where the document still holds the mark.
type loose struct {
	writes
	undo []undo
}

// undo is how to undo one write.
type undo struct {
	coll, id string
	mark     string   // the mark the write left; "" for a delete
	was      bson.Raw // the document before the write; nil for none
}

// marked returns the document of data under the id, marked with a new
// mark, and the mark.
func marked(id string, data []byte) (bson.D, string, error) {
	d, err := toBSON(id, data)
	if err != nil {
		return nil, "", err
	}
	mark := rand.Text()
	return append(d, bson.E{Key: markField, Value: mark}), mark, nil
}

// Insert inserts, to be deleted on Undo.
func (l *loose) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	d, mark, err := marked(doc.ID, doc.Data)
	if err != nil {
		return err
	}
	if err := l.insert(ctx, coll, doc.ID, d); err != nil {
		return err
	}
	l.undo = append(l.undo, undo{coll: coll, id: doc.ID, mark: mark})
	return nil
}

// Put stores, keeping the document it replaced for Undo, as read just
// before. (FerretDB's findAndModify, which would read it in the write,
// stores nothing, and says nothing, when the write repeats a unique key.)
func (l *loose) Put(ctx context.Context, coll string, doc backend.Raw) error {
	d, mark, err := marked(doc.ID, doc.Data)
	if err != nil {
		return err
	}
	was, err := l.current(ctx, coll, doc.ID)
	if err == nil {
		err = l.put(ctx, coll, doc.ID, d)
	}
	if err != nil {
		return err
	}
	l.undo = append(l.undo, undo{coll: coll, id: doc.ID, mark: mark, was: was})
	return nil
}

// Delete deletes, keeping the document it deleted for Undo, as read just
// before: FerretDB's findAndModify may return one document to several
// deletes at once, where its delete by id is atomic.
func (l *loose) Delete(ctx context.Context, coll, id string) (bool, error) {
	was, err := l.current(ctx, coll, id)
	if err != nil || was == nil {
		return false, err
	}
	cctx, c := l.coll(ctx, coll)
	res, err := c.DeleteOne(cctx, bson.D{{Key: idField, Value: id}})
	if err != nil || res.DeletedCount == 0 {
		return false, writeError("deleting from", coll, id, err)
	}
	l.undo = append(l.undo, undo{coll: coll, id: id, was: was})
	return true, nil
}

// Commit keeps the writes, which are made already.
func (l *loose) Commit(context.Context) error {
	l.undo = nil
	return nil
}

// Rollback undoes the writes (Undo), for at most undoTimeout; what it
// cannot undo it logs.
func (l *loose) Rollback() {
	ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
	defer cancel()
	_ = l.Undo(ctx)
}

// Undo undoes the writes, newest first: a document this transaction
// wrote, and no one since, goes back to what it was. One that another
// write changed since stays as that write left it; Undo then says, in an
// error wrapping backend.ErrUnknownOutcome, and in the log, which of this
// transaction's writes stay.
func (l *loose) Undo(ctx context.Context) error {
	var stay []string
	for i := len(l.undo) - 1; i >= 0; i-- {
		u := l.undo[i]
		if err := l.undoOne(ctx, u); err != nil {
			l.b.log.Error("a rolled-back write could not be undone and stays", "collection", u.coll, "id", u.id, "error", err)
			stay = append(stay, fmt.Sprintf("%s %s (%v)", u.coll, u.id, err))
		}
	}
	l.undo = nil
	if len(stay) > 0 {
		return fmt.Errorf("%w: rolling back without transactions, %d of the writes could not be undone and stay: %s",
			backend.ErrUnknownOutcome, len(stay), strings.Join(stay, "; "))
	}
	return nil
}

// errChanged says that another write changed a document since the write
// to undo.
var errChanged = errors.New("another flow wrote the document since")

// undoOne undoes one write, unless another changed its document since.
func (l *loose) undoOne(ctx context.Context, u undo) error {
	ctx, coll := l.coll(ctx, u.coll)
	mine := bson.D{{Key: idField, Value: u.id}, {Key: markField, Value: u.mark}}
	switch {
	case u.mark == "": // a delete: put the document back, unless one was put since
		_, err := coll.InsertOne(ctx, u.was)
		if isDuplicate(err) {
			return errChanged
		}
		return err
	case u.was == nil: // an insert, or a put of a new id: delete it
		res, err := coll.DeleteOne(ctx, mine)
		if err != nil || res.DeletedCount > 0 {
			return err
		}
	default: // a put over a document: put that one back
		res, err := coll.ReplaceOne(ctx, mine, u.was)
		if err != nil || res.MatchedCount > 0 {
			return writeError("undoing a write of", u.coll, u.id, err)
		}
	}
	return l.gone(ctx, coll, u)
}

// gone returns nil when the document of a write that its undo did not
// find holds what the undo would restore (none, after an insert), and
// errChanged otherwise.
func (l *loose) gone(ctx context.Context, coll *mongo.Collection, u undo) error {
	n, err := coll.CountDocuments(ctx, bson.D{{Key: idField, Value: u.id}})
	switch {
	case err != nil:
		return err
	case n == 0 && u.was == nil:
		return nil
	}
	return errChanged
}

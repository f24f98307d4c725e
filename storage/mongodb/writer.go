package mongodb

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage/backend"
)

// writes are the writes of both kinds of Writer, on reads' collections.
type writes struct{ reads }

// Write starts the writing part of a transaction: a session transaction
// when the server has them, else writes applied at once and undone on
// Rollback.
func (b *Backend) Write(ctx context.Context) (backend.Writer, error) {
	if b.server.transactions {
		return b.beginSession(ctx, false)
	}
	return &loose{writes: writes{reads{b: b}}}, nil
}

// insert inserts the document d.
func (w writes) insert(ctx context.Context, name, id string, d bson.D) error {
	ctx, coll := w.coll(ctx, name)
	_, err := coll.InsertOne(ctx, d)
	return writeError("inserting into", name, id, err)
}

// put stores the document d under the id, inserting it when there is
// none. Without a transaction, a concurrent first put of one id can make
// the upsert hit the _id index; it then replaces the document the other
// put made.
func (w writes) put(ctx context.Context, name, id string, d bson.D) error {
	ctx, coll := w.coll(ctx, name)
	filter := bson.D{{Key: idField, Value: id}}
	_, err := coll.ReplaceOne(ctx, filter, d, options.Replace().SetUpsert(true))
	if isDuplicate(err) && w.sess == nil {
		if n, _ := coll.CountDocuments(ctx, filter); n == 1 {
			_, err = coll.ReplaceOne(ctx, filter, d)
		}
	}
	return writeError("storing in", name, id, err)
}

// current returns the document with the id as it is, nil for none.
func (w writes) current(ctx context.Context, name, id string) (bson.Raw, error) {
	ctx, coll := w.coll(ctx, name)
	doc, err := coll.FindOne(ctx, bson.D{{Key: idField, Value: id}}).Raw()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	return doc, readError(name, err)
}

// writeError names the collection and the document in an error of
// writing it, wrapping backend.ErrTaken for a duplicate key and
// backend.ErrConflict for a transient transaction error; nil stays nil.
func writeError(doing, coll, id string, err error) error {
	switch {
	case err == nil:
		return nil
	case isDuplicate(err):
		return fmt.Errorf("%s %s, document %s: %w: %w", doing, coll, id, backend.ErrTaken, err)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return conflictOr(fmt.Errorf("%s %s, document %s: %w", doing, coll, id, err))
}

// The server's error codes that say that running a transaction, or a
// read, again may succeed.
const (
	writeConflict       = 112
	snapshotTooOld      = 239
	snapshotUnavailable = 246
)

// conflictOr wraps backend.ErrConflict around err when the server says
// that running the transaction again may succeed: a transient
// transaction error, a write conflict, or a snapshot that is gone.
func conflictOr(err error) error {
	var se mongo.ServerError
	if errors.As(err, &se) && (se.HasErrorLabel("TransientTransactionError") ||
		se.HasErrorCode(writeConflict) || se.HasErrorCode(snapshotTooOld) || se.HasErrorCode(snapshotUnavailable)) {
		return fmt.Errorf("%w: %w", backend.ErrConflict, err)
	}
	return err
}

// sqliteUnique is how SQLite words a unique index violation; FerretDB v1
// passes it on, as an InternalError, when an update causes one.
const sqliteUnique = "UNIQUE constraint failed"

// isDuplicate reports whether err is a duplicate key: MongoDB's E11000, or
// what FerretDB v1 returns instead for updates.
func isDuplicate(err error) bool {
	if err == nil {
		return false
	}
	if mongo.IsDuplicateKeyError(err) {
		return true
	}
	var se mongo.ServerError
	return errors.As(err, &se) && se.HasErrorMessage(sqliteUnique) || strings.Contains(err.Error(), sqliteUnique)
}

// dupIndex matches the name of the index in MongoDB's message of a
// duplicate key.
var dupIndex = regexp.MustCompile(`index: (\S+) dup key`)

// duplicateIndex returns the name of the index that a duplicate key
// error names; "" when it names none.
func duplicateIndex(err error) string {
	if m := dupIndex.FindStringSubmatch(err.Error()); m != nil {
		return m[1]
	}
	return ""
}

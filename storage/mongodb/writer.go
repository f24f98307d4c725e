package mongodb

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"

	"github.com/legible/legible/storage/backend"
)

// writes are the writes of both kinds of Writer, on reads' collections.
type writes struct{ reads }

// insert inserts a document.
func (w writes) insert(ctx context.Context, name string, doc backend.Raw) error {
	d, err := toBSON(doc.ID, doc.Data)
	if err != nil {
		return err
	}
	ctx, coll := w.coll(ctx, name)
	_, err = coll.InsertOne(ctx, d)
	return writeError("inserting into", name, doc.ID, err)
}

// put inserts or replaces a document. A concurrent first put of one id
// can make the upsert hit the _id index; it then replaces the document
// the other put made.
func (w writes) put(ctx context.Context, name string, doc backend.Raw) error {
	d, err := toBSON(doc.ID, doc.Data)
	if err != nil {
		return err
	}
	ctx, coll := w.coll(ctx, name)
	filter := bson.D{{Key: idField, Value: doc.ID}}
	_, err = coll.ReplaceOne(ctx, filter, d, options.Replace().SetUpsert(true))
	if isDuplicate(err) && w.sess == nil {
		if taken, _ := w.Get(ctx, name, []string{doc.ID}); len(taken) == 1 {
			_, err = coll.ReplaceOne(ctx, filter, d)
		}
	}
	return writeError("storing in", name, doc.ID, err)
}

// delete deletes a document.
func (w writes) delete(ctx context.Context, name, id string) (bool, error) {
	ctx, coll := w.coll(ctx, name)
	res, err := coll.DeleteOne(ctx, bson.D{{Key: idField, Value: id}})
	if err != nil {
		return false, writeError("deleting from", name, id, err)
	}
	return res.DeletedCount > 0, nil
}

// loose is the Writer of a server without transactions: each write is
// applied at once, and remembers what it replaced, so that Rollback can
// undo the writes, newest first.
type loose struct {
	writes
	undo []undo
}

// undo is what a write replaced: the document before it, or, for one that
// did not exist, nil Data.
type undo struct {
	coll string
	was  backend.Raw
}

// Insert inserts, to be deleted on Rollback.
func (l *loose) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	if err := l.insert(ctx, coll, doc); err != nil {
		return err
	}
	l.undo = append(l.undo, undo{coll: coll, was: backend.Raw{ID: doc.ID}})
	return nil
}

// Put reads the document it replaces, then stores.
func (l *loose) Put(ctx context.Context, coll string, doc backend.Raw) error {
	was, err := l.before(ctx, coll, doc.ID)
	if err != nil {
		return err
	}
	if err := l.put(ctx, coll, doc); err != nil {
		return err
	}
	l.undo = append(l.undo, was)
	return nil
}

// Delete reads the document it deletes, then deletes.
func (l *loose) Delete(ctx context.Context, coll, id string) (bool, error) {
	was, err := l.before(ctx, coll, id)
	if err != nil {
		return false, err
	}
	deleted, err := l.delete(ctx, coll, id)
	if deleted {
		l.undo = append(l.undo, was)
	}
	return deleted, err
}

// before reads the document id of coll as it is before a write.
func (l *loose) before(ctx context.Context, coll, id string) (undo, error) {
	docs, err := l.Get(ctx, coll, []string{id})
	if err != nil {
		return undo{}, err
	}
	u := undo{coll: coll, was: backend.Raw{ID: id}}
	if len(docs) == 1 {
		u.was = docs[0]
	}
	return u, nil
}

// Commit keeps the writes, which are made already.
func (l *loose) Commit(context.Context) error {
	l.undo = nil
	return nil
}

// Rollback undoes the writes, newest first, even when the request that
// made them is gone, for at most undoTimeout.
func (l *loose) Rollback() {
	ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
	defer cancel()
	for i := len(l.undo) - 1; i >= 0; i-- {
		u := l.undo[i]
		var err error
		if u.was.Data == nil {
			_, err = l.delete(ctx, u.coll, u.was.ID)
		} else {
			err = l.put(ctx, u.coll, u.was)
		}
		if err != nil { // no one to return it to: the write stays
			l.b.log.Error("a rolled-back write could not be undone", "collection", u.coll, "id", u.was.ID, "error", err)
		}
	}
	l.undo = nil
}

// session is the Writer of a server with transactions: a session
// transaction.
type session struct {
	writes
	done bool
}

// beginSession starts a session and a transaction in it.
func (b *Backend) beginSession(ctx context.Context) (*session, error) {
	sess, err := b.client.StartSession()
	if err != nil {
		return nil, fmt.Errorf("starting a MongoDB session: %w", err)
	}
	opts := options.Transaction().SetReadConcern(readconcern.Snapshot()).SetWriteConcern(writeconcern.Majority())
	if err := sess.StartTransaction(opts); err != nil {
		sess.EndSession(ctx)
		return nil, fmt.Errorf("starting a MongoDB transaction: %w", err)
	}
	return &session{writes: writes{reads{b: b, sess: sess, used: map[string]bool{}}}}, nil
}

// Insert inserts in the transaction. A duplicate key aborts a MongoDB
// transaction, so it first looks for the id and the unique values itself.
func (s *session) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	if err := s.free(ctx, coll, doc, true); err != nil {
		return err
	}
	return s.aborted(s.insert(ctx, coll, doc))
}

// Put stores in the transaction, looking for the unique values first.
func (s *session) Put(ctx context.Context, coll string, doc backend.Raw) error {
	if err := s.free(ctx, coll, doc, false); err != nil {
		return err
	}
	return s.aborted(s.put(ctx, coll, doc))
}

// free returns an error wrapping backend.ErrTaken when the id (for an
// insert) or the values of a unique index of doc are another document's,
// as the transaction sees them.
func (s *session) free(ctx context.Context, coll string, doc backend.Raw, insert bool) error {
	if insert {
		if docs, err := s.Get(ctx, coll, []string{doc.ID}); err != nil || len(docs) > 0 {
			return errors.Join(err, takenError(coll, doc.ID, len(docs) > 0))
		}
	}
	indexes := s.b.uniqueIndexes(coll)
	if len(indexes) == 0 {
		return nil
	}
	fields, err := toBSON(doc.ID, doc.Data)
	if err != nil {
		return err
	}
	for _, ix := range indexes {
		filter := bson.D{{Key: idField, Value: bson.D{{Key: "$ne", Value: doc.ID}}}}
		for _, f := range ix.Fields {
			filter = append(filter, bson.E{Key: f, Value: valueOf(fields, f)})
		}
		sctx, c := s.coll(ctx, coll)
		n, err := c.CountDocuments(sctx, filter, options.Count().SetLimit(1))
		if err != nil || n > 0 {
			return errors.Join(readError(coll, err), takenError(coll, doc.ID, n > 0))
		}
	}
	return nil
}

// valueOf returns the value of field f of d, nil when it has none.
func valueOf(d bson.D, f string) any {
	for _, e := range d {
		if e.Key == f {
			return e.Value
		}
	}
	return nil
}

// takenError is the error of a write whose unique key is taken, when it
// is; else nil.
func takenError(coll, id string, taken bool) error {
	if !taken {
		return nil
	}
	return fmt.Errorf("storing in %s, document %s: %w", coll, id, backend.ErrTaken)
}

// aborted turns the duplicate key that a concurrent transaction caused,
// after free found the key free, into a conflict: the server has aborted
// this transaction, and running it again sees the other's write.
func (s *session) aborted(err error) error {
	if errors.Is(err, backend.ErrTaken) {
		return fmt.Errorf("%w: %w", backend.ErrConflict, err)
	}
	return err
}

// Delete deletes in the transaction.
func (s *session) Delete(ctx context.Context, coll, id string) (bool, error) {
	return s.delete(ctx, coll, id)
}

// Commit increments the counter of every collection the transaction used,
// so that it conflicts with any other that used one of them meanwhile,
// then commits.
func (s *session) Commit(ctx context.Context) error {
	if s.done {
		return errors.New("mongodb: the transaction has ended")
	}
	s.done = true
	defer s.sess.EndSession(context.WithoutCancel(ctx))
	sctx := mongo.NewSessionContext(ctx, s.sess)
	counters := s.b.db.Collection(commitsCollection)
	for name := range s.used {
		_, err := counters.UpdateOne(sctx, bson.D{{Key: idField, Value: name}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}, options.UpdateOne().SetUpsert(true))
		if err != nil {
			_ = s.sess.AbortTransaction(context.WithoutCancel(ctx))
			return conflictOr(fmt.Errorf("committing: %w", err))
		}
	}
	for range commitAttempts {
		err := s.sess.CommitTransaction(sctx)
		var se mongo.ServerError
		if errors.As(err, &se) && se.HasErrorLabel("UnknownTransactionCommitResult") {
			continue // the driver says that committing again is safe
		}
		if err != nil {
			return conflictOr(fmt.Errorf("committing: %w", err))
		}
		return nil
	}
	return fmt.Errorf("committing: the server did not say whether the transaction committed, %d times", commitAttempts)
}

// commitAttempts bounds the commits of a transaction whose result the
// server did not know.
const commitAttempts = 3

// Rollback aborts the transaction.
func (s *session) Rollback() {
	if s.done {
		return
	}
	s.done = true
	ctx := context.Background()
	_ = s.sess.AbortTransaction(ctx)
	s.sess.EndSession(ctx)
}

// writeError names the collection and the document in an error of
// writing it, wrapping backend.ErrTaken for a duplicate key and
// backend.ErrConflict for a transient transaction error; nil stays nil.
func writeError(doing, coll, id string, err error) error {
	switch {
	case err == nil:
		return nil
	case isDuplicate(err):
		return fmt.Errorf("%s %s, document %s: %w", doing, coll, id, backend.ErrTaken)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return conflictOr(fmt.Errorf("%s %s, document %s: %w", doing, coll, id, err))
}

// conflictOr wraps backend.ErrConflict around err when the server says
// that running the transaction again may succeed.
func conflictOr(err error) error {
	var se mongo.ServerError
	if errors.As(err, &se) && (se.HasErrorLabel("TransientTransactionError") || se.HasErrorCode(writeConflict)) {
		return fmt.Errorf("%w: %w", backend.ErrConflict, err)
	}
	return err
}

// writeConflict is the server's error code for a write conflict.
const writeConflict = 112

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

package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"

	"github.com/legible/legible/storage/backend"
)

// session is the Writer of a server with transactions: a session
// transaction, which notes the conflict keys of what it reads and writes
// (keys.go), and writes them at its commit.
type session struct {
	writes
	lease string // the lease this exclusive transaction holds; "" for none
	done  bool
}

// transactionOptions are the options of every transaction: snapshot
// reads, majority writes, and the primary, whatever the URI's
// readPreference (a transaction reads the primary only).
func transactionOptions() *options.TransactionOptionsBuilder {
	return options.Transaction().SetReadConcern(readconcern.Snapshot()).
		SetWriteConcern(writeconcern.Majority()).SetReadPreference(readpref.Primary())
}

// WriteExclusive starts the writing part of a transaction that holds the
// writers' lease: no other transaction of the database starts writing,
// in this process or another, until it ends. Without transactions, it is
// Write.
func (b *Backend) WriteExclusive(ctx context.Context) (backend.Writer, error) {
	if !b.server.transactions {
		return b.Write(ctx)
	}
	return b.beginSession(ctx, true)
}

// beginSession starts a session and a transaction in it, once the
// writers' lease is free, or, for an exclusive one, taken.
func (b *Backend) beginSession(ctx context.Context, exclusive bool) (*session, error) {
	var lease string
	var err error
	if exclusive {
		lease, err = b.takeLease(ctx)
	} else {
		err = b.awaitLease(ctx)
	}
	if err != nil {
		return nil, err
	}
	sess, err := b.client.StartSession()
	if err == nil {
		if err = sess.StartTransaction(transactionOptions()); err != nil {
			sess.EndSession(ctx)
		}
	}
	if err != nil {
		b.releaseLease(lease)
		return nil, fmt.Errorf("starting a MongoDB transaction: %w", err)
	}
	return &session{writes: writes{reads{b: b, sess: sess, keys: newKeySet()}}, lease: lease}, nil
}

// Insert inserts in the transaction. A duplicate key aborts a MongoDB
// transaction, so it first looks for the id and the unique values itself.
func (s *session) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	d, err := toBSON(doc.ID, doc.Data)
	if err == nil {
		err = s.free(ctx, coll, doc.ID, d, true)
	}
	if err == nil {
		err = s.insert(ctx, coll, doc.ID, d)
	}
	if err != nil {
		return s.aborted(coll, err)
	}
	return s.wrote(coll, doc.ID, nil, d)
}

// Put stores in the transaction, looking for the unique values first.
func (s *session) Put(ctx context.Context, coll string, doc backend.Raw) error {
	d, err := toBSON(doc.ID, doc.Data)
	if err == nil {
		err = s.free(ctx, coll, doc.ID, d, false)
	}
	var was bson.Raw
	if err == nil {
		was, err = s.replace(ctx, coll, doc.ID, d)
	}
	if err != nil {
		return s.aborted(coll, err)
	}
	return s.wrote(coll, doc.ID, was, d)
}

// Delete deletes in the transaction.
func (s *session) Delete(ctx context.Context, coll, id string) (bool, error) {
	was, err := s.remove(ctx, coll, id)
	if err != nil {
		return false, err
	}
	return was != nil, s.wrote(coll, id, was, nil)
}

// replace stores the document d under the id, inserting it when there is
// none, and returns the document it replaced, nil for none, in one step.
func (s *session) replace(ctx context.Context, name, id string, d bson.D) (bson.Raw, error) {
	ctx, coll := s.coll(ctx, name)
	before := options.FindOneAndReplace().SetReturnDocument(options.Before).SetUpsert(true)
	was, err := coll.FindOneAndReplace(ctx, bson.D{{Key: idField, Value: id}}, d, before).Raw()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	return was, writeError("storing in", name, id, err)
}

// remove deletes the document with the id, and returns it, nil for none,
// in one step.
func (s *session) remove(ctx context.Context, name, id string) (bson.Raw, error) {
	ctx, coll := s.coll(ctx, name)
	was, err := coll.FindOneAndDelete(ctx, bson.D{{Key: idField, Value: id}}).Raw()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	return was, writeError("deleting from", name, id, err)
}

// wrote notes the write of the document id of coll, from was to d
// (either nil for none), in the transaction's keys.
func (s *session) wrote(coll, id string, was bson.Raw, d bson.D) error {
	var now bson.Raw
	if d != nil {
		var err error
		if now, err = bson.Marshal(d); err != nil {
			return fmt.Errorf("storing in %s, document %s: %w", coll, id, err)
		}
	}
	s.keys.wrote(coll, id, s.b.info(coll).fields, was, now)
	return nil
}

// free returns an error wrapping backend.ErrTaken when the id (for an
// insert) or the values of a unique index of d are another document's,
// as the transaction sees them; each look is a read of the transaction.
func (s *session) free(ctx context.Context, coll, id string, d bson.D, insert bool) error {
	if insert {
		if docs, err := s.Get(ctx, coll, []string{id}); err != nil || len(docs) > 0 {
			return errors.Join(err, takenError(coll, id, len(docs) > 0))
		}
	}
	for _, ix := range s.b.info(coll).unique {
		if !ix.checkable {
			continue
		}
		q := &backend.Query{}
		for _, f := range ix.fields {
			q.Where = append(q.Where, backend.Cond{Field: f, Values: []any{valueOf(d, f)}})
		}
		s.readQuery(coll, q)
		sctx, c := s.coll(ctx, coll)
		filter := append(filterOf(q), bson.E{Key: idField, Value: bson.D{{Key: "$ne", Value: id}}})
		n, err := c.CountDocuments(sctx, filter, options.Count().SetLimit(1))
		if err != nil || n > 0 {
			return errors.Join(readError(coll, err), takenError(coll, id, n > 0))
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

// aborted turns a duplicate key that a write met after free found the
// key free, which aborts a MongoDB transaction, into what it means. On an
// index that free checks, or on _id, a concurrent transaction took the
// key first: a conflict, and running again sees its write. On a unique
// index that Setup did not see (made since), the collection's indexes are
// read again, so that free checks it when the flow runs again: a conflict
// too, whose next run finds the key taken, as ErrTaken. On one that free
// cannot check (partial, sparse, or with a collation), a failure that
// says so: the transaction is gone.
func (s *session) aborted(coll string, err error) error {
	if !errors.Is(err, backend.ErrTaken) {
		return err
	}
	name := duplicateIndex(err)
	ix, known := s.b.info(coll).uniqueNamed(name)
	switch {
	case known && !ix.checkable:
		return fmt.Errorf("MongoDB aborted the transaction on a duplicate key of the index %s of %s, which legible cannot "+
			"check before it writes (it is partial, sparse or has a collation): declare that index in the concept, "+
			"or drop it: %v", name, coll, err)
	case !known && name != "_id_":
		s.b.relearn(coll)
	}
	return fmt.Errorf("%w: %w", backend.ErrConflict, err)
}

// sessionContext is ctx with the session.
func (s *session) sessionContext(ctx context.Context) context.Context {
	return mongo.NewSessionContext(ctx, s.sess)
}

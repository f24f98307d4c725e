package mongodb

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
)

// probeCollection holds, for an instant, the document that Open writes in
// a transaction that it aborts, to see whether the server has
// transactions.
const probeCollection = "_legible.probe"

// defaultLifetime is MongoDB's transactionLifetimeLimitSeconds unless an
// operator changed it: what Open assumes when it may not read it.
const defaultLifetime = 60 * time.Second

// unauthorized is the server's error code for a command the user may not
// run.
const unauthorized = 13

// server is what Open found out about the server.
type server struct {
	transactions bool          // a transaction's writes commit or abort together
	why          string        // why not, when not
	snapshots    bool          // reads outside transactions can read one snapshot
	whyNot       string        // why not, when not
	lifetime     time.Duration // how long a transaction may live
	reads        string        // the read preference of reads outside transactions
}

// probe finds out what the server can do: it tries a transaction, reads
// the transactions' lifetime, and notes the read preference of opts.
func probe(ctx context.Context, client *mongo.Client, db *mongo.Database, opts *options.ClientOptions) (server, error) {
	s := server{reads: "primary", lifetime: defaultLifetime}
	if rp := opts.ReadPreference; rp != nil {
		s.reads = rp.Mode().String()
	}
	var err error
	if s.transactions, s.why, err = tryTransaction(ctx, client, db); err != nil || !s.transactions {
		s.whyNot = "no transactions"
		return s, err
	}
	s.snapshots, s.whyNot = trySnapshot(ctx, client, db)
	s.lifetime = lifetime(ctx, client)
	return s, nil
}

// trySnapshot reads in a snapshot session (MongoDB 5.0 and later have
// them outside transactions): it says whether the server took it, and
// why not, when not.
func trySnapshot(ctx context.Context, client *mongo.Client, db *mongo.Database) (bool, string) {
	sess, err := client.StartSession(options.Session().SetSnapshot(true))
	if err != nil {
		return false, err.Error()
	}
	defer sess.EndSession(context.WithoutCancel(ctx))
	err = db.Collection(probeCollection).FindOne(mongo.NewSessionContext(ctx, sess), bson.D{}).Err()
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return false, "the server refused a snapshot read: " + err.Error()
	}
	return true, ""
}

// tryTransaction writes a document in a transaction, aborts it, and
// looks for the document: the server has transactions when it refused
// nothing and the document is not there. When it has none, it says why.
func tryTransaction(ctx context.Context, client *mongo.Client, db *mongo.Database) (bool, string, error) {
	if err := db.CreateCollection(ctx, probeCollection); err != nil && !isCode(err, namespaceExists) {
		return false, "", fmt.Errorf("creating the collection %s of MongoDB database %s: %w; check that the user of MONGODB_URI may write there",
			probeCollection, db.Name(), err)
	}
	coll := db.Collection(probeCollection, options.Collection().SetReadPreference(readpref.Primary()))
	id := rand.Text()
	sess, err := client.StartSession()
	if err != nil {
		return false, "", fmt.Errorf("starting a MongoDB session: %w", err)
	}
	defer sess.EndSession(context.WithoutCancel(ctx))
	if err := sess.StartTransaction(transactionOptions()); err != nil {
		return false, "the driver starts none: " + err.Error(), nil
	}
	_, err = coll.InsertOne(mongo.NewSessionContext(ctx, sess), bson.D{{Key: idField, Value: id}})
	_ = sess.AbortTransaction(context.WithoutCancel(ctx))
	var se mongo.ServerError
	switch {
	case errors.As(err, &se) && se.HasErrorCode(unauthorized):
		return false, "", fmt.Errorf("trying a transaction on MongoDB: %w; check that the user of MONGODB_URI may write", err)
	case errors.As(err, &se):
		return false, "a transaction's write was refused: " + err.Error(), nil
	case err != nil:
		return false, "", fmt.Errorf("trying a transaction on MongoDB: %w", err)
	}
	res, err := coll.DeleteOne(ctx, bson.D{{Key: idField, Value: id}})
	if err != nil {
		return false, "", fmt.Errorf("trying a transaction on MongoDB: %w", err)
	}
	if res.DeletedCount > 0 {
		return false, "an aborted transaction's write stayed", nil
	}
	return true, "", nil
}

// lifetime reads how long the server lets a transaction live; when the
// user may not read it, MongoDB's default.
func lifetime(ctx context.Context, client *mongo.Client) time.Duration {
	var p struct {
		Seconds int64 `bson:"transactionLifetimeLimitSeconds"`
	}
	cmd := bson.D{{Key: "getParameter", Value: 1}, {Key: "transactionLifetimeLimitSeconds", Value: 1}}
	if err := client.Database("admin").RunCommand(ctx, cmd).Decode(&p); err != nil || p.Seconds <= 0 {
		return defaultLifetime
	}
	return time.Duration(p.Seconds) * time.Second
}

// describe says what the server can do, and what reads read, for
// Describe.
func (s server) describe() string {
	what := fmt.Sprintf("transactions of up to %s, on the primary; reads outside them read one snapshot each, ", s.lifetime)
	switch {
	case !s.transactions:
		what = "no transactions (" + s.why + "): each write is atomic on its own; reads do not read one snapshot, and read "
	case !s.snapshots:
		what = fmt.Sprintf("transactions of up to %s, on the primary; reads outside them do not read one snapshot (%s), and read ",
			s.lifetime, s.whyNot)
	}
	if s.reads == "primary" {
		return what + "the primary"
	}
	return what + "with the URI's readPreference " + s.reads + ", so they may miss a write made just before"
}

// isCode reports whether err is a server error of the code.
func isCode(err error, code int) bool {
	var se mongo.ServerError
	return errors.As(err, &se) && se.HasErrorCode(code)
}

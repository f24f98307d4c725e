package mongodb

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// The writers' lease makes a transaction exclusive across the replicas
// of a database, as the embedded store's one writer is: a transaction
// that conflicted again and again (backend.Exclusive) takes it, and while
// one holds it, no other transaction, of any replica, starts writing
// (beginSession waits). Transactions that began before it may still make
// it conflict once; it then runs again, and takes the lease again.
//
// The lease is one document of leaseCollection: its holder, and until
// when it holds it, in the server's clock, so that replicas whose clocks
// differ agree. A holder that dies lets it go at that time: its request's
// deadline, and CommitGrace. An exclusive transaction also writes the
// lease in its transaction, as the holder, at its commit (fenceLease):
// one whose lease ran out and went to another conflicts, instead of
// committing beside it.

// leaseCollection holds the writers' lease.
const leaseCollection = "_legible.lease"

// leaseID is the _id of the lease document.
const leaseID = "writers"

// leaseNoDeadline is how long a lease is held by a transaction whose
// context has no deadline.
const leaseNoDeadline = 30 * time.Second

// leases returns the collection of the lease, read and written on the
// primary.
func (b *Backend) leases() *mongo.Collection {
	return b.db.Collection(leaseCollection, options.Collection().SetReadPreference(readpref.Primary()))
}

// takeLease takes the writers' lease, waiting while another transaction
// holds it, until ctx ends, and returns the holder's name.
func (b *Backend) takeLease(ctx context.Context) (string, error) {
	holder := rand.Text()
	ms := leaseTime(ctx).Milliseconds()
	free := bson.D{{Key: idField, Value: leaseID}, {Key: "$expr", Value: bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "$eq", Value: bson.A{"$holder", ""}}},
		bson.D{{Key: "$lt", Value: bson.A{"$until", "$$NOW"}}},
	}}}}}
	take := mongo.Pipeline{{{Key: "$set", Value: bson.D{{Key: "holder", Value: holder},
		{Key: "until", Value: bson.D{{Key: "$add", Value: bson.A{"$$NOW", ms}}}}}}}}
	for attempt := 0; ; attempt++ {
		_, err := b.leases().UpdateOne(ctx, free, take, options.UpdateOne().SetUpsert(true))
		switch {
		case err == nil:
			return holder, nil
		case !isDuplicate(err): // a duplicate: the lease is there, and not free
			return "", fmt.Errorf("taking the writers' lease in %s: %w", leaseCollection, err)
		case !storage.Backoff(ctx, attempt+1):
			return "", fmt.Errorf("%w: waiting for the writers' lease: %w", backend.ErrConflict, ctx.Err())
		}
	}
}

// leaseTime is how long a transaction holds the lease: until ctx's
// deadline, and CommitGrace more for its commit.
func leaseTime(ctx context.Context) time.Duration {
	d, ok := ctx.Deadline()
	if !ok {
		return leaseNoDeadline + storage.CommitGrace
	}
	return time.Until(d) + storage.CommitGrace
}

// awaitLease waits while another transaction holds the lease, until ctx
// ends.
func (b *Backend) awaitLease(ctx context.Context) error {
	held := bson.D{{Key: idField, Value: leaseID}, {Key: "holder", Value: bson.D{{Key: "$ne", Value: ""}}},
		{Key: "$expr", Value: bson.D{{Key: "$gt", Value: bson.A{"$until", "$$NOW"}}}}}
	for attempt := 0; ; attempt++ {
		n, err := b.leases().CountDocuments(ctx, held, options.Count().SetLimit(1))
		switch {
		case err != nil:
			return fmt.Errorf("reading the writers' lease in %s: %w", leaseCollection, err)
		case n == 0:
			return nil
		case !storage.Backoff(ctx, attempt+1):
			return fmt.Errorf("%w: waiting for an exclusive transaction to end: %w", backend.ErrConflict, ctx.Err())
		}
	}
}

// fenceLease writes the lease, in the transaction of ctx, as held by
// holder: a conflict when holder no longer holds it. Without a holder, it
// does nothing.
func (b *Backend) fenceLease(ctx context.Context, holder string) error {
	if holder == "" {
		return nil
	}
	res, err := b.leases().UpdateOne(ctx, bson.D{{Key: idField, Value: leaseID}, {Key: "holder", Value: holder}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "fence", Value: 1}}}})
	switch {
	case err != nil:
		return conflictOr(fmt.Errorf("writing the writers' lease: %w", err))
	case res.MatchedCount == 0:
		return fmt.Errorf("%w: the writers' lease ran out before the commit, and another transaction took it", backend.ErrConflict)
	}
	return nil
}

// releaseLease lets the lease go, if holder holds it still; an empty
// holder holds nothing. A lease that could not be let go runs out.
func (b *Backend) releaseLease(holder string) {
	if holder == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
	defer cancel()
	_, err := b.leases().UpdateOne(ctx, bson.D{{Key: idField, Value: leaseID}, {Key: "holder", Value: holder}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "holder", Value: ""}}}})
	if err != nil {
		b.log.Warn("the writers' lease could not be let go; it runs out by itself", "error", err)
	}
}

package mongodb

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/storagetest"
)

// The replica-set suite runs what FerretDB, which has no transactions,
// cannot show: it needs MONGODB_URI to point at a MongoDB replica set (a
// single-member one will do) or a sharded cluster, and is skipped
// otherwise. The fail points need the server started with
// --setParameter enableTestCommands=1, and the lifetime test a user who
// may run setParameter; those parts are skipped, saying so, without.
//
//	docker run -d --name rs -p 27017:27017 mongo:8 --replSet rs0 --setParameter enableTestCommands=1
//	docker exec rs mongosh --quiet --eval 'rs.initiate()'
//	MONGODB_URI='mongodb://127.0.0.1:27017/?directConnection=true' go test ./storage/mongodb -run ReplicaSet -v

// replicaSet opens a database of the test's own on the replica set of
// MONGODB_URI, with extra options added to the URI's query; it skips the
// test when there is none.
func replicaSet(t *testing.T, name string, query ...string) *Backend {
	t.Helper()
	uri := os.Getenv("MONGODB_URI")
	if uri == "" {
		t.Skip("the replica-set suite needs MONGODB_URI pointing at a MongoDB replica set; see replicaset_test.go")
	}
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("MONGODB_URI: %v", err)
	}
	q := u.Query()
	for i := 0; i+1 < len(query); i += 2 {
		q.Set(query[i], query[i+1])
	}
	u.RawQuery = q.Encode()
	ctx := context.Background()
	b, err := OpenBackend(ctx, u.String(), Options{DB: name, PoolSize: 64, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Skipf("the replica-set suite needs a MongoDB with transactions at MONGODB_URI: %v", err)
	}
	t.Cleanup(func() {
		_ = b.Drop(ctx)
		_ = b.Close()
	})
	return b
}

// rsName is a database name of a test's own.
func rsName() string {
	return "rs_" + strings.ToLower(rand.Text()[:10])
}

// rsItems opens the suite's collection on the replica set.
func rsItems(t *testing.T, query ...string) (*storage.DB, *storage.Collection[storagetest.Item], *Backend) {
	t.Helper()
	b := replicaSet(t, rsName(), query...)
	db := storage.New(b)
	c := storagetest.Items(db)
	storagetest.Setup(t, db)
	return db, c, b
}

// rsMust fails the test on an error.
func rsMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestReplicaSetConformance runs the backend conformance suite on the
// replica set.
func TestReplicaSetConformance(t *testing.T) {
	replicaSet(t, rsName()) // skips without one
	storagetest.Suite(t, func(t *testing.T) backend.Backend { return replicaSet(t, rsName()) })
}

// TestReplicaSetWriteSkew runs two transactions that each read what the
// other writes, in two collections: under snapshot isolation alone both
// would commit; serializable, one conflicts.
func TestReplicaSetWriteSkew(t *testing.T) {
	db, items, _ := rsItems(t)
	others := storage.NewCollection[storagetest.Item](db, "Test.others")
	storagetest.Setup(t, db)
	bg := context.Background()
	rsMust(t, items.Insert(bg, "a", storagetest.Item{Name: "a", N: 1}))
	rsMust(t, others.Insert(bg, "b", storagetest.Item{Name: "b", N: 1}))
	ctx1, tx1 := db.Begin(bg)
	ctx2, tx2 := db.Begin(bg)
	defer tx1.Rollback()
	defer tx2.Rollback()
	a, _, err := items.Get(ctx1, "a")
	rsMust(t, err)
	b, _, err := others.Get(ctx2, "b")
	rsMust(t, err)
	rsMust(t, others.Put(ctx1, "b", storagetest.Item{Name: "b", N: a.N + 10}))
	rsMust(t, items.Put(ctx2, "a", storagetest.Item{Name: "a", N: b.N + 10}))
	err1, err2 := tx1.Commit(ctx1), tx2.Commit(ctx2)
	if (err1 == nil) == (err2 == nil) || !errors.Is(errors.Join(err1, err2), storage.ErrConflict) {
		t.Fatalf("two transactions, each reading what the other writes: commits %v and %v, want one conflict", err1, err2)
	}
}

// TestReplicaSetPhantomAfterFirstWrite counts, after its first write, the
// items of a group, then inserts one on that count; another transaction
// inserts into the group in between: the first conflicts.
func TestReplicaSetPhantomAfterFirstWrite(t *testing.T) {
	db, c, _ := rsItems(t)
	bg := context.Background()
	ctx, tx := db.Begin(bg)
	defer tx.Rollback()
	rsMust(t, c.Insert(ctx, "first", storagetest.Item{Name: "first"}))
	n, err := c.Count(ctx, storage.Where(storage.Eq("group", "g")))
	rsMust(t, err)
	rsMust(t, c.Insert(bg, "other", storagetest.Item{Name: "other", Group: "g"}))
	rsMust(t, c.Insert(ctx, "mine", storagetest.Item{Name: "mine", Group: "g", N: int(n)}))
	if err := tx.Commit(ctx); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("a transaction whose count another insert changed after its first write: %v, want ErrConflict", err)
	}
	ctx, tx = db.Begin(bg)
	defer tx.Rollback()
	rsMust(t, c.Insert(ctx, "first", storagetest.Item{Name: "first"}))
	_, err = c.Count(ctx, storage.Where(storage.Eq("group", "g")))
	rsMust(t, err)
	rsMust(t, c.Insert(bg, "elsewhere", storagetest.Item{Name: "elsewhere", Group: "h"}))
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("a transaction whose count no insert changed: %v, want it committed", err)
	}
}

// TestReplicaSetTakenKeyKeepsTheTransaction inserts a taken name, of a
// declared unique index and of one an operator made: each is ErrTaken,
// and the transaction goes on and commits.
func TestReplicaSetTakenKeyKeepsTheTransaction(t *testing.T) {
	db, c, b := rsItems(t)
	bg := context.Background()
	m := mongo.IndexModel{Keys: bson.D{{Key: "note", Value: 1}}, Options: options.Index().SetName("operator_note").SetUnique(true)}
	_, err := b.db.Collection("Test.items").Indexes().CreateOne(bg, m)
	rsMust(t, err)
	rsMust(t, db.Setup(bg)) // learns the operator's index
	rsMust(t, c.Insert(bg, "ann", storagetest.Item{Name: "ann", Note: "n1"}))
	ctx, tx := db.Begin(bg)
	defer tx.Rollback()
	for _, taken := range []storagetest.Item{{Name: "ann", Note: "n2"}, {Name: "amy", Note: "n1"}} {
		if err := c.Insert(ctx, "x", taken); !errors.Is(err, storage.ErrTaken) || errors.Is(err, storage.ErrConflict) {
			t.Fatalf("inserting %+v: %v, want ErrTaken", taken, err)
		}
	}
	rsMust(t, c.Insert(ctx, "bob", storagetest.Item{Name: "bob", Note: "n3"}))
	rsMust(t, tx.Commit(ctx))
	if _, ok, _ := c.Get(bg, "bob"); !ok {
		t.Fatal("bob, inserted after two taken keys, was not committed")
	}
}

// failPoint sets MongoDB's failCommand fail point, or skips the test when
// the server has no test commands; it is turned off when the test ends.
func failPoint(t *testing.T, b *Backend, mode any, data bson.D) {
	t.Helper()
	admin := b.client.Database("admin")
	cmd := bson.D{{Key: "configureFailPoint", Value: "failCommand"}, {Key: "mode", Value: mode}, {Key: "data", Value: data}}
	if err := admin.RunCommand(context.Background(), cmd).Err(); err != nil {
		t.Skipf("fail points need mongod --setParameter enableTestCommands=1: %v", err)
	}
	t.Cleanup(func() {
		off := bson.D{{Key: "configureFailPoint", Value: "failCommand"}, {Key: "mode", Value: "off"}}
		_ = admin.RunCommand(context.Background(), off).Err()
	})
}

// commitOne inserts the item id in a transaction whose context ends
// after d, and commits; it returns how long Commit took, and its error.
func commitOne(t *testing.T, db *storage.DB, c *storage.Collection[storagetest.Item], id string, d time.Duration) (time.Duration, error) {
	t.Helper()
	parent, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	ctx, tx := db.Begin(parent)
	defer tx.Rollback()
	rsMust(t, c.Insert(ctx, id, storagetest.Item{Name: id}))
	start := time.Now()
	err := tx.Commit(ctx)
	return time.Since(start), err
}

// wantHonest checks that what a commit said agrees with what is there:
// committed, and there; a conflict or another failure, and not there; an
// unknown outcome, either.
func wantHonest(t *testing.T, c *storage.Collection[storagetest.Item], id string, err error) {
	t.Helper()
	_, there, gerr := c.Get(context.Background(), id)
	rsMust(t, gerr)
	switch {
	case errors.Is(err, storage.ErrUnknownOutcome):
	case err == nil && !there:
		t.Errorf("%s: the commit succeeded, and the item is not there", id)
	case err != nil && there:
		t.Errorf("%s: the commit failed (%v), and the item is there: that is an unknown outcome", id, err)
	}
}

func TestReplicaSetCommitClosedConnection(t *testing.T) {
	db, c, b := rsItems(t)
	failPoint(t, b, bson.D{{Key: "times", Value: 1}}, bson.D{{Key: "failCommands", Value: bson.A{"commitTransaction"}},
		{Key: "closeConnection", Value: true}})
	_, err := commitOne(t, db, c, "closed", 5*time.Second)
	wantHonest(t, c, "closed", err)
}

func TestReplicaSetCommitUnknownResult(t *testing.T) {
	db, c, b := rsItems(t)
	unknown := bson.D{{Key: "failCommands", Value: bson.A{"commitTransaction"}}, {Key: "errorCode", Value: 91},
		{Key: "errorLabels", Value: bson.A{unknownLabel}}}
	failPoint(t, b, bson.D{{Key: "times", Value: 3}}, unknown)
	_, err := commitOne(t, db, c, "thrice", 5*time.Second)
	if err != nil {
		t.Fatalf("a commit whose first three answers were unknown: %v, want it committed at the fourth", err)
	}
	wantHonest(t, c, "thrice", err)
	failPoint(t, b, "alwaysOn", unknown)
	took, err := commitOne(t, db, c, "never", 300*time.Millisecond)
	if !errors.Is(err, storage.ErrUnknownOutcome) || took > storage.CommitGrace+time.Second {
		t.Fatalf("a commit whose answers are all unknown: %v after %v, want ErrUnknownOutcome within %v", err, took, storage.CommitGrace)
	}
}

func TestReplicaSetCommitBlocked(t *testing.T) {
	db, c, b := rsItems(t)
	failPoint(t, b, bson.D{{Key: "times", Value: 1}}, bson.D{{Key: "failCommands", Value: bson.A{"commitTransaction"}},
		{Key: "blockConnection", Value: true}, {Key: "blockTimeMS", Value: 10000}})
	took, err := commitOne(t, db, c, "blocked", 300*time.Millisecond)
	if !errors.Is(err, storage.ErrUnknownOutcome) || took > storage.CommitGrace+time.Second {
		t.Fatalf("a commit the server holds for 10 s: %v after %v, want ErrUnknownOutcome within %v", err, took, storage.CommitGrace)
	}
}

// TestReplicaSetConcurrentWriters runs 32 writers at once, each adding
// its own user's favorite of its own article, as Conduit's favorite does
// (read the user, the article, its favorites; insert the favorite), in
// transactions that run again on a conflict, exclusively after two, as
// flows do, within a 10 s deadline: all commit, and nothing is lost.
func TestReplicaSetConcurrentWriters(t *testing.T) {
	db, c, _ := rsItems(t)
	favorites := storage.NewCollection[storagetest.Item](db, "Test.favorites", storage.On("group"))
	storagetest.Setup(t, db)
	const writers = 32
	bg := context.Background()
	for i := range writers {
		rsMust(t, c.Insert(bg, fmt.Sprint("user", i), storagetest.Item{Name: fmt.Sprint("user", i)}))
		rsMust(t, c.Insert(bg, fmt.Sprint("article", i), storagetest.Item{Name: fmt.Sprint("article", i), Group: "articles"}))
	}
	var conflicts atomic.Int64
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			article := fmt.Sprint("article", i)
			err := flowLike(db, &conflicts, func(ctx context.Context) error {
				if _, _, err := c.Get(ctx, fmt.Sprint("user", i)); err != nil {
					return err
				}
				if _, _, err := c.FindOne(ctx, storage.Eq("name", article)); err != nil {
					return err
				}
				if _, err := favorites.Count(ctx, storage.Where(storage.Eq("group", article))); err != nil {
					return err
				}
				return favorites.Insert(ctx, storage.Key(article, fmt.Sprint("user", i)), storagetest.Item{Name: fmt.Sprint("fav", i), Group: article})
			})
			if err != nil {
				t.Errorf("writer %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if n, err := favorites.Count(bg, storage.Query{}); err != nil || n != writers {
		t.Fatalf("%d favorites (%v) after %d writers, want %d", n, err, writers, writers)
	}
	t.Logf("%d writers of different favorites: %d conflicts", writers, conflicts.Load())
}

// TestReplicaSetHotSpot runs 32 writers that each read and increment one
// counter, as flows: all commit, and the counter counts them all.
func TestReplicaSetHotSpot(t *testing.T) {
	db, c, _ := rsItems(t)
	bg := context.Background()
	rsMust(t, c.Insert(bg, "counter", storagetest.Item{Name: "counter"}))
	const writers = 32
	var conflicts atomic.Int64
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			err := flowLike(db, &conflicts, func(ctx context.Context) error {
				v, _, err := c.Get(ctx, "counter")
				if err != nil {
					return err
				}
				v.N++
				return c.Put(ctx, "counter", v)
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if v, _, err := c.Get(bg, "counter"); err != nil || v.N != writers {
		t.Fatalf("counter %d (%v) after %d increments, want %d", v.N, err, writers, writers)
	}
	t.Logf("%d writers of one counter: %d conflicts", writers, conflicts.Load())
}

// flowLike runs f in transactions as the engine runs a flow: again on a
// conflict, exclusively after two, until a 10 s deadline.
func flowLike(db *storage.DB, conflicts *atomic.Int64, f func(ctx context.Context) error) error {
	parent, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for attempt := 1; ; attempt++ {
		ctx, tx := db.Begin(parent)
		err := func() error {
			if attempt > 2 {
				if err := storage.StartExclusive(ctx); err != nil {
					return err
				}
			}
			if err := f(ctx); err != nil {
				return err
			}
			return tx.Commit(ctx)
		}()
		_ = tx.Rollback()
		if !errors.Is(err, storage.ErrConflict) || parent.Err() != nil {
			return err
		}
		conflicts.Add(1)
		time.Sleep(time.Duration(attempt) * time.Millisecond)
	}
}

// TestReplicaSetConcurrentSetup sets up one database from six backends at
// once, over indexes another version made and an operator's TTL index:
// all succeed, and the TTL index stays.
func TestReplicaSetConcurrentSetup(t *testing.T) {
	first := replicaSet(t, rsName())
	name := first.db.Name()
	bg := context.Background()
	older := []backend.Collection{{Name: "Test.kept", Indexes: []backend.Index{{Fields: []string{"a"}}, {Fields: []string{"b"}, Unique: true}}}}
	rsMust(t, first.Setup(bg, older))
	ttl := mongo.IndexModel{Keys: bson.D{{Key: "at", Value: 1}}, Options: options.Index().SetName("operator_ttl").SetExpireAfterSeconds(3600)}
	_, err := first.db.Collection("Test.kept").Indexes().CreateOne(bg, ttl)
	rsMust(t, err)
	newer := []backend.Collection{{Name: "Test.kept", Indexes: []backend.Index{{Fields: []string{"c"}}, {Fields: []string{"name"}, Unique: true}}}}
	bs := make([]*Backend, 6)
	for i := range bs {
		bs[i] = replicaSet(t, name)
	}
	setupAtOnce(t, bs, newer)
	wantIndexes(t, first, "Test.kept", []string{"operator_ttl", "legible:c", "legible:unique:name", "legible:unique:b"}, []string{"legible:a"})
}

// TestReplicaSetLifetime lowers the server's transaction lifetime: the
// backend reports it, and a transaction that outlives it fails, without
// writing.
func TestReplicaSetLifetime(t *testing.T) {
	b := replicaSet(t, rsName())
	if b.MaxTransaction() <= 0 {
		t.Fatalf("a replica set's transactions may live %v, want MongoDB's limit", b.MaxTransaction())
	}
	admin := b.client.Database("admin")
	set := func(seconds int64) error {
		return admin.RunCommand(context.Background(), bson.D{{Key: "setParameter", Value: 1},
			{Key: "transactionLifetimeLimitSeconds", Value: seconds}}).Err()
	}
	before := int64(b.MaxTransaction().Seconds())
	if err := set(2); err != nil {
		t.Skipf("the lifetime test needs a user who may run setParameter: %v", err)
	}
	t.Cleanup(func() { _ = set(before) })
	short := replicaSet(t, b.db.Name())
	if short.MaxTransaction() != 2*time.Second {
		t.Fatalf("MaxTransaction = %v after the limit became 2 s", short.MaxTransaction())
	}
	db := storage.New(short)
	c := storagetest.Items(db)
	storagetest.Setup(t, db)
	bg := context.Background()
	ctx, tx := db.Begin(bg)
	defer tx.Rollback()
	rsMust(t, c.Insert(ctx, "old", storagetest.Item{Name: "old"}))
	time.Sleep(5 * time.Second) // the server aborts transactions past their lifetime every few seconds
	err := c.Insert(ctx, "older", storagetest.Item{Name: "older"})
	if err == nil {
		err = tx.Commit(ctx)
	}
	if err == nil || errors.Is(err, storage.ErrUnknownOutcome) {
		t.Fatalf("a transaction past its lifetime: %v, want it to fail", err)
	}
	if _, ok, _ := c.Get(bg, "old"); ok {
		t.Fatal("the write of a transaction past its lifetime is there")
	}
}

// TestReplicaSetReadPreference opens the replica set with a readPreference
// other than primary: transactions still commit, and Describe says what
// reads read.
func TestReplicaSetReadPreference(t *testing.T) {
	db, c, b := rsItems(t, "readPreference", "secondaryPreferred")
	if !strings.Contains(b.Describe(), "secondaryPreferred") {
		t.Errorf("Describe %q does not say what reads read", b.Describe())
	}
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	rsMust(t, c.Insert(ctx, "a", storagetest.Item{Name: "a"}))
	if _, _, err := c.Get(ctx, "a"); err != nil {
		t.Fatalf("a read in a transaction, with readPreference secondaryPreferred: %v", err)
	}
	rsMust(t, tx.Commit(ctx))
}

// TestReplicaSetSnapshotReads reads, in a read-only transaction, one
// document, then another that a write changed in between, with the first:
// it sees the second as it was, from the same snapshot.
func TestReplicaSetSnapshotReads(t *testing.T) {
	db, c, b := rsItems(t)
	if !b.server.snapshots {
		t.Skipf("the server has no snapshot reads outside transactions (MongoDB 5.0 has): %s", b.Describe())
	}
	bg := context.Background()
	rsMust(t, c.Insert(bg, "a", storagetest.Item{Name: "a", N: 1}))
	rsMust(t, c.Insert(bg, "b", storagetest.Item{Name: "b", N: 1}))
	ctx, tx := db.Begin(bg)
	defer tx.Rollback()
	if _, _, err := c.Get(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	rsMust(t, c.Put(bg, "b", storagetest.Item{Name: "b", N: 2}))
	if v, _, err := c.Get(ctx, "b"); err != nil || v.N != 1 {
		t.Fatalf("b = %+v (%v) in a read-only transaction that began before it changed, want n 1", v, err)
	}
}

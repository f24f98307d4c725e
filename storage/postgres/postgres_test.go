package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/postgres"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, pgtest.Register) }

// indexes returns the names of the indexes of a table, but its primary
// key's.
func indexes(t *testing.T, dbURL, table string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT indexname FROM pg_indexes WHERE tablename = $1 AND indexname <> $1 || '_pkey' ORDER BY 1", table)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// exec runs statements on the database of dbURL.
func exec(t *testing.T, dbURL string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestSetupDropsOnlyItsOwnIndexes sets a collection up, adds an index of
// an operator's, then sets it up again declaring fewer indexes: Setup
// drops the ones it made and no longer declares, and keeps the
// operator's; a unique index it made stays when no longer declared.
func TestSetupDropsOnlyItsOwnIndexes(t *testing.T) {
	dbURL := pgtest.URL(t)
	b := pgtest.Backend(t, dbURL)
	db := storage.New(b)
	storagetest.Items(db)
	storagetest.Setup(t, db)
	want := []string{"legible:Test.items/group+n", "legible:Test.items/n", "legible:Test.items/unique:name"}
	if got := indexes(t, dbURL, "Test.items"); !slicesEqual(got, want) {
		t.Fatalf("after Setup the indexes are %v, want %v", got, want)
	}
	exec(t, dbURL, `CREATE INDEX operators_note ON "Test.items" ((doc ->> 'note'))`)
	db = storage.New(b)
	storage.NewCollection[storagetest.Item](db, "Test.items", storage.UniqueOn("name"))
	storagetest.Setup(t, db)
	want = []string{"legible:Test.items/unique:name", "operators_note"}
	if got := indexes(t, dbURL, "Test.items"); !slicesEqual(got, want) {
		t.Fatalf("after a Setup that declares only the unique name, the indexes are %v, want %v", got, want)
	}
	db = storage.New(b)
	storage.NewCollection[storagetest.Item](db, "Test.items")
	storagetest.Setup(t, db)
	if got := indexes(t, dbURL, "Test.items"); !slicesEqual(got, want) {
		t.Fatalf("after a Setup that declares no index, the indexes are %v, want %v: a unique index stays, "+
			"as a replica of the version before may rely on it", got, want)
	}
}

// slicesEqual reports whether two lists of names are equal.
func slicesEqual(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

// TestLongIndexNames declares an index whose name would be longer than
// PostgreSQL keeps: it gets a shortened name of its own, and setting up
// again neither fails nor makes it again.
func TestLongIndexNames(t *testing.T) {
	dbURL := pgtest.URL(t)
	b := pgtest.Backend(t, dbURL)
	long := []string{"aVeryLongFieldNameForAnIndex", "anotherVeryLongFieldName"}
	for range 2 {
		db := storage.New(b)
		storage.NewCollection[map[string]string](db, "Test.long", storage.On(long...), storage.On(long[0]))
		storagetest.Setup(t, db)
	}
	got := indexes(t, dbURL, "Test.long")
	if len(got) != 2 {
		t.Fatalf("indexes %v, want two", got)
	}
	for _, name := range got {
		if len(name) > 63 || !strings.HasPrefix(name, "legible:Test.long/") {
			t.Errorf("index %q: want at most 63 bytes, starting legible:Test.long/", name)
		}
	}
}

// TestConcurrentSetup sets one fresh database up from several backends
// at once, as replicas that start together do: all succeed.
func TestConcurrentSetup(t *testing.T) {
	dbURL := pgtest.URL(t)
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		b := pgtest.Backend(t, dbURL)
		wg.Go(func() {
			db := storage.New(b)
			storagetest.Items(db)
			storage.NewCollection[storagetest.Item](db, "Test.others", storage.On("group"), storage.UniqueOn("name"))
			errs[i] = db.Setup(context.Background())
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("setting up at once: %v", err)
	}
}

// TestDescribeLeavesThePasswordOut opens the tests' database with a
// password in the URL (the tests' cluster trusts any): Describe names the
// database and the search_path, and not the password.
func TestDescribeLeavesThePasswordOut(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "hunter2-secret")
	b, err := postgres.OpenBackend(context.Background(), u.String(), postgres.Options{})
	if err != nil {
		t.Skipf("the tests' server does not take this password: %v", err)
	}
	defer b.Close()
	d := b.Describe()
	want := "PostgreSQL database " + strings.TrimPrefix(u.Path, "/") + " at "
	if strings.Contains(d, "hunter2") || !strings.Contains(d, want) || !strings.HasSuffix(d, " with search_path "+u.Query().Get("search_path")) {
		t.Fatalf("Describe = %q; want %q…, the search_path, and no password", d, want)
	}
}

// TestUnknownOutcome cuts the connection right after a COMMIT went out,
// and lets the server commit: the commit's error says that its outcome
// is unknown, never that nothing was written, and the write is there.
func TestUnknownOutcome(t *testing.T) {
	dbURL := pgtest.URL(t)
	db := storage.New(pgtest.Backend(t, dbURL))
	c := storagetest.Items(db)
	storagetest.Setup(t, db)
	p := cutAfterCommit(t, dbURL)
	cut := storage.New(pgtest.Backend(t, p.url))
	items := storage.NewCollection[storagetest.Item](cut, "Test.items")
	ctx, tx := cut.Begin(context.Background())
	defer tx.Rollback()
	if err := items.Insert(ctx, "a", storagetest.Item{Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	err := tx.Commit(ctx)
	if !errors.Is(err, storage.ErrUnknownOutcome) || errors.Is(err, storage.ErrConflict) {
		t.Fatalf("Commit on a connection cut after the COMMIT went out: %v, want ErrUnknownOutcome", err)
	}
	if !p.didCut() {
		t.Fatal("the proxy saw no COMMIT")
	}
	if _, there, err := c.Get(context.Background(), "a"); err != nil || !there {
		t.Fatalf("the write whose commit's answer was lost is not there (%v): then the proxy cut before the COMMIT", err)
	}
}

// TestExclusiveWritersDoNotConflict runs transactions that each read a
// counter and write it back, having started writing exclusively first
// (storage.StartExclusive), through several backends on one database: none
// conflicts, and none is lost.
func TestExclusiveWritersDoNotConflict(t *testing.T) {
	dbURL := pgtest.URL(t)
	const replicas, each = 3, 10
	var cs []*storage.Collection[storagetest.Item]
	var dbs []*storage.DB
	for range replicas {
		db := storage.New(pgtest.Backend(t, dbURL))
		cs = append(cs, storagetest.Items(db))
		storagetest.Setup(t, db)
		dbs = append(dbs, db)
	}
	if err := cs[0].Insert(context.Background(), "counter", storagetest.Item{Name: "counter"}); err != nil {
		t.Fatal(err)
	}
	errs := make([]error, replicas*each)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() { errs[i] = increment(dbs[i%replicas], cs[i%replicas]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("exclusive transactions on %d servers: %v", replicas, err)
	}
	v, _, err := cs[0].Get(context.Background(), "counter")
	if err != nil || v.N != replicas*each {
		t.Fatalf("counter = %d (%v) after %d exclusive increments, want %d", v.N, err, replicas*each, replicas*each)
	}
}

// increment adds one to the counter in a transaction that starts writing
// exclusively before it reads.
func increment(db *storage.DB, c *storage.Collection[storagetest.Item]) error {
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	if err := storage.StartExclusive(ctx); err != nil {
		return err
	}
	v, _, err := c.Get(ctx, "counter")
	if err != nil {
		return err
	}
	v.N++
	if err := c.Put(ctx, "counter", v); err != nil {
		return fmt.Errorf("writing the counter back: %w", err)
	}
	return tx.Commit(ctx)
}

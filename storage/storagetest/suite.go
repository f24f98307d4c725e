package storagetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// Item is the document of the suite's collection.
type Item struct {
	Name  string `json:"name"`
	Group string `json:"group"`
	N     int    `json:"n"`
	Note  string `json:"note,omitempty"`
}

// Items declares the suite's collection on db: a unique index on name,
// and indexes on group and n, and on n, which count the items by group
// and by n.
func Items(db *storage.DB) *storage.Collection[Item] {
	return storage.NewCollection[Item](db, "Test.items",
		storage.UniqueOn("name"), storage.CountedOn("group", "n"), storage.CountedOn("n"))
}

// Suite is the conformance suite of storage backends: every backend must
// pass it. open returns a fresh database on the backend, which the test
// closes when it ends.
func Suite(t *testing.T, open func(t *testing.T) backend.Backend) {
	cases := []struct {
		name string
		run  func(t *testing.T, db *storage.DB, c *storage.Collection[Item])
	}{
		{"WriteAndRead", suiteWriteAndRead},
		{"Taken", suiteTaken},
		{"GetMany", suiteGetMany},
		{"Find", suiteFind},
		{"Ties", suiteTies},
		{"CountAndDistinct", suiteCountAndDistinct},
		{"BadQueries", suiteBadQueries},
		{"OwnWrites", suiteOwnWrites},
		{"Rollback", suiteRollback},
		{"Discard", suiteDiscard},
		{"Conflict", suiteConflict},
		{"NoFalseConflict", suiteNoFalseConflict},
		{"Phantom", suitePhantom},
		{"RacingInserts", suiteRacingInserts},
		{"Serializable", suiteSerializable},
		{"Isolation", suiteIsolation},
		{"TimedOut", suiteTimedOut},
		{"Secret", suiteSecret},
		{"KeptCounts", suiteKeptCounts},
		{"KeptCountsInTransactions", suiteKeptCountsInTransactions},
		{"RacingCounts", suiteRacingCounts},
		{"Browse", suiteBrowse},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := storage.New(open(t))
			c := Items(db)
			Setup(t, db)
			tc.run(t, db, c)
		})
	}
	t.Run("StartAndStopCounting", func(t *testing.T) { suiteStartAndStopCounting(t, open(t)) })
}

// must fails the test on an error.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// get returns the item id, failing the test on an error.
func get(t testing.TB, ctx context.Context, c *storage.Collection[Item], id string) (Item, bool) {
	t.Helper()
	v, ok, err := c.Get(ctx, id)
	must(t, err)
	return v, ok
}

// fill inserts items i0…i9: group g0 for even n, g1 for odd.
func fill(t testing.TB, c *storage.Collection[Item]) {
	t.Helper()
	for n := range 10 {
		must(t, c.Insert(context.Background(), fmt.Sprint("i", n), Item{Name: fmt.Sprint("n", n), Group: fmt.Sprint("g", n%2), N: n}))
	}
}

// ids returns the ids of docs.
func ids(docs []storage.Doc[Item]) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// wantCount checks that the whole collection counts n.
func wantCount(t testing.TB, ctx context.Context, c *storage.Collection[Item], n int64, when string) {
	t.Helper()
	if got, err := c.Count(ctx, storage.Query{}); err != nil || got != n {
		t.Fatalf("%s, the collection counts %d (%v), want %d", when, got, err, n)
	}
}

func suiteWriteAndRead(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	ctx := context.Background()
	must(t, c.Insert(ctx, "a", Item{Name: "ann", Group: "g", N: 1, Note: `quotes " and \ and ünïcode`}))
	if v, ok := get(t, ctx, c, "a"); !ok || v.Name != "ann" || v.N != 1 || v.Note != `quotes " and \ and ünïcode` {
		t.Fatalf("Get a = %+v, %v; want ann, 1, the note", v, ok)
	}
	for _, id := range []string{"b", ""} {
		if v, ok := get(t, ctx, c, id); ok {
			t.Fatalf("Get %q = %+v, want nothing", id, v)
		}
	}
	must(t, c.Put(ctx, "a", Item{Name: "ann", N: 2}))
	must(t, c.Put(ctx, "b", Item{Name: "bob"}))
	if v, _ := get(t, ctx, c, "a"); v.N != 2 || v.Group != "" {
		t.Fatalf("after Put, a = %+v, want n 2 and no group", v)
	}
	if _, ok := get(t, ctx, c, "b"); !ok {
		t.Fatal("Put of a new id stored nothing")
	}
	for want := range []bool{true, false} {
		deleted, err := c.Delete(ctx, "a")
		must(t, err)
		if deleted != (want == 0) {
			t.Fatalf("Delete a the %d. time = %v", want+1, deleted)
		}
	}
	if _, ok := get(t, ctx, c, "a"); ok {
		t.Fatal("a is there after Delete")
	}
	if err := c.Insert(ctx, "", Item{Name: "x"}); err == nil {
		t.Fatal("Insert with an empty id succeeded")
	}
}

func suiteTaken(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	ctx := context.Background()
	must(t, c.Insert(ctx, "a", Item{Name: "ann"}))
	must(t, c.Insert(ctx, "b", Item{Name: "bob"}))
	cases := []struct {
		what string
		err  error
	}{
		{"an id that exists", c.Insert(ctx, "a", Item{Name: "amy"})},
		{"a unique name that exists", c.Insert(ctx, "c", Item{Name: "ann"})},
		{"a Put of another's unique name", c.Put(ctx, "b", Item{Name: "ann"})},
	}
	for _, tc := range cases {
		if !errors.Is(tc.err, storage.ErrTaken) {
			t.Errorf("%s: %v, want ErrTaken", tc.what, tc.err)
		} else if !strings.Contains(tc.err.Error(), "Test.items") {
			t.Errorf("%s: %q does not name the collection", tc.what, tc.err)
		}
	}
	if v, _ := get(t, ctx, c, "b"); v.Name != "bob" {
		t.Fatalf("b is %+v after a refused Put, want bob", v)
	}
	must(t, c.Put(ctx, "a", Item{Name: "ann", N: 5})) // its own name again
}

func suiteGetMany(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	got, err := c.GetMany(context.Background(), []string{"i3", "i1", "nope", "", "i3"})
	must(t, err)
	if len(got) != 2 || got["i1"].N != 1 || got["i3"].N != 3 {
		t.Fatalf("GetMany = %v, want i1 and i3", got)
	}
	if got, err := c.GetMany(context.Background(), nil); err != nil || len(got) != 0 {
		t.Fatalf("GetMany of nothing = %v, %v", got, err)
	}
}

func suiteFind(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	ctx := context.Background()
	cases := []struct {
		what string
		q    storage.Query
		want []string
	}{
		{"all, by id", storage.Query{}, []string{"i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"}},
		{"one group, n descending", storage.Query{Where: []storage.Cond{storage.Eq("group", "g1")}, Sort: []storage.Order{storage.Desc("n")}},
			[]string{"i9", "i7", "i5", "i3", "i1"}},
		{"a page", storage.Query{Sort: []storage.Order{storage.Desc("n")}, Limit: 3, Offset: 2}, []string{"i7", "i6", "i5"}},
		{"an offset alone", storage.Query{Sort: []storage.Order{storage.Asc("n")}, Offset: 8}, []string{"i8", "i9"}},
		{"a set", storage.Query{Where: []storage.Cond{storage.In("n", []int{5, 1, 3, 42})}}, []string{"i1", "i3", "i5"}},
		{"a set of ids", storage.Query{Where: []storage.Cond{storage.In(storage.ID, []string{"i2", "i8"})}, Sort: []storage.Order{storage.Desc("n")}},
			[]string{"i8", "i2"}},
		{"an empty set", storage.Query{Where: []storage.Cond{storage.In("n", []int{})}}, []string{}},
		{"two conditions", storage.Query{Where: []storage.Cond{storage.Eq("group", "g0"), storage.Eq("n", 4.0)}}, []string{"i4"}},
		{"no match", storage.Query{Where: []storage.Cond{storage.Eq("group", "g9")}}, []string{}},
		{"by id descending", storage.Query{Sort: []storage.Order{storage.Desc(storage.ID)}, Limit: 2}, []string{"i9", "i8"}},
	}
	for _, tc := range cases {
		docs, err := c.Find(ctx, tc.q)
		if err != nil {
			t.Errorf("%s: %v", tc.what, err)
			continue
		}
		if got := ids(docs); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.what, got, tc.want)
		}
	}
	d, ok, err := c.FindOne(ctx, storage.Eq("name", "n7"))
	if err != nil || !ok || d.ID != "i7" || d.Value.N != 7 {
		t.Fatalf("FindOne name n7 = %+v, %v, %v; want i7", d, ok, err)
	}
	if _, ok, err := c.FindOne(ctx, storage.Eq("name", "zed")); ok || err != nil {
		t.Fatalf("FindOne of a missing name = %v, %v", ok, err)
	}
}

func suiteTies(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	ctx := context.Background()
	for _, id := range []string{"b", "c", "a"} {
		must(t, c.Insert(ctx, id, Item{Name: id, N: 1}))
	}
	must(t, c.Insert(ctx, "z", Item{Name: "z", N: 0}))
	for _, tc := range []struct {
		order storage.Order
		want  []string
	}{
		{storage.Asc("n"), []string{"z", "a", "b", "c"}},
		{storage.Desc("n"), []string{"c", "b", "a", "z"}},
	} {
		docs, err := c.Find(ctx, storage.Query{Sort: []storage.Order{tc.order}})
		must(t, err)
		if got := ids(docs); !slices.Equal(got, tc.want) {
			t.Errorf("sorted by %+v: %v, want %v (ties by id, in the order's direction)", tc.order, got, tc.want)
		}
	}
}

func suiteCountAndDistinct(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	ctx := context.Background()
	for _, tc := range []struct {
		q    storage.Query
		want int64
	}{
		{storage.Query{}, 10},
		{storage.Where(storage.Eq("group", "g0")), 5},
		{storage.Query{Where: []storage.Cond{storage.In("n", []int{1, 2, 99})}, Limit: 1}, 2},
		{storage.Where(storage.In("n", []int{})), 0},
	} {
		n, err := c.Count(ctx, tc.q)
		if err != nil || n != tc.want {
			t.Errorf("Count %+v = %d, %v; want %d", tc.q, n, err, tc.want)
		}
	}
	groups, err := storage.Distinct[string](ctx, c, "group", storage.Query{})
	if err != nil || !slices.Equal(groups, []string{"g0", "g1"}) {
		t.Fatalf("Distinct group = %v, %v; want [g0 g1]", groups, err)
	}
	ns, err := storage.Distinct[int64](ctx, c, "n", storage.Where(storage.Eq("group", "g1")))
	if err != nil || !slices.Equal(ns, []int64{1, 3, 5, 7, 9}) {
		t.Fatalf("Distinct n of g1 = %v, %v; want the odd numbers", ns, err)
	}
	if _, err := storage.Distinct[int64](ctx, c, "group", storage.Query{}); err == nil {
		t.Fatal("Distinct of strings as int64 succeeded")
	}
	byGroup, err := storage.CountBy[string](ctx, c, "group", storage.Where(storage.In("n", []int{1, 2, 3, 5, 42})))
	if err != nil || len(byGroup) != 2 || byGroup["g0"] != 1 || byGroup["g1"] != 3 {
		t.Fatalf("CountBy group of n in 1, 2, 3, 5, 42 = %v, %v; want g0 1 and g1 3", byGroup, err)
	}
	byN, err := storage.CountBy[int64](ctx, c, "n", storage.Where(storage.Eq("group", "g0")))
	if err != nil || len(byN) != 5 || byN[4] != 1 || byN[3] != 0 {
		t.Fatalf("CountBy n of g0 = %v, %v; want each even number once", byN, err)
	}
	if none, err := storage.CountBy[string](ctx, c, "group", storage.Where(storage.In("n", []int{}))); err != nil || len(none) != 0 {
		t.Fatalf("CountBy of nothing = %v, %v", none, err)
	}
}

func suiteBadQueries(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	ctx := context.Background()
	for _, tc := range []struct {
		q    storage.Query
		want string
	}{
		{storage.Where(storage.Eq("note", "x")), "declare an index on note"},
		{storage.Query{Sort: []storage.Order{storage.Asc("note")}}, "declare an index on note"},
		{storage.Where(storage.Eq("n", nil)), "string, a number or a boolean"},
		{storage.Where(storage.Eq("n", []int{1})), "string, a number or a boolean"},
		{storage.Query{Limit: -1}, "negative"},
	} {
		if _, err := c.Find(ctx, tc.q); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Find %+v: %v, want an error saying %q", tc.q, err, tc.want)
		}
	}
}

func suiteOwnWrites(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	must(t, c.Insert(ctx, "new", Item{Name: "new", Group: "g1", N: 10}))
	_, err := c.Delete(ctx, "i1")
	must(t, err)
	must(t, c.Put(ctx, "i3", Item{Name: "n3", Group: "g0", N: 3}))
	docs, err := c.Find(ctx, storage.Query{Where: []storage.Cond{storage.Eq("group", "g1")}, Sort: []storage.Order{storage.Desc("n")}})
	must(t, err)
	if got := ids(docs); !slices.Equal(got, []string{"new", "i9", "i7", "i5"}) {
		t.Fatalf("in the transaction, g1 is %v, want its own writes seen", got)
	}
	if n, err := c.Count(ctx, storage.Where(storage.Eq("group", "g0"))); err != nil || n != 6 {
		t.Fatalf("in the transaction, g0 counts %d, %v; want 6", n, err)
	}
	wantCount(t, ctx, c, 10, "in the transaction, after an insert and a delete")
	must(t, c.Insert(ctx, "newer", Item{Name: "newer"}))
	wantCount(t, ctx, c, 11, "in the transaction, after another insert")
	if db.Atomic() {
		wantCount(t, context.Background(), c, 10, "outside the transaction")
	}
	must(t, tx.Commit(ctx))
	wantCount(t, context.Background(), c, 11, "after the commit")
	if _, ok := get(t, context.Background(), c, "new"); !ok {
		t.Fatal("a committed insert is not there")
	}
}

func suiteRollback(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	ctx, tx := db.Begin(context.Background())
	must(t, c.Insert(ctx, "new", Item{Name: "new"}))
	must(t, c.Put(ctx, "i2", Item{Name: "changed"}))
	_, err := c.Delete(ctx, "i4")
	must(t, err)
	wantCount(t, ctx, c, 10, "in the transaction")
	tx.Rollback()
	tx.Rollback() // again: nothing
	bg := context.Background()
	wantCount(t, bg, c, 10, "after the rollback")
	if _, ok := get(t, bg, c, "new"); ok {
		t.Error("a rolled-back insert is there")
	}
	if v, _ := get(t, bg, c, "i2"); v.Name != "n2" {
		t.Errorf("i2 is %+v after a rolled-back Put, want n2", v)
	}
	if _, ok := get(t, bg, c, "i4"); !ok {
		t.Error("a rolled-back delete deleted")
	}
	if err := c.Insert(ctx, "late", Item{Name: "late"}); err == nil {
		t.Error("a write in an ended transaction succeeded")
	}
}

func suiteDiscard(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	ctx, tx := db.Begin(context.Background())
	must(t, c.Insert(ctx, "a", Item{Name: "ann"}))
	if !storage.DiscardWrites(ctx) {
		t.Fatal("DiscardWrites found no transaction")
	}
	if _, ok := get(t, ctx, c, "a"); !ok {
		t.Fatal("after DiscardWrites the transaction no longer sees its write")
	}
	must(t, tx.Commit(ctx))
	if _, ok := get(t, context.Background(), c, "a"); ok {
		t.Fatal("a discarded write was committed")
	}
	if storage.DiscardWrites(context.Background()) {
		t.Fatal("DiscardWrites found a transaction in a bare context")
	}
}

func suiteConflict(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	v, _ := get(t, ctx, c, "i1")
	must(t, c.Put(context.Background(), "i1", Item{Name: "n1", N: 100})) // another transaction
	err := c.Put(ctx, "i2", Item{Name: "n2", N: v.N + 1})
	if !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("a write after a read that another transaction changed: %v, want ErrConflict", err)
	}
	if err := tx.Commit(ctx); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("Commit after a conflict = %v, want ErrConflict", err)
	}
	if v, _ := get(t, context.Background(), c, "i2"); v.N != 2 {
		t.Fatalf("i2 = %+v after a conflicted transaction, want it unchanged", v)
	}
}

func suiteNoFalseConflict(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	get(t, ctx, c, "i1")
	_, err := c.Find(ctx, storage.Where(storage.Eq("group", "g0")))
	must(t, err)
	must(t, c.Put(context.Background(), "i3", Item{Name: "n3", Group: "g1", N: 30})) // not read
	must(t, c.Put(ctx, "i1", Item{Name: "n1", N: 11}))
	must(t, tx.Commit(ctx))
}

func suitePhantom(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	if n, err := c.Count(ctx, storage.Where(storage.Eq("group", "g"))); n != 0 || err != nil {
		t.Fatalf("Count = %d, %v", n, err)
	}
	must(t, c.Insert(context.Background(), "other", Item{Name: "other", Group: "g"})) // another transaction
	err := c.Insert(ctx, "mine", Item{Name: "mine", Group: "g"})
	if !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("a write after a count that another insert changed: %v, want ErrConflict", err)
	}
}

func suiteRacingInserts(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	const n = 20
	cases := []struct {
		what      string
		id, name  func(i int) string
		wantWon   int
		wantTaken int
	}{
		{"one id", func(int) string { return "same" }, func(i int) string { return fmt.Sprint("a", i) }, 1, n - 1},
		{"one unique name", func(i int) string { return fmt.Sprint("b", i) }, func(int) string { return "same" }, 1, n - 1},
		{"distinct", func(i int) string { return fmt.Sprint("c", i) }, func(i int) string { return fmt.Sprint("c", i) }, n, 0},
	}
	for _, tc := range cases {
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = c.Insert(context.Background(), tc.id(i), Item{Name: tc.name(i)}) })
		}
		wg.Wait()
		won, taken := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case errors.Is(err, storage.ErrTaken):
				taken++
			default:
				t.Errorf("%s: %v", tc.what, err)
			}
		}
		if won != tc.wantWon || taken != tc.wantTaken {
			t.Errorf("%s: %d won and %d taken of %d racing inserts, want %d and %d", tc.what, won, taken, n, tc.wantWon, tc.wantTaken)
		}
	}
}

func suiteSerializable(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	if !db.Atomic() {
		t.Skip("without transactions a read and a write do not form one step: " + db.Describe())
	}
	const n = 20
	must(t, c.Insert(context.Background(), "counter", Item{Name: "counter"}))
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				err := increment(db, c)
				if !errors.Is(err, storage.ErrConflict) {
					must(t, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if v, _ := get(t, context.Background(), c, "counter"); v.N != n {
		t.Fatalf("counter = %d after %d racing transactions that read and increment it, want %d", v.N, n, n)
	}
}

// increment adds one to the counter in a transaction.
func increment(db *storage.DB, c *storage.Collection[Item]) error {
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	v, _, err := c.Get(ctx, "counter")
	if err != nil {
		return err
	}
	v.N++
	if err := c.Put(ctx, "counter", v); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func suiteIsolation(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	if !db.Atomic() {
		t.Skip("without transactions writes are seen at once: " + db.Describe())
	}
	ctx, tx := db.Begin(context.Background())
	defer tx.Rollback()
	must(t, c.Insert(ctx, "a", Item{Name: "ann"}))
	if _, ok := get(t, context.Background(), c, "a"); ok {
		t.Fatal("another reader sees a write before its commit")
	}
	must(t, tx.Commit(ctx))
	if _, ok := get(t, context.Background(), c, "a"); !ok {
		t.Fatal("a committed write is not seen")
	}
}

func suiteTimedOut(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	parent, cancel := context.WithCancel(context.Background())
	ctx, tx := db.Begin(parent)
	must(t, c.Insert(ctx, "a", Item{Name: "ann"}))
	cancel()
	if err := tx.Commit(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Commit with a cancelled context = %v, want context.Canceled", err)
	}
	if _, ok := get(t, context.Background(), c, "a"); ok {
		t.Fatal("the write of a cancelled transaction is there")
	}
}

func suiteSecret(t *testing.T, db *storage.DB, _ *storage.Collection[Item]) {
	ctx := context.Background()
	first, err := db.Secret(ctx, "test")
	must(t, err)
	if !first.Created || len(first.Value) != storage.SecretSize || first.Where == "" {
		t.Fatalf("the first Secret test: %d bytes, created %v, kept at %q; want %d new bytes and where they are kept",
			len(first.Value), first.Created, first.Where, storage.SecretSize)
	}
	again, err := db.Secret(ctx, "test")
	must(t, err)
	if again.Created || !slices.Equal(again.Value, first.Value) || again.Where != first.Where {
		t.Fatalf("Secret test again: created %v, kept at %q, same value %v; want the first one, not created",
			again.Created, again.Where, slices.Equal(again.Value, first.Value))
	}
	other, err := db.Secret(ctx, "other")
	must(t, err)
	if slices.Equal(other.Value, first.Value) {
		t.Fatal("the secrets test and other are equal, want two random secrets")
	}
	for _, name := range []string{"", "Test", "../test", "a/b", strings.Repeat("a", 65)} {
		if _, err := db.Secret(ctx, name); err == nil {
			t.Errorf("Secret %q succeeded, want an error about the name", name)
		}
	}
	suiteRacingSecrets(t, db)
}

// suiteRacingSecrets asks for one new secret from several goroutines at
// once: all get the same, and one of them made it.
func suiteRacingSecrets(t *testing.T, db *storage.DB) {
	const n = 8
	got := make([]storage.Secret, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var err error
			got[i], err = db.Secret(context.Background(), "race")
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	created := 0
	for _, s := range got {
		if s.Created {
			created++
		}
		if !slices.Equal(s.Value, got[0].Value) {
			t.Fatalf("racing Secret calls got different secrets")
		}
	}
	if created != 1 {
		t.Fatalf("%d of %d racing Secret calls created the secret, want 1", created, n)
	}
}

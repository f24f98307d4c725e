package storagetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// The suite's cases for the counts of CountedOn indexes: Items counts its
// documents by group and by n. Whether a backend keeps the counts or
// counts from the index, Count and CountBy must give what the documents
// are, through writes, transactions, races, and declarations that change.

// itemsBy counts the items of c by group and by n from the items
// themselves, as the kept counts must.
func itemsBy(t testing.TB, ctx context.Context, c *storage.Collection[Item]) (groups map[string]int64, ns map[int64]int64) {
	t.Helper()
	docs, err := c.Find(ctx, storage.Query{})
	must(t, err)
	groups, ns = map[string]int64{}, map[int64]int64{}
	for _, d := range docs {
		groups[d.Value.Group]++
		ns[int64(d.Value.N)]++
	}
	return groups, ns
}

// wantKept checks the kept counts of c by group against want, and that
// they agree with the items: CountBy by group and by n, and Count of each
// group.
func wantKept(t testing.TB, ctx context.Context, c *storage.Collection[Item], want map[string]int64, when string) {
	t.Helper()
	groups, ns := itemsBy(t, ctx, c)
	if !maps.Equal(groups, want) {
		t.Fatalf("%s, the items are %v by group, want %v", when, groups, want)
	}
	byGroup, err := storage.CountBy[string](ctx, c, "group", storage.Query{})
	if err != nil || !maps.Equal(byGroup, groups) {
		t.Fatalf("%s, CountBy group = %v, %v; want %v", when, byGroup, err, groups)
	}
	byN, err := storage.CountBy[int64](ctx, c, "n", storage.Query{})
	if err != nil || !maps.Equal(byN, ns) {
		t.Fatalf("%s, CountBy n = %v, %v; want %v", when, byN, err, ns)
	}
	for g, n := range groups {
		if got, err := c.Count(ctx, storage.Where(storage.Eq("group", g))); err != nil || got != n {
			t.Fatalf("%s, Count of group %q = %d, %v; want %d", when, g, got, err, n)
		}
	}
}

func suiteKeptCounts(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	ctx := context.Background()
	fill(t, c)
	wantKept(t, ctx, c, map[string]int64{"g0": 5, "g1": 5}, "after 10 inserts")
	byGroup, err := storage.CountBy[string](ctx, c, "group", storage.Where(storage.In("group", []string{"g1", "gx"})))
	if err != nil || !maps.Equal(byGroup, map[string]int64{"g1": 5}) {
		t.Fatalf("CountBy group of g1 and gx = %v, %v; want g1 5", byGroup, err)
	}
	byN, err := storage.CountBy[int64](ctx, c, "n", storage.Where(storage.In("n", []int{1, 2, 99})))
	if err != nil || !maps.Equal(byN, map[int64]int64{1: 1, 2: 1}) {
		t.Fatalf("CountBy n of 1, 2 and 99 = %v, %v; want 1 and 2 once each", byN, err)
	}
	for _, tc := range []struct {
		q    storage.Query
		want int64
	}{
		{storage.Where(storage.In("group", []string{"g0", "g1", "gx"})), 10},
		{storage.Where(storage.Eq("group", "gx")), 0},
		{storage.Where(storage.In("n", []int{1, 2, 99})), 2},
		{storage.Where(storage.Eq("n", 4), storage.In("n", []int{4, 5})), 1},
	} {
		if n, err := c.Count(ctx, tc.q); err != nil || n != tc.want {
			t.Errorf("Count %+v = %d, %v; want %d", tc.q, n, err, tc.want)
		}
	}
	steps := []struct {
		what string
		do   func() error
		want map[string]int64
	}{
		{"a Put into another group", func() error { return c.Put(ctx, "i1", Item{Name: "n1", Group: "g0", N: 1}) },
			map[string]int64{"g0": 6, "g1": 4}},
		{"a Put of another n", func() error { return c.Put(ctx, "i2", Item{Name: "n2", Group: "g0", N: 42}) },
			map[string]int64{"g0": 6, "g1": 4}},
		{"deleting a group's items", func() error { return deleteAll(ctx, c, "i3", "i5", "i7", "i9") },
			map[string]int64{"g0": 6}},
		{"an insert of a taken name", func() error {
			if err := c.Insert(ctx, "x", Item{Name: "n4", Group: "g1"}); !errors.Is(err, storage.ErrTaken) {
				return fmt.Errorf("the insert: %v, want ErrTaken", err)
			}
			return nil
		}, map[string]int64{"g0": 6}},
		{"a Put of a new id", func() error { return c.Put(ctx, "new", Item{Name: "new", Group: "g1", N: 1}) },
			map[string]int64{"g0": 6, "g1": 1}},
		{"a Put into the empty group", func() error { return c.Put(ctx, "i0", Item{Name: "n0"}) },
			map[string]int64{"g0": 5, "g1": 1, "": 1}},
	}
	for _, s := range steps {
		must(t, s.do())
		wantKept(t, ctx, c, s.want, "after "+s.what)
	}
}

// deleteAll deletes the ids from c.
func deleteAll(ctx context.Context, c *storage.Collection[Item], ids ...string) error {
	for _, id := range ids {
		if _, err := c.Delete(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func suiteKeptCountsInTransactions(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	fill(t, c)
	bg := context.Background()
	for _, commit := range []bool{false, true} {
		ctx, tx := db.Begin(bg)
		must(t, c.Insert(ctx, "new", Item{Name: "new", Group: "g1", N: 10}))
		must(t, c.Put(ctx, "i0", Item{Name: "n0", Group: "g1"}))
		must(t, deleteAll(ctx, c, "i2"))
		after := map[string]int64{"g0": 3, "g1": 7}
		wantKept(t, ctx, c, after, "in the transaction")
		if commit {
			must(t, tx.Commit(ctx))
			wantKept(t, bg, c, after, "after the commit")
		} else {
			tx.Rollback()
			wantKept(t, bg, c, map[string]int64{"g0": 5, "g1": 5}, "after the rollback")
		}
	}
	ctx, tx := db.Begin(bg)
	defer tx.Rollback()
	if _, err := storage.CountBy[string](ctx, c, "group", storage.Query{}); err != nil {
		t.Fatal(err)
	}
	must(t, c.Insert(bg, "other", Item{Name: "other", Group: "g0"})) // another transaction
	if err := c.Insert(ctx, "mine", Item{Name: "mine", Group: "g2"}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("a write after kept counts that another insert changed: %v, want ErrConflict", err)
	}
}

func suiteRacingCounts(t *testing.T, _ *storage.DB, c *storage.Collection[Item]) {
	const n = 20
	ctx := context.Background()
	race(t, n, func(i int) error {
		return c.Insert(ctx, fmt.Sprint("r", i), Item{Name: fmt.Sprint("r", i), Group: "r", N: i})
	})
	wantKept(t, ctx, c, map[string]int64{"r": n}, fmt.Sprintf("after %d racing inserts", n))
	race(t, n, func(i int) error { return deleteAll(ctx, c, fmt.Sprint("r", i%(n/2))) })
	wantKept(t, ctx, c, map[string]int64{"r": n / 2}, fmt.Sprintf("after racing deletes of %d items, each twice", n/2))
	race(t, n, func(i int) error { return c.Put(ctx, "p", Item{Name: "p", Group: fmt.Sprint("p", i%2), N: -1}) })
	p, _ := get(t, ctx, c, "p")
	wantKept(t, ctx, c, map[string]int64{"r": n / 2, p.Group: 1}, "after racing Puts of one item into two groups")
}

// race runs f(0) … f(n-1) at once, failing the test on an error.
func race(t *testing.T, n int, f func(i int) error) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = f(i) })
	}
	wg.Wait()
	must(t, errors.Join(errs...))
}

// suiteStartAndStopCounting declares the suite's collection on b without
// counts, then with them, and so on, as servers of one database that start
// one after the other with different builds: the counts are made for the
// documents there are, once, and made again after a time without them.
func suiteStartAndStopCounting(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	plain := func() *storage.Collection[Item] {
		db := storage.New(b)
		c := storage.NewCollection[Item](db, "Test.items", storage.UniqueOn("name"), storage.On("group", "n"), storage.On("n"))
		Setup(t, db)
		return c
	}
	counted := func() *storage.Collection[Item] {
		db := storage.New(b)
		c := Items(db)
		Setup(t, db)
		return c
	}
	c := plain()
	fill(t, c)
	c = counted()
	wantKept(t, ctx, c, map[string]int64{"g0": 5, "g1": 5}, "once the items are counted")
	c = counted()
	wantKept(t, ctx, c, map[string]int64{"g0": 5, "g1": 5}, "after setting the counts up again")
	must(t, c.Insert(ctx, "new", Item{Name: "new", Group: "g1"}))
	c = plain()
	must(t, deleteAll(ctx, c, "i0", "i2"))
	must(t, c.Put(ctx, "i1", Item{Name: "n1", Group: "g0", N: 1}))
	c = counted()
	wantKept(t, ctx, c, map[string]int64{"g0": 4, "g1": 5}, "once counted again after writes without counts")
}

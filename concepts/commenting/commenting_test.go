package commenting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// timeOf parses the timestamp v, failing the test unless it is one
// between from and to.
func timeOf(t *testing.T, v any, from, to time.Time) time.Time {
	t.Helper()
	s, _ := v.(string)
	ts, err := time.Parse(concepts.TimestampLayout, s)
	if err != nil || ts.Before(from.Truncate(time.Millisecond)) || ts.After(to) {
		t.Fatalf("timestamp %#v: %v; want one between %v and %v", v, err, from, to)
	}
	return ts
}

func TestAddGetByItem(t *testing.T) {
	each(t, func(t *testing.T, m *Commenting, c *concepts.Concept) {
		before := time.Now()
		adds := []struct{ item, author, body string }{
			{"i", "ann", "first"}, {"i", "bob", " second, kept as given \n"}, {"j", "ann", "elsewhere"}, {"i", "ann", "third"},
		}
		for n, a := range adds {
			if id := added(t, c, a.item, a.author, a.body); id != fmt.Sprint(n+1) {
				t.Fatalf("add %d: comment %s, want %d", n+1, id, n+1)
			}
		}
		after := time.Now()
		for n, a := range adds {
			r := storagetest.Row(t, c, "_get", comment(fmt.Sprint(n+1)))
			if r["item"] != a.item || r["author"] != a.author || r["body"] != a.body {
				t.Errorf("_get %d: %v, want item %s, author %s, body %q", n+1, r, a.item, a.author, a.body)
			}
			if created := timeOf(t, r["createdAt"], before, after); !created.Equal(timeOf(t, r["updatedAt"], before, after)) {
				t.Errorf("_get %d: createdAt %v and updatedAt %v differ; want them equal", n+1, r["createdAt"], r["updatedAt"])
			}
		}
		for item, want := range map[string][]string{"i": {"4", "2", "1"}, "j": {"3"}, "none": {}, "": {}} {
			if got := byItem(t, c, item); !slices.Equal(got, want) {
				t.Errorf("_byItem %q: %v, want %v", item, got, want)
			}
		}
		row := call(t, c, "_byItem", map[string]any{"item": "i"}).Rows[1]
		if row["author"] != "bob" || row["body"] != adds[1].body {
			t.Errorf("_byItem i, second row: %v, want bob's comment", row)
		}
		if comments, counters := counts(t, m); comments != 4 || counters != 1 || counter(t, m) != 4 {
			t.Errorf("%d comments and %d counters stored, the counter at %d; want 4 comments and one counter at 4",
				comments, counters, counter(t, m))
		}
	})
}

func TestByItemOrder(t *testing.T) {
	for _, n := range []int{1, 9, 12} { // ids up to 9, and past it
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			each(t, func(t *testing.T, _ *Commenting, c *concepts.Concept) {
				var want []string
				for k := range n {
					want = append(want, added(t, c, "i", "ann", fmt.Sprint("comment ", k)))
					added(t, c, "j", "bob", "another item")
				}
				slices.Reverse(want)
				if got := byItem(t, c, "i"); !slices.Equal(got, want) {
					t.Fatalf("_byItem i: %v, want %v", got, want)
				}
			})
		})
	}
}

func TestRemove(t *testing.T) {
	each(t, func(t *testing.T, m *Commenting, c *concepts.Concept) {
		for range 10 {
			added(t, c, "i", "ann", "hello")
		}
		j := added(t, c, "j", "bob", "hi")
		for _, id := range []string{"3", "10", "1"} {
			if got := call(t, c, "remove", comment(id)); got.IsError() || got.Out["comment"] != id {
				t.Fatalf("remove %s: %+v, want comment %s", id, got, id)
			}
			storagetest.NoRows(t, c, "_get", comment(id))
			storagetest.Fails(t, c, "remove", comment(id), "comment "+id+" does not exist")
		}
		if got, want := byItem(t, c, "i"), []string{"9", "8", "7", "6", "5", "4", "2"}; !slices.Equal(got, want) {
			t.Fatalf("_byItem i after removes: %v, want %v", got, want)
		}
		if r := storagetest.Row(t, c, "_get", comment("2")); r["item"] != "i" || r["author"] != "ann" || r["body"] != "hello" {
			t.Fatalf("_get 2 after removing its neighbours: %v, want ann's hello on i", r)
		}
		call(t, c, "remove", comment(j))
		if got := byItem(t, c, "j"); len(got) != 0 {
			t.Fatalf("_byItem j after removing its comment: %v, want none", got)
		}
		// Removing a comment deletes its document and nothing else: the
		// other comments stay, and the counter hands out no number again.
		if comments, counters := counts(t, m); comments != 7 || counters != 1 || counter(t, m) != 11 {
			t.Fatalf("%d comments and %d counters after the removes, the counter at %d; want 7, and one counter at 11",
				comments, counters, counter(t, m))
		}
		if got := added(t, c, "j", "bob", "again"); got != "12" || !slices.Equal(byItem(t, c, "j"), []string{"12"}) {
			t.Fatalf("add to j after emptying it: comment %s, listed %v; want 12, listed", got, byItem(t, c, "j"))
		}
	})
}

func TestUnknownComment(t *testing.T) {
	each(t, func(t *testing.T, _ *Commenting, c *concepts.Concept) {
		added(t, c, "i", "ann", "hello")
		for _, id := range []string{"2", "", "01", " 1", "x"} {
			storagetest.Fails(t, c, "remove", comment(id), "does not exist")
			storagetest.NoRows(t, c, "_get", comment(id))
		}
		if got := byItem(t, c, "i"); !slices.Equal(got, []string{"1"}) {
			t.Fatalf("_byItem i: %v, want [1]", got)
		}
	})
}

func TestAddValidation(t *testing.T) {
	each(t, func(t *testing.T, m *Commenting, c *concepts.Concept) {
		cases := []struct {
			in   map[string]any
			want string
		}{
			{add("", "ann", "hello"), "item is empty"},
			{add("i", "", "hello"), "author is empty"},
			{add("i", "ann", ""), "body is empty"},
			{add("i", "ann", " \n\t "), "body is empty"},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "add", tc.in, tc.want)
		}
		if comments, counters := counts(t, m); comments != 0 || counters != 0 {
			t.Fatalf("%d comments and %d counters stored after failed adds, want none", comments, counters)
		}
		if id := added(t, c, "i", "ann", "hello"); id != "1" {
			t.Fatalf("the first valid add: comment %s, want 1", id)
		}
	})
}

// addInTx runs add in a transaction of db, as a flow does, again while it
// conflicts with a concurrent one (at most 10 times). It returns the
// result of the last run, its failure, and how often add conflicted.
func addInTx(db *storage.DB, h concepts.Handler, in map[string]any) (res concepts.Result, conflicts int, err error) {
	for range 10 {
		ctx, tx := db.Begin(context.Background())
		if res, err = h.Call(ctx, in); err == nil {
			err = tx.Commit(ctx)
		} else {
			tx.Rollback()
		}
		if !errors.Is(err, storage.ErrConflict) {
			return res, conflicts, err
		}
		conflicts++
	}
	return res, conflicts, err
}

// TestConcurrentAdds races n adds on one item, each on its own (as
// outside a flow: every write is atomic by itself, but reading the
// counter and writing it back are two steps) or each in a transaction of
// its own (as flows run them). Every add succeeds, under an id of its
// own, and the ids are 1 … n. In transactions on an atomic backend add
// takes the write lock before it reads the counter, so the adds wait for
// each other: none conflicts, and the counter ends at n. Elsewhere two
// adds may draw one number, or set the counter back; the one that finds
// its number taken draws again.
func TestConcurrentAdds(t *testing.T) {
	const n = 20
	for _, inTx := range []bool{false, true} {
		t.Run(map[bool]string{false: "alone", true: "in transactions"}[inTx], func(t *testing.T) {
			storagetest.Each(t, func(t *testing.T, db *storage.DB) {
				m, c := storagetest.Build(t, db, New)
				h, ok := c.Handler("add")
				if !ok {
					t.Fatal("no action add")
				}
				results := make([]concepts.Result, n)
				errs := make([]error, n)
				conflicts := make([]int, n)
				var wg sync.WaitGroup
				for i := range n {
					wg.Go(func() {
						in := add("i", fmt.Sprint("u", i), "hello")
						if inTx {
							results[i], conflicts[i], errs[i] = addInTx(db, h, in)
						} else {
							results[i], errs[i] = h.Call(context.Background(), in)
						}
					})
				}
				wg.Wait()

				ids := map[string]string{} // author by comment
				for i, res := range results {
					id, _ := res.Out["comment"].(string)
					switch {
					case errs[i] != nil:
						t.Errorf("add by u%d: %v", i, errs[i])
					case res.IsError() || id == "":
						t.Errorf("add by u%d: %+v, want a comment", i, res)
					case ids[id] != "":
						t.Errorf("adds by %s and u%d both returned comment %q", ids[id], i, id)
					default:
						ids[id] = fmt.Sprint("u", i)
					}
				}
				got := byItem(t, c, "i")
				if dense := inTx && db.Atomic(); dense && !slices.Equal(got, descending(n)) {
					t.Fatalf("_byItem i after %d concurrent adds in transactions: %v, want %v", n, got, descending(n))
				} else if !dense && (len(got) != n || !slices.IsSortedFunc(got, newerFirst) || len(slices.Compact(slices.Clone(got))) != n) {
					// without transactions, adds that race for a number skip some
					t.Fatalf("_byItem i after %d concurrent adds: %v, want %d distinct ids, newest first", n, got, n)
				}
				for id, author := range ids {
					if r := storagetest.Row(t, c, "_get", comment(id)); r["author"] != author {
						t.Errorf("_get %s: %v, want the comment of %s, whose add returned it", id, r, author)
					}
				}
				if inTx && db.Atomic() {
					if total := sum(conflicts); total > 0 {
						t.Errorf("adds conflicted %d times on an atomic backend, want never: add must start writing exclusively (storage.StartExclusive) before it reads the counter", total)
					}
					if got := counter(t, m); got != n {
						t.Errorf("the counter after %d adds in transactions: %d, want %d", n, got, n)
					}
				}
			})
		})
	}
}

// sum returns the sum of ns.
func sum(ns []int) (s int) {
	for _, n := range ns {
		s += n
	}
	return s
}

// TestCounterSetBack checks that add catches up with a counter that is
// behind the comments, as concurrent adds on a MongoDB without
// transactions can leave it (one writes back a number it read before the
// others wrote theirs; a rolled-back one restores what it replaced, or
// deletes a counter it created): the next comment still gets the number
// after the highest.
func TestCounterSetBack(t *testing.T) {
	cases := []struct {
		name string
		set  func(ctx context.Context, m *Commenting) error // sets the counter of 5 comments back
	}{
		{"to 2", func(ctx context.Context, m *Commenting) error {
			return m.counters.Put(ctx, commentCounter, counterDoc{Next: 2})
		}},
		{"to 0", func(ctx context.Context, m *Commenting) error {
			return m.counters.Put(ctx, commentCounter, counterDoc{})
		}},
		{"deleted", func(ctx context.Context, m *Commenting) error {
			_, err := m.counters.Delete(ctx, commentCounter)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, m *Commenting, c *concepts.Concept) {
				for range 5 {
					added(t, c, "i", "ann", "hello")
				}
				if err := tc.set(context.Background(), m); err != nil {
					t.Fatal(err)
				}
				for _, want := range []string{"6", "7"} {
					if id := added(t, c, "j", "bob", "after"); id != want {
						t.Fatalf("add after setting the counter back %s: comment %s, want %s", tc.name, id, want)
					}
				}
				if got := byItem(t, c, "i"); !slices.Equal(got, descending(5)) {
					t.Fatalf("_byItem i: %v, want %v: no comment overwritten", got, descending(5))
				}
				if got := counter(t, m); got != 7 {
					t.Fatalf("the counter after the adds: %d, want 7", got)
				}
			})
		})
	}
}

func TestConcurrentRemoves(t *testing.T) {
	each(t, func(t *testing.T, m *Commenting, c *concepts.Concept) {
		id := added(t, c, "i", "ann", "hello")
		kept := added(t, c, "i", "bob", "stays")
		if won := storagetest.Race(t, c, "remove", 5, func(int) map[string]any { return comment(id) }, "does not exist"); won != 1 {
			t.Fatalf("%d of 5 concurrent removes of one comment succeeded, want 1", won)
		}
		if got := byItem(t, c, "i"); !slices.Equal(got, []string{kept}) {
			t.Fatalf("_byItem i after the removes: %v, want [%s]", got, kept)
		}
		if comments, counters := counts(t, m); comments != 1 || counters != 1 {
			t.Fatalf("%d comments and %d counters left, want one of each", comments, counters)
		}
	})
}

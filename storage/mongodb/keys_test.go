package mongodb

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/legible/legible/storage/backend"
)

// The tests of the conflict keys check the argument of keys.go on a model
// of a collection: every write that changes what a read returns shares a
// key with it, and every reader of a key shares a cell with every writer
// of it, whatever rows and columns they pick.

// modelFields are the indexed fields of the model's collection.
var modelFields = []string{"a", "b"}

// randomValue is a value a model document or condition may hold: few, so
// that reads and writes often meet; numbers of both types, as MongoDB
// matches them by value.
func randomValue(r *rand.Rand) any {
	switch r.IntN(5) {
	case 0:
		return fmt.Sprint("s", r.IntN(3))
	case 1:
		return int64(r.IntN(3))
	case 2:
		return float64(r.IntN(3))
	case 3:
		return r.IntN(2) == 0
	}
	return 0.5
}

// randomDoc is a model document: each indexed field missing, a value, or
// a list of values; or nil, no document.
func randomDoc(r *rand.Rand) bson.D {
	if r.IntN(4) == 0 {
		return nil
	}
	d := bson.D{}
	for _, f := range modelFields {
		switch r.IntN(4) {
		case 0:
		case 1:
			d = append(d, bson.E{Key: f, Value: bson.A{randomValue(r), randomValue(r)}})
		default:
			d = append(d, bson.E{Key: f, Value: randomValue(r)})
		}
	}
	return append(d, bson.E{Key: "other", Value: r.IntN(3)})
}

// randomQuery is a query of the model: conditions on the id and the
// indexed fields, or none.
func randomQuery(r *rand.Rand) *backend.Query {
	q := &backend.Query{}
	for _, f := range []string{backend.ID, "a", "b"} {
		if r.IntN(3) != 0 {
			continue
		}
		c := backend.Cond{Field: f, Set: r.IntN(2) == 0}
		for range 1 + r.IntN(2) {
			if f == backend.ID {
				c.Values = append(c.Values, fmt.Sprint("d", r.IntN(3)))
			} else {
				c.Values = append(c.Values, randomValue(r))
			}
		}
		q.Where = append(q.Where, c)
	}
	return q
}

// equalValues is MongoDB's equality of two scalars: numbers by value.
func equalValues(x, y any) bool {
	nx, okx := number64(x)
	ny, oky := number64(y)
	if okx && oky {
		return nx == ny
	}
	return x == y
}

// number64 is a number of the model as a float64.
func number64(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// matches reports whether the model document id, d, meets every
// condition of q, as MongoDB does: a list matches when an element does.
func matches(id string, d bson.D, q *backend.Query) bool {
	for _, c := range q.Where {
		var have []any
		if c.Field == backend.ID {
			have = []any{id}
		} else if v := valueOf(d, c.Field); v != nil {
			if list, ok := v.(bson.A); ok {
				have = list
			} else {
				have = []any{v}
			}
		}
		if !slices.ContainsFunc(have, func(h any) bool { return slices.ContainsFunc(c.Values, func(w any) bool { return equalValues(h, w) }) }) {
			return false
		}
	}
	return true
}

// meetsOne reports whether the model document id, d, meets one of the
// conditions of q, at least; a condition on ID, whether the document is
// there or not (a write of the id reports whether it was).
func meetsOne(id string, d bson.D, q *backend.Query) bool {
	return slices.ContainsFunc(q.Where, func(c backend.Cond) bool {
		return c.Field == backend.ID && slices.Contains(c.Values, any(id)) ||
			d != nil && matches(id, d, &backend.Query{Where: []backend.Cond{c}})
	})
}

// raw marshals a model document, nil staying nil.
func raw(t *testing.T, d bson.D) bson.Raw {
	t.Helper()
	if d == nil {
		return nil
	}
	b, err := bson.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// shareKey reports whether two lists of keys have one in common.
func shareKey(a, b []key) bool {
	return slices.ContainsFunc(a, func(k key) bool { return slices.Contains(b, k) })
}

func TestKeysCoverEveryChangedRead(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	changed, checked := 0, 0
	for range 20000 {
		q := randomQuery(r)
		id := fmt.Sprint("d", r.IntN(3))
		old, doc := randomDoc(r), randomDoc(r)
		before := old != nil && matches(id, old, q)
		after := doc != nil && matches(id, doc, q)
		reads, writes := queryKeys("C.c", q), writeKeys("C.c", id, modelFields, raw(t, old), raw(t, doc))
		checked++
		// A result changes when a selected document enters, leaves, or
		// changes while selected.
		if before || after {
			changed++
			if !shareKey(reads, writes) {
				t.Fatalf("query %s, write of %s from %v to %v: the result changes, and they share no key (read %v, wrote %v)",
					q, id, old, doc, reads, writes)
			}
		}
		// A filtered query meets only writes of documents that meet one of
		// its conditions, before or after.
		if len(q.Where) > 0 && !meetsOne(id, old, q) && !meetsOne(id, doc, q) && shareKey(reads, writes) {
			t.Fatalf("query %s, write of %s from %v to %v: neither meets a condition, and yet they share a key: a false conflict", q, id, old, doc)
		}
	}
	if changed < checked/10 {
		t.Fatalf("only %d of %d cases changed a result: the model is too sparse to show anything", changed, checked)
	}
}

func TestGetKeysMeetWritesOfTheirIDs(t *testing.T) {
	s := newKeySet()
	s.readIDs("C.c", []string{"x", "y"})
	for _, id := range []string{"x", "y"} {
		if !shareKey(slices.Collect(mapKeys(s.read)), writeKeys("C.c", id, nil, nil, nil)) {
			t.Errorf("a Get of x and y shares no key with a write of %s", id)
		}
	}
	if shareKey(slices.Collect(mapKeys(s.read)), writeKeys("C.c", "z", nil, nil, nil)) {
		t.Error("a Get of x and y shares a key with a write of z")
	}
	if shareKey(slices.Collect(mapKeys(s.read)), writeKeys("D.c", "x", nil, nil, nil)) {
		t.Error("a Get of x of C.c shares a key with a write of x of D.c")
	}
}

// mapKeys is the keys of a set.
func mapKeys(m map[key]bool) func(func(key) bool) {
	return func(yield func(key) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestReaderAndWriterAlwaysMeet checks the grids: for any row a reader
// picks and any column a writer's id hashes to, a reader and a writer of
// one key write a cell in common; readers of different rows, and writers
// of different columns, write none.
func TestReaderAndWriterAlwaysMeet(t *testing.T) {
	for _, k := range []key{idKey("C.c", "s:x"), fieldKey("C.c", "a", "n:1"), scanKey("C.c")} {
		for pick := range 64 {
			for other := range 64 {
				reader := &keySet{row: pick, read: map[key]bool{k: true}}
				writer := &keySet{written: map[column]bool{{k, pick % k.g.cols}: true}}
				if !shareCell(reader.cells(), writer.cells()) {
					t.Fatalf("%q: a reader of row %d and a writer of column %d write no cell in common", k.text, pick, pick%k.g.cols)
				}
				reader2 := &keySet{row: other, read: map[key]bool{k: true}}
				if meet := shareCell(reader.cells(), reader2.cells()); meet != (pick%k.g.rows == other%k.g.rows) {
					t.Fatalf("%q: readers of rows %d and %d meet: %v", k.text, pick, other, meet)
				}
				writer2 := &keySet{written: map[column]bool{{k, other % k.g.cols}: true}}
				if meet := shareCell(writer.cells(), writer2.cells()); meet != (pick%k.g.cols == other%k.g.cols) {
					t.Fatalf("%q: writers of columns %d and %d meet: %v", k.text, pick, other, meet)
				}
			}
		}
	}
}

// TestWriteColumnsSpread checks that the ids of writes spread over the
// columns of a key, so that writers of different documents rarely meet.
func TestWriteColumnsSpread(t *testing.T) {
	k := scanKey("C.c")
	seen := map[int]bool{}
	for i := range 1000 {
		seen[columnOf(k, fmt.Sprint("doc", i)).col] = true
	}
	if len(seen) != scanCols {
		t.Fatalf("1,000 ids take %d of the %d columns of a scan key, want all", len(seen), scanCols)
	}
}

// shareCell reports whether two sorted lists of cells have one in common.
func shareCell(a, b []string) bool {
	return slices.ContainsFunc(a, func(c string) bool { _, ok := slices.BinarySearch(b, c); return ok })
}

// TestFavoritesOfOthersDoNotMeet is the case the keys are for: two
// flows, each favoriting its own article as its own user, as Conduit's
// favorite does (read the user's token and the user, the article by slug
// and its favorites; write the favorite), share no key but the scan key
// of the favorites, where they meet only in the same column.
func TestFavoritesOfOthersDoNotMeet(t *testing.T) {
	flow := func(user, slug, article string) *keySet {
		s := newKeySet()
		s.readIDs("Tokens.users", []string{user})
		s.readIDs("Profile.profiles", []string{user})
		s.readQuery("Article.articles", &backend.Query{Where: []backend.Cond{{Field: "slug", Values: []any{slug}}}})
		s.readQuery("Favoriting.favorites", &backend.Query{Where: []backend.Cond{{Field: "item", Values: []any{article}}}})
		fav := raw(t, bson.D{{Key: "item", Value: article}, {Key: "user", Value: user}})
		s.wrote("Favoriting.favorites", article+"/"+user, []string{"item", "user"}, nil, fav)
		return s
	}
	ann, bob := flow("ann", "hello", "a1"), flow("bob", "world", "a2")
	ann.row, bob.row = 0, 1
	if scan := scanKey("Favoriting.favorites"); columnOf(scan, "a1/ann") == columnOf(scan, "a2/bob") {
		t.Fatal("the test's favorites hash to one column of the scan key: choose other ids")
	}
	if shareCell(ann.cells(), bob.cells()) {
		t.Fatal("two favorites of different articles by different users write a cell in common")
	}
	ann2 := flow("ann2", "hello", "a1")
	ann2.row = ann.row + 1
	if !shareCell(ann.cells(), ann2.cells()) {
		t.Fatal("two favorites of one article, each reading its favorites, write no cell in common")
	}
}

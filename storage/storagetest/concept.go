package storagetest

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// Impl is a concept implementation.
type Impl interface {
	// Concept registers the actions and queries under their spec names.
	Concept() *concepts.Concept
}

// Build builds a concept with build on db, sets db up for its
// collections, and returns it with its registration.
func Build[I Impl](t testing.TB, db *storage.DB, build func(*storage.DB) I) (I, *concepts.Concept) {
	t.Helper()
	impl := build(db)
	Setup(t, db)
	return impl, impl.Concept()
}

// EachConcept runs f as a subtest for each backend (Each), with a concept
// built by build on a fresh database set up for it.
func EachConcept[I Impl](t *testing.T, build func(*storage.DB) I, f func(t *testing.T, impl I, c *concepts.Concept)) {
	t.Helper()
	Each(t, func(t *testing.T, db *storage.DB) {
		impl, c := Build(t, db, build)
		f(t, impl, c)
	})
}

// Call runs the action or query name of c through its handler, failing
// the test on a failure; it returns the result, a concept error included.
func Call(t testing.TB, c *concepts.Concept, name string, in map[string]any) concepts.Result {
	t.Helper()
	h, ok := c.Handler(name)
	if !ok {
		t.Fatalf("no action or query %s", name)
	}
	res, err := h.Call(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Race runs the action name of c n times at once, the i-th with the input
// in(i), and returns how many succeeded. Each of the others must end in a
// concept error containing lose; a failure fails the test.
func Race(t testing.TB, c *concepts.Concept, name string, n int, in func(i int) map[string]any, lose string) (won int) {
	t.Helper()
	h, ok := c.Handler(name)
	if !ok {
		t.Fatalf("no action %s", name)
	}
	results := make([]concepts.Result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := h.Call(context.Background(), in(i))
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			results[i] = res
		})
	}
	wg.Wait()
	for _, r := range results {
		switch {
		case !r.IsError():
			won++
		case !strings.Contains(r.Err, lose):
			t.Errorf("a losing %s: %q, want %q", name, r.Err, lose)
		}
	}
	return won
}

// Fails runs the action name of c, which must end in a concept error
// containing want; otherwise it reports a test error.
func Fails(t testing.TB, c *concepts.Concept, name string, in map[string]any, want string) {
	t.Helper()
	if got := Call(t, c, name, in); !got.IsError() || !strings.Contains(got.Err, want) {
		t.Errorf("%s %v: %+v, want a concept error containing %q", name, in, got, want)
	}
}

// NoRows runs the query name of c, which must return no rows; otherwise
// it reports a test error.
func NoRows(t testing.TB, c *concepts.Concept, name string, in map[string]any) {
	t.Helper()
	if rows := Call(t, c, name, in).Rows; len(rows) != 0 {
		t.Errorf("%s %v: %v, want no rows", name, in, rows)
	}
}

// Row runs the query name of c, which must return exactly one row, and
// returns it; otherwise it fails the test.
func Row(t testing.TB, c *concepts.Concept, name string, in map[string]any) map[string]any {
	t.Helper()
	rows := Call(t, c, name, in).Rows
	if len(rows) != 1 {
		t.Fatalf("%s %v: %v, want one row", name, in, rows)
	}
	return rows[0]
}

// Batches checks that the query name of c is a batch query that answers
// the inputs, in one call by position (concepts.Plan, as the engine calls
// it), as it answers each of them alone: each input gets the rows that
// Call gives it. The inputs all have the same names. It returns the rows
// of each input, as maps.
func Batches(t testing.TB, c *concepts.Concept, name string, ins []map[string]any) [][]map[string]any {
	t.Helper()
	h, ok := c.Handler(name)
	if !ok || !h.IsBatch() {
		t.Fatalf("%s.%s is not a batch query (found: %v); register it with concepts.BatchQuery", c.Name(), name, ok)
	}
	names := slices.Sorted(maps.Keys(ins[0]))
	var cols []string
	for _, f := range h.Signature().Outputs {
		cols = append(cols, f.Name)
	}
	plan, err := h.Plan(names, cols)
	if err != nil {
		t.Fatal(err)
	}
	vals := make([][]any, len(ins))
	for i, in := range ins {
		for _, n := range names {
			vals[i] = append(vals[i], in[n])
		}
	}
	res, err := plan.Call(context.Background(), vals)
	if err != nil || len(res) != len(ins) {
		t.Fatalf("%s batch of %d inputs: %d results, %v", name, len(ins), len(res), err)
	}
	out := make([][]map[string]any, len(ins))
	for i, in := range ins {
		out[i] = make([]map[string]any, len(res[i]))
		for r, row := range res[i] {
			out[i][r] = map[string]any{}
			for k, col := range cols {
				out[i][r][col] = row[k]
			}
		}
		if one := Call(t, c, name, in).Rows; !reflect.DeepEqual(out[i], one) {
			t.Errorf("%s %v: %v in a batch, %v alone", name, in, out[i], one)
		}
	}
	return out
}

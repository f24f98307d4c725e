package commenting

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"legible/concepts"
	"legible/storage/storagetest"
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
	_, c := setup(t)
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
		rows := call(t, c, "_get", comment(fmt.Sprint(n+1))).Rows
		if len(rows) != 1 {
			t.Fatalf("_get %d: %v, want one row", n+1, rows)
		}
		r := rows[0]
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
}

func TestByItemOrder(t *testing.T) {
	for _, n := range []int{1, 9, 12} { // ids up to 9, and past it
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			_, c := setup(t)
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
	}
}

func TestRemove(t *testing.T) {
	m, c := setup(t)
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
	call(t, c, "remove", comment(j))
	if got := byItem(t, c, "j"); len(got) != 0 {
		t.Fatalf("_byItem j after removing its comment: %v, want none", got)
	}
	if n := storagetest.Count(t, m.items.Database(), ItemsCollection); n != 1 {
		t.Fatalf("%d item lists, want 1: the emptied list of j dropped", n)
	}
	if got := added(t, c, "j", "bob", "again"); got != "12" || !slices.Equal(byItem(t, c, "j"), []string{"12"}) {
		t.Fatalf("add to j after emptying it: comment %s, listed %v; want 12, listed", got, byItem(t, c, "j"))
	}
}

func TestUnknownComment(t *testing.T) {
	_, c := setup(t)
	added(t, c, "i", "ann", "hello")
	for _, id := range []string{"2", "", "01", "x"} {
		storagetest.Fails(t, c, "remove", comment(id), "does not exist")
		storagetest.NoRows(t, c, "_get", comment(id))
	}
	if got := byItem(t, c, "i"); !slices.Equal(got, []string{"1"}) {
		t.Fatalf("_byItem i: %v, want [1]", got)
	}
}

func TestAddValidation(t *testing.T) {
	m, c := setup(t)
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
	counts := storagetest.Counts(t, m.comments.Database(), CommentsCollection, ItemsCollection, CountersCollection)
	if !slices.Equal(counts, []int64{0, 0, 0}) {
		t.Fatalf("%v comments, item lists and counters stored, want none", counts)
	}
	if id := added(t, c, "i", "ann", "hello"); id != "1" {
		t.Fatalf("the first valid add: comment %s, want 1", id)
	}
}

func TestConcurrentAdds(t *testing.T) {
	const n = 20
	_, c := setup(t)
	in := func(i int) map[string]any { return add("i", fmt.Sprint("u", i), "hello") }
	if won := storagetest.Race(t, c, "add", n, in, ""); won != n {
		t.Fatalf("%d of %d concurrent adds succeeded, want all", won, n)
	}
	var want []string
	for k := n; k >= 1; k-- {
		want = append(want, fmt.Sprint(k))
	}
	if got := byItem(t, c, "i"); !slices.Equal(got, want) {
		t.Fatalf("_byItem i after %d concurrent adds: %v, want %v", n, got, want)
	}
}

func TestConcurrentRemoves(t *testing.T) {
	m, c := setup(t)
	id := added(t, c, "i", "ann", "hello")
	if won := storagetest.Race(t, c, "remove", 5, func(int) map[string]any { return comment(id) }, "does not exist"); won != 1 {
		t.Fatalf("%d of 5 concurrent removes of one comment succeeded, want 1", won)
	}
	counts := storagetest.Counts(t, m.comments.Database(), CommentsCollection, ItemsCollection)
	if !slices.Equal(counts, []int64{0, 0}) {
		t.Fatalf("%v comments and item lists left, want none", counts)
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	m, c := setup(t)
	storagetest.Resetup(t, m, func() { added(t, c, "i", "ann", "hello") }, m.comments)
	if got := byItem(t, c, "i"); !slices.Equal(got, []string{"1"}) {
		t.Fatalf("_byItem i after Setup: %v, want [1]", got)
	}
}

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../specs/concepts/Commenting.concept.yaml")
}

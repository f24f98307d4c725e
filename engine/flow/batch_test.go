package flow

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/load"
)

// The batch app lists items, each with its tags (optional: an item may
// have none) and its owner's name (an owner may be null, or have no
// name), in a collect; and, strictly, the items that have tags.
const batchConcepts = `concept: Listing
purpose: list items, in order, some twice
principle: _items returns the same rows each time
queries:
  _items:
    in: {}
    out: { item: String, owner: Any }
`

const tagsConcept = `concept: Tags
purpose: tag items
principle: _of(item) returns its tags
queries:
  _of:
    in: { item: String }
    out: { tag: String }
`

const ownersConcept = `concept: Owners
purpose: name owners
principle: _name(owner) returns the owner's name, if it has one
queries:
  _name:
    in: { owner: String }
    out: { name: String }
`

const batchSyncs = `List:
  when:
    - Requesting.request: { method: "GET", path: "/list" }
      out: { request }
  where:
    - collect:
        as: list
        from:
          - Listing._items: {}
            out: { item, owner }
          - Tags._of: { item }
            out: { tag }
            optional: true
          - Owners._name: { owner }
            out: { name }
            optional: true
        value: '{"item": item, "tag": tag, "name": name}'
  then:
    - Requesting.respond: { request, body: list }

Strict:
  when:
    - Requesting.request: { method: "GET", path: "/strict" }
      out: { request }
  where:
    - collect:
        as: list
        from:
          - Listing._items: {}
            out: { item }
          - Tags._of: { item }
            out: { tag }
        value: '{"item": item, "tag": tag}'
  then:
    - Requesting.respond: { request, body: list }
`

// itemRow is a row of Listing._items; a nil Owner is null.
type itemRow struct {
	Item  string  `json:"item"`
	Owner *string `json:"owner"`
}

// tagIn, tagRow, ownerIn and nameRow are the other queries' inputs and rows.
type (
	tagIn   struct{ Item string }
	tagRow  struct{ Tag string }
	ownerIn struct{ Owner string }
	nameRow struct{ Name string }
)

// calls records the inputs each call of a query got.
type calls struct {
	mu  sync.Mutex
	got map[string][][]string
}

// add records one call of name with the inputs.
func (c *calls) add(name string, ins []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got[name] = append(c.got[name], ins)
}

// batchApp builds the batch app, its Tags and Owners queries registered
// as batch queries or one input at a time.
func batchApp(t *testing.T, batched bool) (*Engine, *calls) {
	t.Helper()
	owner := func(s string) *string { return &s }
	items := []itemRow{{"x1", owner("o1")}, {"x2", owner("o2")}, {"x1", owner("o1")}, {"x3", nil}, {"x4", owner("o4")}}
	tags := map[string][]string{"x1": {"t1", "t2"}, "x2": {"t3"}}
	names := map[string]string{"o1": "ann", "o4": "dan"}
	log := &calls{got: map[string][][]string{}}
	tagsOf := func(ins []tagIn) [][]tagRow {
		out := make([][]tagRow, len(ins))
		var got []string
		for i, in := range ins {
			got = append(got, in.Item)
			for _, tag := range tags[in.Item] {
				out[i] = append(out[i], tagRow{tag})
			}
		}
		log.add("Tags._of", got)
		return out
	}
	nameOf := func(ins []ownerIn) [][]nameRow {
		out := make([][]nameRow, len(ins))
		var got []string
		for i, in := range ins {
			got = append(got, in.Owner)
			if n, ok := names[in.Owner]; ok {
				out[i] = []nameRow{{n}}
			}
		}
		log.add("Owners._name", got)
		return out
	}
	tagsQ := concepts.Query(func(_ context.Context, in tagIn) ([]tagRow, error) { return tagsOf([]tagIn{in})[0], nil })
	namesQ := concepts.Query(func(_ context.Context, in ownerIn) ([]nameRow, error) { return nameOf([]ownerIn{in})[0], nil })
	if batched {
		tagsQ = concepts.BatchQuery(func(_ context.Context, ins []tagIn) ([][]tagRow, error) { return tagsOf(ins), nil })
		namesQ = concepts.BatchQuery(func(_ context.Context, ins []ownerIn) ([][]nameRow, error) { return nameOf(ins), nil })
	}
	files := []load.File{
		{Name: "app.yaml", Data: []byte("app: batch\nconcepts: [Requesting, Listing, Tags, Owners]\n")},
		{Name: "concepts/Listing.concept.yaml", Data: []byte(batchConcepts)},
		{Name: "concepts/Tags.concept.yaml", Data: []byte(tagsConcept)},
		{Name: "concepts/Owners.concept.yaml", Data: []byte(ownersConcept)},
		{Name: "syncs/batch.sync.yaml", Data: []byte(batchSyncs)},
	}
	prog := compile(t, files,
		concepts.New("Listing").Query("_items", concepts.Query(func(context.Context, struct{}) ([]itemRow, error) { return items, nil })),
		concepts.New("Tags").Query("_of", tagsQ),
		concepts.New("Owners").Query("_name", namesQ))
	return New(prog, Options{}), log
}

// reply runs a GET of path and returns the body of its one reply.
func reply(t *testing.T, e *Engine, path string) any {
	t.Helper()
	res := e.Run(context.Background(), "Requesting", "request", map[string]any{"method": "GET", "path": path})
	if res.Failure != nil {
		t.Fatal(res.Failure)
	}
	replies := responses(e, res.FlowID)
	if len(replies) != 1 {
		t.Fatalf("GET %s: %d replies, want 1", path, len(replies))
	}
	return replies[0]["body"]
}

func TestBatchedQueriesKeepTheSemantics(t *testing.T) {
	row := func(item, tag, name any) map[string]any {
		return map[string]any{"item": item, "tag": tag, "name": name}
	}
	want := map[string]any{
		"/list": []any{row("x1", "t1", "ann"), row("x1", "t2", "ann"), row("x2", "t3", nil), row("x1", "t1", "ann"),
			row("x1", "t2", "ann"), row("x3", nil, nil), row("x4", nil, "dan")},
		"/strict": []any{map[string]any{"item": "x1", "tag": "t1"}, map[string]any{"item": "x1", "tag": "t2"},
			map[string]any{"item": "x2", "tag": "t3"}, map[string]any{"item": "x1", "tag": "t1"},
			map[string]any{"item": "x1", "tag": "t2"}},
	}
	// Per query, the calls a GET /list makes: batched, one call of the
	// distinct inputs (a null owner calls nothing); else one per input.
	wantCalls := map[bool]map[string][][]string{
		true:  {"Tags._of": {{"x1", "x2", "x3", "x4"}}, "Owners._name": {{"o1", "o2", "o4"}}},
		false: {"Tags._of": {{"x1"}, {"x2"}, {"x3"}, {"x4"}}, "Owners._name": {{"o1"}, {"o2"}, {"o4"}}},
	}
	for _, batched := range []bool{true, false} {
		e, log := batchApp(t, batched)
		for _, path := range []string{"/list", "/strict"} {
			if got := reply(t, e, path); !reflect.DeepEqual(got, want[path]) {
				t.Errorf("batched %v, GET %s: %v, want %v", batched, path, got, want[path])
			}
		}
		log.got = map[string][][]string{}
		reply(t, e, "/list")
		for name, want := range wantCalls[batched] {
			if got := log.got[name]; !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("batched %v: %s called with %v, want %v", batched, name, got, want)
			}
		}
	}
}

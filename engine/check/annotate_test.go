package check_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/engine/check"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// annotated loads and checks an app of one concept and the syncs given,
// which must check clean, and returns its spec as check annotated it.
func annotated(t *testing.T, syncs string) *spec.Spec {
	t.Helper()
	files := []load.File{
		{Name: "app.yaml", Data: []byte("app: t\nbase: /api\nconcepts: [Requesting, Listing]\n")},
		{Name: "concepts/Listing.concept.yaml", Data: []byte(`concept: Listing [User]
purpose: keep lists
actions:
  create:
    in: { owner: User, title: String }
    out:
      - { list: List_ }
      - { error: String }
queries:
  _get:
    in: { list: List_ }
    out: { title: String, count: Number, items: List }
  _items:
    in: { list: List_ }
    out: { item: String }
`)},
		{Name: "syncs/s.sync.yaml", Data: []byte(syncs)},
	}
	sp, diags := load.Load(files, nil)
	diags = append(diags, check.Check(sp)...)
	for _, d := range diags {
		if d.Rule != "unused-variable" {
			t.Fatalf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
		}
	}
	return sp
}

// TestExpressionsRecordWhatTheyRead checks the variables each expression
// reads, as check resolves them: in order, each once; all of those in
// scope for $env; none for a constant.
func TestExpressionsRecordWhatTheyRead(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`title`, "title"},
		{`user.name`, "user"},
		{`count > 1 ? title : "none"`, "count title"},
		{`filter(items, # != title)`, "items title"},
		{`let n = count + 1; n * count`, "count"},
		{`"const"`, ""},
		{`$env.count`, "user list request title count items"},
	} {
		sp := annotated(t, fmt.Sprintf(`S:
  when:
    - Requesting.request: { path: "/x/:list", user, list }
      out: { request }
  where:
    - Listing._get: { list }
      out: { title, count, items }
    - bind: { v: '%s' }
  then:
    - Requesting.respond: { request, body: v }
`, strings.ReplaceAll(tt.src, "'", "''")))
		x := sp.Syncs[0].Where[1].(*spec.Bind).Entries[0].Expr
		var got []string
		for _, v := range x.Reads {
			got = append(got, v.Name)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s reads %v; want %s", tt.src, got, tt.want)
		}
		if x.Tree == nil {
			t.Errorf("%s: no tree", tt.src)
		}
	}
}

// TestVariablesResolveToSlots checks that every term naming a variable
// points to the one Variable of its name and scope, that slots number the
// sync's variables in the order they are bound, and that a variable
// bound inside a collect has a slot of its own.
func TestVariablesResolveToSlots(t *testing.T) {
	sp := annotated(t, `S:
  when:
    - Requesting.request: { path: "/x/:list", list }
      out: { request }
  where:
    - Listing._get: { list }
      out: { title }
    - collect:
        as: all
        from:
          - Listing._items: { list }
            out: { item }
        fields: [item]
    - bind: { n: 'len(all)', body: '{"n": n, "t": title}' }
  then:
    - Requesting.respond: { request, body }
`)
	s := sp.Syncs[0]
	var names []string
	for i, v := range s.Vars {
		if v.Slot != i {
			t.Errorf("%s has slot %d at %d", v.Name, v.Slot, i)
		}
		names = append(names, v.Name)
	}
	if want := []string{"list", "request", "title", "item", "all", "n", "body"}; !slices.Equal(names, want) {
		t.Fatalf("vars %v, want %v", names, want)
	}
	list := s.When[0].In[1].Term.Var
	query := s.Where[0].(*spec.Query).Pattern
	inner := s.Where[1].(*spec.Collect)
	switch {
	case list == nil || query.In[0].Term.Var != list || inner.From[0].(*spec.Query).Pattern.In[0].Term.Var != list:
		t.Error("the reads of list do not point to its variable")
	case inner.FieldVars[0] != inner.From[0].(*spec.Query).Pattern.Out[0].Term.Var || inner.Var != s.Vars[4]:
		t.Error("the collect's field and list do not point to their variables")
	case s.Vars[2].Type.Kind != types.String || s.Vars[4].Type.Kind != types.List || list.Type.Kind != types.String:
		t.Errorf("types: title %s, all %s, list %s", s.Vars[2].Type, s.Vars[4].Type, list.Type)
	case query.Target == nil || query.Target.Name.Name != "_get" || s.When[0].Target.Name.Name != "request":
		t.Error("the patterns do not point to their actions")
	}
}

// TestRoutesAreDerived checks the routes check derives: each method and
// path, a method-less pattern's inputs joining each route of its path,
// in the order they are first named, then the passthrough routes.
func TestRoutesAreDerived(t *testing.T) {
	sp := annotated(t, `A:
  when:
    - Requesting.request: { method: "GET", path: "/lists/:list", list }
      out: { request }
  then:
    - Requesting.respond: { request, body: list }
B:
  when:
    - Requesting.request: { method: "post", path: "/lists", owner, title }
      out: { request }
  then:
    - Listing.create: { owner, title }
C:
  when:
    - Requesting.request: { path: "/lists", token }
      out: { request }
    - Listing.create: {}
      out: { list }
  then:
    - Requesting.respond: { request, body: list }
D:
  when:
    - Requesting.request: { path: "/open" }
      out: { request }
  then:
    - Requesting.respond: { request }
`)
	var got []string
	for _, r := range sp.Routes {
		got = append(got, fmt.Sprintf("%s %v", r, r.Inputs))
	}
	want := []string{"GET /lists/:list [list]", "POST /lists [owner title token]", "/open []"}
	if !slices.Equal(got, want) {
		t.Errorf("routes %q, want %q", got, want)
	}
}

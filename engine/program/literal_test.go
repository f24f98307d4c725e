package program

import (
	"reflect"
	"testing"

	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/types"
	"github.com/expr-lang/expr/vm"

	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/value"
)

// TestLiteralsBuildWhatTheProgramGives builds each literal from a frame
// and runs its program on the same values: the two must agree, as the
// flow values the engine makes of a program's result (value.Of).
func TestLiteralsBuildWhatTheProgramGives(t *testing.T) {
	slots := []string{"slug", "tags", "count", "none", "author"}
	frame := []any{"a-b", []any{"x", "y"}, 3.0, nil, map[string]any{"username": "ann"}}
	for _, tt := range []struct {
		src     string
		literal bool
	}{
		{`{"slug": slug, "tagList": tags, "favoritesCount": count}`, true},
		{`{"author": {"username": author.username}}`, false},
		{`{"author": author, "following": true, "n": 1, "f": 1.5, "s": "x", "z": nil}`, true},
		{`{slug: slug, "nested": {"list": [slug, count, none, [tags]]}}`, true},
		{`{"slug": slug, "slug": count}`, false},
		{`[slug, none]`, true},
		{`{}`, true},
		{`slug`, true},
		{`"constant"`, true},
		{`{"n": count + 1}`, false},
		{`{"s": slug ?? "none"}`, false},
		{`$env.slug`, false},
	} {
		tree, err := parser.Parse(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		src := &spec.Expr{Source: tt.src, Tree: tree.Node}
		typed := types.Map{}
		for i, name := range slots {
			src.Reads = append(src.Reads, &spec.Variable{Name: name, Slot: i})
			typed[name] = types.Any
		}
		c := &compiler{s: &Sync{Slots: slots}}
		x := c.expr(src)
		if c.err != nil {
			t.Errorf("%s: %v", tt.src, c.err)
			continue
		}
		if (x.Literal != nil) != tt.literal {
			t.Errorf("%s: literal %v; want %v", tt.src, x.Literal != nil, tt.literal)
			continue
		}
		if x.Literal == nil {
			continue
		}
		prog, err := compileTree(src, typed)
		if err != nil {
			t.Fatal(err)
		}
		env := map[string]any{}
		for i, name := range slots {
			env[name] = frame[i]
		}
		want, err := vm.Run(prog, env)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if got := x.Literal.Build(frame); !reflect.DeepEqual(got, value.Of(want)) {
			t.Errorf("%s builds %#v; the program gives %#v", tt.src, got, want)
		}
	}
}

package program

import (
	"reflect"
	"testing"

	"github.com/expr-lang/expr"
)

func TestLenientFields(t *testing.T) {
	env := map[string]any{
		"user":    map[string]any{"email": "a@b.c", "profile": map[string]any{"bio": "hi"}},
		"name":    "ann",
		"n":       3,
		"list":    []any{1, 2},
		"none":    nil,
		"headers": map[string]string{"x": "y"},
	}
	for _, tt := range []struct {
		src  string
		want any
	}{
		{`user.email`, "a@b.c"},
		{`user.profile.bio`, "hi"},
		{`user["email"]`, "a@b.c"},
		{`user.missing`, nil},
		{`user.missing.deeper`, nil},
		{`name.email`, nil},
		{`n.email`, nil},
		{`list.email`, nil},
		{`none.email`, nil},
		{`none?.email`, nil},
		{`headers.x`, "y"},
		{`name.email ?? "none"`, "none"},
		{`list[1]`, 2},
		{`len(name)`, 3},
		{`now().Year() > 2000`, true},
	} {
		prog, err := expr.Compile(tt.src, append([]expr.Option{expr.Env(env)}, lenientFields...)...)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		got, err := expr.Run(prog, env)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s = %#v, %v; want %#v", tt.src, got, err, tt.want)
		}
	}
}

package program

import (
	"reflect"
	"testing"

	"github.com/legible/legible/engine/spec"
)

func TestExprReads(t *testing.T) {
	slots := []string{"user", "name", "list", "count"}
	for _, tt := range []struct {
		src  string
		want []Field
	}{
		{`name`, []Field{{"name", 1}}},
		{`user.name`, []Field{{"user", 0}}},
		{`count > 1 ? name : "none"`, []Field{{"name", 1}, {"count", 3}}},
		{`filter(list, .count > 1)`, []Field{{"list", 2}}},
		{`let n = count + 1; n * 2`, []Field{{"count", 3}}},
		{`"const"`, nil},
		{`$env.count`, []Field{{"user", 0}, {"name", 1}, {"list", 2}, {"count", 3}}},
	} {
		c := &compiler{s: &Sync{Slots: slots}}
		x := c.expr(&spec.Expr{Source: tt.src})
		if c.err != nil {
			t.Errorf("%s: %v", tt.src, c.err)
			continue
		}
		if !reflect.DeepEqual(x.Reads, tt.want) {
			t.Errorf("%s reads %v; want %v", tt.src, x.Reads, tt.want)
		}
	}
}

package concepts

import (
	"context"
	"testing"
)

type articleIn struct {
	Author string `json:"author"`
	Title  string `json:"title"`
	Limit  int    `json:"limit"`
}

type articleOut struct {
	Article string `json:"article"`
	Slug    string `json:"slug"`
}

// BenchmarkCall measures one Call of an action with 3 inputs and 2 outputs:
// converting the inputs, running the function and converting the outputs.
func BenchmarkCall(b *testing.B) {
	c := New("Article").Action("create", Action(func(_ context.Context, in articleIn) (articleOut, error) {
		return articleOut{Article: "a1", Slug: in.Title}, nil
	}))
	h, _ := c.Handler("create")
	in := map[string]any{"author": "u1", "title": "hello-world", "limit": 10.0}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res, err := h.Call(ctx, in)
		if err != nil || len(res.Out) != 2 {
			b.Fatal(res, err)
		}
	}
}

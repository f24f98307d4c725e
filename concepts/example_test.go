package concepts_test

import (
	"context"
	"fmt"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// Counter is a concept of an app's own, which keeps no state.
type Counter struct{}

// NewCounter builds it on a database (which it does not need).
func NewCounter(*storage.DB) *Counter { return &Counter{} }

// NextIn is the input of next.
type NextIn struct {
	N int `json:"n"`
}

// NextOut is the output of next.
type NextOut struct {
	N int `json:"n"`
}

// Next returns n + 1.
func (*Counter) Next(_ context.Context, in NextIn) (NextOut, error) { return NextOut{N: in.N + 1}, nil }

// Concept registers the actions and queries under their spec names.
func (c *Counter) Concept() *concepts.Concept {
	return concepts.New("Counter").Action("next", concepts.Action(c.Next))
}

// A module pairs a concept's name with how to build it, for an app's
// main.go to hand to legible.Main: an app's own module serves the app's
// own spec file of its name.
func ExampleNewModule() {
	m := concepts.NewModule("Counter", nil, NewCounter)
	h, _ := m.New(nil).Handler("next")
	res, err := h.Call(context.Background(), map[string]any{"n": 41})
	fmt.Println(m.Name, res.Out, err)
	// Output:
	// Counter map[n:42] <nil>
}

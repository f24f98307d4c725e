package favoriting

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Favoriting.concept.yaml
var spec []byte

// Module is Favoriting in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Favoriting", spec, New) }

package following

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Following.concept.yaml
var spec []byte

// Module is Following in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Following", spec, New) }

package commenting

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Commenting.concept.yaml
var spec []byte

// Module is Commenting in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Commenting", spec, New) }

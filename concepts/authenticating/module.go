package authenticating

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Authenticating.concept.yaml
var spec []byte

// Module is Authenticating in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Authenticating", spec, New) }

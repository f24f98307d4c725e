package tagging

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Tagging.concept.yaml
var spec []byte

// Module is Tagging in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Tagging", spec, New) }

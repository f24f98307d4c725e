package profile

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Profile.concept.yaml
var spec []byte

// Module is Profile in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Profile", spec, New) }

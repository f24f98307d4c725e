package tokens

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Tokens.concept.yaml
var spec []byte

// Module is Tokens in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Tokens", spec, New) }

package article

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed Article.concept.yaml
var spec []byte

// Module is Article in legible's library of concepts: its spec, shipped in the
// binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("Article", spec, New) }

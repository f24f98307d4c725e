package likert

import (
	_ "embed"

	"github.com/legible/legible/concepts"
)

//go:embed LikertSurvey.concept.yaml
var spec []byte

// Module is LikertSurvey in legible's library of concepts: its spec,
// shipped in the binary, and its implementation.
func Module() concepts.Module { return concepts.NewModule("LikertSurvey", spec, New) }

package likert

import (
	"testing"

	"github.com/legible/legible/storage/storagetest"
)

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../examples/likert/concepts/LikertSurvey.concept.yaml")
}

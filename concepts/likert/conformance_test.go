package likert

import (
	"testing"

	"legible/storage/storagetest"
)

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../examples/likert/concepts/LikertSurvey.concept.yaml")
}

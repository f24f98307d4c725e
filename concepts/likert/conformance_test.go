package likert

import (
	"os"
	"testing"

	"legible/concepts"
	"legible/engine/load"
)

func TestConformance(t *testing.T) {
	data, err := os.ReadFile("../../examples/likert/concepts/LikertSurvey.concept.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sp, diags := load.Load([]load.File{{Name: "concepts/LikertSurvey.concept.yaml", Data: data}})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	spec := sp.Concepts[len(sp.Concepts)-1]
	if spec.Name.Name != "LikertSurvey" {
		t.Fatalf("loaded concept %s, want LikertSurvey", spec.Name.Name)
	}
	for _, d := range concepts.Conformance(New(nil).Concept(), spec) {
		t.Errorf("%s: %s [%s] %s", d.Span.Pos, d.Message, d.Rule, d.Hint)
	}
}

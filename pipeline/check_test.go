package pipeline

import (
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	lib "github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/storage"
)

// TestAnOwnBinaryMissingAnOwnConceptIsAnError lints an app with two
// concepts of its own, one of which its binary registers: from that
// binary, the other is an error (it is the app's binary, and cannot serve
// it); from the stock binary, which serves none of the app's own, a note.
func TestAnOwnBinaryMissingAnOwnConceptIsAnError(t *testing.T) {
	files := []load.File{
		{Name: "app.yaml", Data: []byte("app: shelf\nbase: /api\nconcepts: [Requesting, Shelving, Listing]\n")},
		{Name: "concepts/Shelving.concept.yaml", Data: []byte("concept: Shelving\npurpose: keep books\n")},
		{Name: "concepts/Listing.concept.yaml", Data: []byte("concept: Listing\npurpose: keep lists\n")},
	}
	own := concepts.NewModule("Shelving", nil, func(*storage.DB) *bare { return &bare{"Shelving"} })
	mine, err := NewEnv(append(lib.Modules(), own)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		env  *Env
		want diag.Severity
	}{{"own binary", mine, diag.Error}, {"stock binary", library(t), diag.Info}} {
		var found []diag.Diagnostic
		for _, d := range tt.env.Check(files).Diags {
			if strings.Contains(d.Message, "concept Listing has no Go implementation in this binary") {
				found = append(found, d)
			} else if d.Severity != diag.Info || tt.env == mine {
				t.Errorf("%s: %s [%s]", tt.name, d.Message, d.Rule)
			}
		}
		if len(found) != 1 || found[0].Severity != tt.want {
			t.Errorf("%s: %v, want one %s that Listing has no implementation", tt.name, found, tt.want)
		}
	}
}

// bare is a concept of no actions.
type bare struct{ name string }

// Concept registers nothing.
func (b *bare) Concept() *concepts.Concept { return concepts.New(b.name) }

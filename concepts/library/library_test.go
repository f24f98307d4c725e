package library

import (
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/requesting"
	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/engine/check"
	"github.com/legible/legible/engine/conform"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/storage"
)

// TestSpecsAreCleanAndImplemented loads each built-in concept's spec on its
// own: it must check without a diagnostic, and its implementation must
// conform to it.
func TestSpecsAreCleanAndImplemented(t *testing.T) {
	for _, m := range Modules() {
		t.Run(m.Name, func(t *testing.T) {
			if m.Spec == nil {
				t.Fatal("a built-in concept ships its spec")
			}
			sp, diags := load.Load([]load.File{{Name: m.Name + ".concept.yaml", Data: m.Spec}}, nil)
			diags = append(diags, check.Check(sp)...)
			for _, d := range diags {
				t.Errorf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
			}
			k := sp.Concept(m.Name)
			if k == nil {
				t.Fatalf("the spec declares no concept %s", m.Name)
			}
			for _, d := range conform.Check(m.New(nil), k) {
				t.Errorf("%s: %s [%s] %s", d.Span.Pos, d.Message, d.Rule, d.Hint)
			}
		})
	}
}

// TestRequestingConforms checks Requesting, whose spec ships in the
// loader and whose implementation the server builds.
func TestRequestingConforms(t *testing.T) {
	sp, diags := load.Load(nil, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, d := range conform.Check(requesting.New().Concept(), sp.Concept("Requesting")) {
		t.Errorf("%s: %s [%s] %s", d.Span.Pos, d.Message, d.Rule, d.Hint)
	}
}

// TestCatalogOwnReplacesBuiltin checks that an app's own module of a
// built-in name replaces it, and then serves own spec files only.
func TestCatalogOwnReplacesBuiltin(t *testing.T) {
	own := concepts.NewModule("Profile", nil, func(*storage.DB) *fake { return &fake{} })
	cat, err := catalog.New(append(Modules(), own)...)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Serves("Profile", true); !ok {
		t.Error("the own Profile does not serve the app's own Profile spec")
	}
	if _, ok := cat.Serves("Profile", false); ok {
		t.Error("the own Profile serves the library's Profile spec")
	}
	if _, ok := cat.Serves("Tagging", false); !ok {
		t.Error("the built-in Tagging does not serve its spec")
	}
	if _, ok := cat.Serves("Tagging", true); ok {
		t.Error("the built-in Tagging serves an app's own Tagging spec")
	}
}

type fake struct{}

func (*fake) Concept() *concepts.Concept { return concepts.New("Profile") }

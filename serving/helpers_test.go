package serving

import (
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/library"
)

// builtins is the stock binary's catalog: legible's library.
func builtins(t testing.TB) *concepts.Catalog {
	t.Helper()
	cat, err := library.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

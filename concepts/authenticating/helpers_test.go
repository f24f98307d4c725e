package authenticating

import (
	"os"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) {
	os.Setenv(CostEnv, "min")
	storagetest.Main(m, mongotest.Register, pgtest.Register)
}

// each runs f on a fresh concept on each backend.
func each(t *testing.T, f func(t *testing.T, a *Authenticating, c *concepts.Concept)) {
	storagetest.EachConcept(t, New, f)
}

// call is storagetest.Call under a short name.
var call = storagetest.Call

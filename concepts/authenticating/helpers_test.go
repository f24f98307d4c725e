package authenticating

import (
	"os"
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

func TestMain(m *testing.M) {
	os.Setenv(CostEnv, "min")
	os.Exit(m.Run())
}

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Authenticating, *concepts.Concept) { return storagetest.Setup(t, New) }

// The helpers of storagetest, under short names.
var (
	call  = storagetest.Call
	count = storagetest.Count
)

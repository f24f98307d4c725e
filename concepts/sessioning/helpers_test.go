package sessioning

import (
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Sessioning, *concepts.Concept) { return storagetest.Setup(t, New) }

// call runs an action or query that must not fail; it is storagetest's.
var call = storagetest.Call

package profile

import (
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Profile, *concepts.Concept) { return storagetest.Setup(t, New) }

// The helpers of storagetest, under short names.
var (
	call  = storagetest.Call
	count = storagetest.Count
)

package scenario

import (
	"testing"

	"github.com/legible/legible/storage/storagetest/mongotest"
)

// TestMain runs the built-in concepts' scenarios on MongoDB too.
func TestMain(m *testing.M) { mongotest.Main(m) }

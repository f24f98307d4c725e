package scenario

import (
	"testing"

	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

// TestMain runs the built-in concepts' scenarios on MongoDB and
// PostgreSQL too.
func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

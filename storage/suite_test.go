package storage_test

import (
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

// TestSuite runs the backend conformance suite on every backend.
func TestSuite(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		storagetest.Suite(t, func(t *testing.T) *storage.DB { return storagetest.SQLite(t) })
	})
	t.Run("mongodb", func(t *testing.T) {
		storagetest.Suite(t, func(t *testing.T) *storage.DB { return mongotest.MongoDB(t, mongotest.PoolSize) })
	})
}

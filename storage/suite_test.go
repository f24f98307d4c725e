package storage_test

import (
	"testing"

	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/sqlite"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// TestSuite runs the backend conformance suite on every backend.
func TestSuite(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		storagetest.Suite(t, func(t *testing.T) backend.Backend {
			b, err := sqlite.OpenBackend(t.TempDir(), sqlite.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if err := b.Close(); err != nil {
					t.Error(err)
				}
			})
			return b
		})
	})
	t.Run("mongodb", func(t *testing.T) {
		storagetest.Suite(t, func(t *testing.T) backend.Backend {
			return mongotest.Backend(t, mongotest.DBName(t), mongotest.PoolSize)
		})
	})
	t.Run("postgres", func(t *testing.T) {
		storagetest.Suite(t, func(t *testing.T) backend.Backend {
			return pgtest.Backend(t, pgtest.URL(t))
		})
	})
}

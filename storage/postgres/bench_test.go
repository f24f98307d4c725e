package postgres_test

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/postgres"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

// BenchmarkRoundTrips times a read of one document by id, and a write of
// one, each a transaction of its own: what the round trips of a
// transaction cost; and writes of 32 writers at once, each of a document
// of its own.
func BenchmarkRoundTrips(b *testing.B) {
	ctx := context.Background()
	be := pgtest.Backend(b, pgtest.URL(b))
	coll := backend.Collection{Name: "Bench.docs"}
	if err := be.Setup(ctx, []backend.Collection{coll}); err != nil {
		b.Fatal(err)
	}
	doc := backend.Raw{ID: "a", Data: []byte(`{"n": 1}`)}
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			if err := put(ctx, be, coll.Name, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("write-32", func(b *testing.B) {
		var next atomic.Int64
		b.SetParallelism(16)
		b.RunParallel(func(pb *testing.PB) {
			doc := backend.Raw{ID: strconv.FormatInt(next.Add(1), 10), Data: []byte(`{"n": 1}`)}
			for pb.Next() {
				if err := put(ctx, be, coll.Name, doc); err != nil && !errors.Is(err, backend.ErrConflict) {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			r, err := be.Read(ctx)
			if err == nil {
				_, err = r.Get(ctx, coll.Name, []string{doc.ID})
			}
			if err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
}

// put writes doc in a transaction of its own.
func put(ctx context.Context, be *postgres.Backend, coll string, doc backend.Raw) error {
	w, err := be.Write(ctx)
	if err != nil {
		return err
	}
	defer w.Rollback()
	if err := w.Put(ctx, coll, doc); err != nil {
		return err
	}
	return w.Commit(ctx)
}

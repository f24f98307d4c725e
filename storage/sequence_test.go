package storage_test

import (
	"context"
	"sync"
	"testing"

	"legible/storage"
	"legible/storage/storagetest"
)

func TestNextCountsFromOne(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.counters")
	ctx := context.Background()
	for _, step := range []struct {
		name string
		want int64
	}{{"a", 1}, {"a", 2}, {"b", 1}, {"a", 3}, {"b", 2}} {
		got, err := storage.Next(ctx, coll, step.name)
		if err != nil {
			t.Fatal(err)
		}
		if got != step.want {
			t.Fatalf("Next %s: %d, want %d", step.name, got, step.want)
		}
	}
	if _, err := storage.Next(ctx, coll, ""); err == nil || !contains(err.Error(), "name is empty") {
		t.Fatalf("Next with no name: %v, want an error saying the name is empty", err)
	}
}

func TestNextConcurrently(t *testing.T) {
	const goroutines, calls = 8, 25
	coll := storagetest.Database(t).Collection("Test.counters")
	got := make([][]int64, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for range calls {
				n, err := storage.Next(context.Background(), coll, "s")
				if err != nil {
					t.Error(err)
					return
				}
				got[g] = append(got[g], n)
			}
		})
	}
	wg.Wait()
	seen := map[int64]bool{}
	for _, ns := range got {
		for _, n := range ns {
			if seen[n] || n < 1 || n > goroutines*calls {
				t.Fatalf("Next gave %d twice or out of 1…%d", n, goroutines*calls)
			}
			seen[n] = true
		}
	}
	if len(seen) != goroutines*calls {
		t.Fatalf("%d distinct numbers, want %d", len(seen), goroutines*calls)
	}
}

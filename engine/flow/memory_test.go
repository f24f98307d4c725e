package flow

import (
	"context"
	"runtime"
	"testing"
)

// heap returns the live heap after a full collection.
func heap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryIsReleased runs 100,000 flows to completion: afterwards the live
// heap must be back within 10% of where it was, the bounded trace store
// apart (it is full before the first measurement).
func TestMemoryIsReleased(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 100,000 flows")
	}
	const traceSize = 100 // as benchEngine sets it
	e := benchEngine(t, []string{"create"}, flowSyncs)
	in := map[string]any{"method": "POST", "path": "/items", "name": "x"}
	run := func(n int) {
		for range n {
			if res := e.Run(context.Background(), "Requesting", "request", in); res.Failure != nil {
				t.Fatal(res.Failure)
			}
		}
	}
	run(2 * traceSize) // fill the trace store
	before := heap()
	run(100_000)
	after := heap()
	t.Logf("live heap: %d bytes before, %d after 100,000 flows", before, after)
	if float64(after) > 1.1*float64(before) {
		t.Fatalf("live heap grew from %d to %d bytes: finished flows are kept", before, after)
	}
}

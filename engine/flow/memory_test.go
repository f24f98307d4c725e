package flow

import (
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
	a := benchEngine(t, []string{"create"}, flowSyncs)
	in := map[string]any{"method": "POST", "path": "/items", "name": "x"}
	run := func(n int) {
		for range n {
			if res, answered := a.request(in); res.Failure != nil || !answered {
				t.Fatal(res.Failure, answered)
			}
		}
	}
	run(2 * traceSize) // fill the trace store
	before := heap()
	run(100_000)
	after := heap()
	runtime.KeepAlive(a) // the engine and its concepts stay live throughout
	if a.Traces().Len() != traceSize || a.req.Waiting() != 0 {
		t.Fatalf("trace store holds %d flows (want %d), %d requests still wait", a.Traces().Len(), traceSize, a.req.Waiting())
	}
	t.Logf("live heap: %d bytes before, %d after 100,000 flows", before, after)
	if float64(after) > 1.1*float64(before) {
		t.Fatalf("live heap grew from %d to %d bytes: finished flows are kept", before, after)
	}
}

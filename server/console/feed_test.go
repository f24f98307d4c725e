package console

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/trace"
)

// TestAPageThatDoesNotReadLosesFlowsAndBlocksNothing publishes more
// flows than a subscriber's buffer holds to one that never reads: every
// publish returns at once, the subscriber keeps its buffer's worth and
// counts the rest as dropped, and another subscriber, which reads, gets
// every flow it did not count as dropped.
func TestAPageThatDoesNotReadLosesFlowsAndBlocksNothing(t *testing.T) {
	var f feed
	f.publish("before anyone") // no subscriber: nothing kept
	stuck, reader := f.subscribe(), f.subscribe()
	var read atomic.Int64
	go func() {
		for range reader.flows {
			read.Add(1)
		}
	}()
	start := time.Now()
	for i := range 3 * subscriberBuffer {
		f.publish(fmt.Sprint("flow", i))
	}
	if len(stuck.flows) != subscriberBuffer || stuck.dropped.Load() != 2*subscriberBuffer {
		t.Errorf("the page that does not read holds %d and dropped %d, want %d and %d",
			len(stuck.flows), stuck.dropped.Load(), subscriberBuffer, 2*subscriberBuffer)
	}
	t.Logf("%d flows published in %v", 3*subscriberBuffer, time.Since(start))
	for deadline := time.Now().Add(10 * time.Second); read.Load()+reader.dropped.Load() != 3*subscriberBuffer; {
		if time.Now().After(deadline) {
			t.Fatalf("the page that reads got %d and dropped %d of %d", read.Load(), reader.dropped.Load(), 3*subscriberBuffer)
		}
		time.Sleep(time.Millisecond)
	}
	f.unsubscribe(stuck)
	f.unsubscribe(reader)
	if f.n.Load() != 0 {
		t.Errorf("%d subscribers left", f.n.Load())
	}
}

// TestTheConsoleForgetsOldFlows notes replies and events of more flows
// than the trace store keeps: the oldest are forgotten, so what the
// console keeps is bounded by the store.
func TestTheConsoleForgetsOldFlows(t *testing.T) {
	c := New(Options{Traces: trace.NewStore(4)})
	for i := range 6 {
		id := fmt.Sprint("f", i)
		c.Replied(id, 200+i)
		for range maxEvents + 5 {
			c.Watch(flow.Event{Flow: id, Sync: "S"})
		}
	}
	for i, want := range []int{0, 0, 202, 203, 204, 205} {
		id := fmt.Sprint("f", i)
		if got := c.replies.of(id); got != want {
			t.Errorf("the status of %s: %d, want %d", id, got, want)
		}
		if n := len(c.events.of(id)); (want == 0) != (n == 0) || n > maxEvents {
			t.Errorf("%s has %d events kept", id, n)
		}
	}
	if len(c.replies.byID) != 4 || len(c.events.byID) != 4 {
		t.Errorf("kept %d statuses and %d flows' events, want 4 each", len(c.replies.byID), len(c.events.byID))
	}
}

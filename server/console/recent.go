package console

import "sync"

// recent keeps a value for each of the last n flows, by flow id,
// forgetting the oldest flow's when a new one makes more than n: the
// statuses their requests were answered with, and what their where
// steps dropped. It is safe for concurrent use.
type recent[V any] struct {
	mu   sync.Mutex
	ring []string // flow ids, the oldest at next once full
	next int
	byID map[string]V
}

// newRecent returns a record of the last n flows.
func newRecent[V any](n int) *recent[V] {
	return &recent[V]{ring: make([]string, n), byID: make(map[string]V, n)}
}

// update sets a flow's value to what f makes of the one it has (the
// zero value, for a flow not kept yet).
func (r *recent[V]) update(id string, f func(V) V) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.byID[id]
	if !ok {
		if old := r.ring[r.next]; old != "" {
			delete(r.byID, old)
		}
		r.ring[r.next] = id
		r.next = (r.next + 1) % len(r.ring)
	}
	r.byID[id] = f(v)
}

// of returns a flow's value, or the zero value.
func (r *recent[V]) of(id string) V {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byID[id]
}

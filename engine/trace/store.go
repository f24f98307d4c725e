package trace

import "sync"

// DefaultStoreSize is how many flows a store keeps when NewStore is given
// no positive size.
const DefaultStoreSize = 1000

// Store keeps the last N finished flows in memory, for `legible trace` and
// the trace endpoint. It is safe for concurrent use; Add and Get take
// constant time, and adding a flow beyond the capacity evicts the oldest,
// so memory stays bounded however many flows finish.
//
// Flows are stored as given: mask them before Add, and do not modify a
// flow after adding it or after getting it back.
type Store struct {
	mu    sync.RWMutex
	ring  []*Flow        // the flows, oldest at next once full
	next  int            // the slot the next Add fills
	count int            // how many slots are filled
	slot  map[string]int // flow id -> slot of the newest flow with that id
}

// NewStore returns a store that keeps the last n flows; n <= 0 means
// DefaultStoreSize.
func NewStore(n int) *Store {
	if n <= 0 {
		n = DefaultStoreSize
	}
	return &Store{ring: make([]*Flow, n), slot: make(map[string]int, n)}
}

// Add stores a finished flow, evicting the oldest one when the store is
// full. A flow whose id is already stored hides the earlier one from Get;
// both stay in Recent until evicted. A nil flow is ignored.
func (s *Store) Add(f *Flow) {
	if f == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.ring[s.next]; old != nil {
		if i, ok := s.slot[old.ID]; ok && i == s.next {
			delete(s.slot, old.ID)
		}
	} else {
		s.count++
	}
	s.ring[s.next] = f
	s.slot[f.ID] = s.next
	s.next = (s.next + 1) % len(s.ring)
}

// Get returns the stored flow with the given id.
func (s *Store) Get(id string) (*Flow, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.slot[id]
	if !ok {
		return nil, false
	}
	return s.ring[i], true
}

// Recent returns up to k stored flows, newest first; all of them when k is
// at least Len, none when k <= 0.
func (s *Store) Recent(k int) []*Flow {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k = min(k, s.count)
	if k <= 0 {
		return nil
	}
	out := make([]*Flow, k)
	n := len(s.ring)
	for i := range out {
		out[i] = s.ring[(s.next-1-i+n)%n]
	}
	return out
}

// Len returns how many flows are stored.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.count
}

// Cap returns how many flows the store keeps at most.
func (s *Store) Cap() int { return len(s.ring) }

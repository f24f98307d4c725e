package console

import (
	"sync"
	"sync/atomic"
)

// subscriberBuffer is how many replied flows a page may be behind before
// the next ones are dropped for it (it is told how many, and lists the
// recent flows again).
const subscriberBuffer = 256

// feed tells the open pages, each through a subscriber of its own, of
// the flows that were answered and of reloads. A page that reads too
// slowly loses flows, never blocks a request: with no page open,
// publishing costs one atomic load.
type feed struct {
	mu   sync.Mutex
	subs map[*subscriber]struct{}
	n    atomic.Int32
}

// subscriber is one open page's share of the feed.
type subscriber struct {
	flows   chan string   // the ids of replied flows
	reload  chan struct{} // the app was reloaded
	dropped atomic.Int64  // flows dropped since the page last heard
}

// subscribe adds a subscriber; unsubscribe it when its page goes.
func (f *feed) subscribe() *subscriber {
	s := &subscriber{flows: make(chan string, subscriberBuffer), reload: make(chan struct{}, 1)}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.subs == nil {
		f.subs = map[*subscriber]struct{}{}
	}
	f.subs[s] = struct{}{}
	f.n.Store(int32(len(f.subs)))
	return s
}

// unsubscribe removes a subscriber.
func (f *feed) unsubscribe(s *subscriber) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.subs, s)
	f.n.Store(int32(len(f.subs)))
}

// publish tells every subscriber of a replied flow, dropping it for one
// whose buffer is full.
func (f *feed) publish(id string) {
	if f.n.Load() == 0 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for s := range f.subs {
		select {
		case s.flows <- id:
		default:
			s.dropped.Add(1)
		}
	}
}

// reloaded tells every subscriber that the app was reloaded.
func (f *feed) reloaded() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for s := range f.subs {
		select {
		case s.reload <- struct{}{}:
		default: // it has been told already
		}
	}
}

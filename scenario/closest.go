package scenario

import (
	"sync"

	"github.com/legible/legible/engine/flow"
)

// watched keeps what the flows of one scenario did that their traces do
// not show, by flow.
type watched struct {
	mu     sync.Mutex
	byFlow map[string][]flow.Event
}

// add keeps an event; the engine calls it.
func (w *watched) add(e flow.Event) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byFlow == nil {
		w.byFlow = map[string][]flow.Event{}
	}
	w.byFlow[e.Flow] = append(w.byFlow[e.Flow], e)
}

// of returns the events of a flow.
func (w *watched) of(id string) []flow.Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.byFlow[id]
}

// failing holds the failures the request being sent declares (its
// `fail:`), by action; the engine asks it before each action runs.
type failing struct {
	mu    sync.Mutex
	byKey map[string]string
}

// set declares the failures of the next request; nil clears them.
func (f *failing) set(byKey map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byKey = byKey
}

// of returns the error an action returns instead of running, if declared.
func (f *failing) of(key string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	msg, ok := f.byKey[key]
	return msg, ok
}

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

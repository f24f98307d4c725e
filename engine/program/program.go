// Package program compiles a checked app into the form the runtime
// executes: syncs indexed by the action they wait for and by its literal
// inputs, variables resolved to frame slots, expressions compiled once.
package program

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/requesting"
	"github.com/legible/legible/engine/spec"
)

// Program is a compiled app.
type Program struct {
	Syncs   []*Sync
	watch   map[string]*watchers // "Concept.action" -> the syncs that wait for it
	secrets map[string][]string  // concept -> parameter names masked in traces
	spec    *spec.Spec
	impls   map[string]*concepts.Concept
	req     *requesting.Requesting
}

// Sync is one compiled sync.
type Sync struct {
	ID    int
	Name  string
	Slots []string // variable names, by slot; a frame has one value per slot
	Where []Step
	Then  []*Invoke
}

// Key names an action as "Concept.action".
func Key(concept, action string) string { return concept + "." + action }

// Secrets returns, per concept, the parameter names masked in traces.
func (p *Program) Secrets() map[string][]string { return p.secrets }

// Spec returns the spec the program was compiled from.
func (p *Program) Spec() *spec.Spec { return p.spec }

// Handler returns the handler of concept.action, for a flow that starts
// with it.
func (p *Program) Handler(concept, action string) (concepts.Handler, bool) {
	return handler(p.impls, concept, action)
}

// handler finds concept.action among impls.
func handler(impls map[string]*concepts.Concept, concept, action string) (concepts.Handler, bool) {
	c, ok := impls[concept]
	if !ok {
		return concepts.Handler{}, false
	}
	return c.Handler(action)
}

// Requesting returns the program's Requesting: the requests its flows
// answer wait there for their replies.
func (p *Program) Requesting() *requesting.Requesting { return p.req }

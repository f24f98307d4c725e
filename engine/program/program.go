// Package program compiles a checked app into the form the runtime
// executes: syncs indexed by the action they wait for and by its literal
// inputs, variables resolved to frame slots, expressions compiled once.
package program

import (
	"github.com/legible/legible/engine/spec"
)

// Program is a compiled app.
type Program struct {
	Syncs   []*Sync
	watch   map[string]*watchers // "Concept.action" -> the syncs that wait for it
	secrets map[string][]string  // concept -> parameter names masked in traces
	spec    *spec.Spec
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

package lsp

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// documentSymbol lists what a file defines: its syncs, its concept with
// its actions, queries and scenarios, or its scenarios.
func documentSymbol(_ *Server, pl place) (any, error) {
	out := []DocumentSymbol{}
	for _, sym := range pl.snap.symbols(pl.file) {
		out = append(out, sym.document(pl.text))
	}
	return out, nil
}

// symbol is a named part of a file.
type symbol struct {
	name, detail string
	kind         int
	at           diag.Span // its name
	children     []symbol
}

// document turns a symbol into the protocol's, its range running to the
// end of its block.
func (sym symbol) document(t *text) DocumentSymbol {
	end := blockEnd(t, sym.at.Line)
	d := DocumentSymbol{
		Name: sym.name, Detail: sym.detail, Kind: sym.kind,
		Range:          Range{Start: Position{Line: sym.at.Line - 1}, End: t.position(end, len([]rune(string(t.line(end-1))))+1)},
		SelectionRange: t.span(sym.at),
	}
	for _, c := range sym.children {
		d.Children = append(d.Children, c.document(t))
	}
	return d
}

// symbols returns the symbols of a file of the snapshot.
func (sn *snapshot) symbols(file string) []symbol {
	sp := sn.app.Spec
	var out []symbol
	for _, s := range sp.Syncs {
		if s.File == file {
			out = append(out, symbol{name: s.Name.Name, detail: "sync", kind: symbolEvent, at: s.Name.Span})
		}
	}
	for _, k := range sp.Concepts {
		if k.File == file {
			out = append(out, conceptSymbol(k))
		}
	}
	for _, sc := range sp.Scenarios {
		if sc.File == file {
			out = append(out, scenarioSymbol(sc))
		}
	}
	return out
}

// conceptSymbol is a concept with its actions, queries and scenarios.
func conceptSymbol(k *spec.Concept) symbol {
	sym := symbol{name: k.Name.Name, detail: "concept", kind: symbolClass, at: k.Name.Span}
	for _, a := range k.Members() {
		kind := symbolMethod
		if a.Query {
			kind = symbolFunction
		}
		sym.children = append(sym.children, symbol{name: a.Name.Name, detail: memberDetail(a), kind: kind, at: a.Name.Span})
	}
	for _, sc := range k.Scenarios {
		sym.children = append(sym.children, scenarioSymbol(sc))
	}
	return sym
}

// memberDetail is the detail of an action's symbol: its kind and inputs.
func memberDetail(a *spec.Action) string { return kind(a) + " " + params(a.In, a.Open) }

// scenarioSymbol is a scenario.
func scenarioSymbol(sc *spec.Scenario) symbol {
	return symbol{name: sc.Name.Name, detail: "scenario", kind: symbolModule, at: sc.Name.Span}
}

// workspaceSymbol finds the syncs, actions, queries and scenarios of the
// apps the server checked whose names hold the query's letters in order.
func (s *Server) workspaceSymbol(ctx context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[WorkspaceSymbolParams](raw)
	if err != nil {
		return nil, err
	}
	out := []SymbolInformation{}
	for _, snap := range s.snapshots(ctx) {
		for name := range snap.diags {
			for _, sym := range snap.symbols(name) {
				out = append(out, sym.found(snap, p.Query, "")...)
			}
		}
	}
	return out, nil
}

// found returns the symbol and its children that match the query.
func (sym symbol) found(snap *snapshot, query, container string) []SymbolInformation {
	var out []SymbolInformation
	if t := snap.text(sym.at.File); t != nil && matches(sym.name, query) {
		out = append(out, SymbolInformation{Name: sym.name, Kind: sym.kind, ContainerName: container,
			Location: Location{URI: uriOf(sym.at.File), Range: t.span(sym.at)}})
	}
	for _, c := range sym.children {
		out = append(out, c.found(snap, query, sym.name)...)
	}
	return out
}

// matches reports whether name holds the letters of query in order,
// ignoring case.
func matches(name, query string) bool {
	name = strings.ToLower(name)
	for _, r := range strings.ToLower(query) {
		i := strings.IndexRune(name, r)
		if i < 0 {
			return false
		}
		name = name[i+1:]
	}
	return true
}

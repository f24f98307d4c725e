package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"

	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/scenario"
)

// lensKey names a scenario: its file, and its name as `legible test
// --run` sees it ("Concept: name" for a concept's own).
type lensKey struct{ file, name string }

// codeLens puts over each scenario of a file a lens that runs it, showing
// how it went when it last ran.
func codeLens(s *Server, pl place) (any, error) {
	out := []CodeLens{}
	for _, sc := range pl.snap.scenarios(pl.file) {
		s.mu.Lock()
		title, ran := s.lenses[lensKey{pl.file, sc.name}]
		s.mu.Unlock()
		if !ran {
			title = "▶ run"
		}
		uri, _ := json.Marshal(uriOf(pl.file))
		name, _ := json.Marshal(sc.name)
		out = append(out, CodeLens{Range: pl.text.span(sc.s.Name.Span),
			Command: &Command{Title: title, Command: commandRun, Arguments: []json.RawMessage{uri, name}}})
	}
	return out, nil
}

// namedScenario is a scenario and its name as `legible test --run` sees it.
type namedScenario struct {
	s    *spec.Scenario
	name string
}

// scenarios returns the scenarios written in a file: a test file's, or
// those of the app's own concept specified in it.
func (sn *snapshot) scenarios(file string) []namedScenario {
	var out []namedScenario
	for _, k := range sn.app.Spec.Concepts {
		if k.File == file && !k.Builtin && !k.Library {
			for _, sc := range k.Scenarios {
				out = append(out, namedScenario{sc, k.Name.Name + ": " + sc.Name.Name})
			}
		}
	}
	for _, sc := range sn.app.Spec.Scenarios {
		if sc.File == file {
			out = append(out, namedScenario{sc, sc.Name.Name})
		}
	}
	return out
}

// RunResult is what running a scenario from its lens answers.
type RunResult struct {
	Passed  bool   `json:"passed"`
	Message string `json:"message"`
}

// executeCommand runs a scenario, as its code lens asks: its arguments
// are the document's URI and the scenario's name. The lens then shows
// how it went, and so does a message.
func (s *Server) executeCommand(ctx context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[ExecuteCommandParams](raw)
	if err != nil {
		return nil, err
	}
	var uri, name string
	if p.Command != commandRun || len(p.Arguments) != 2 ||
		json.Unmarshal(p.Arguments[0], &uri) != nil || json.Unmarshal(p.Arguments[1], &name) != nil {
		return nil, fmt.Errorf("%s: legible lsp runs %s with a document's URI and a scenario's name", p.Command, commandRun)
	}
	path, err := pathOf(uri)
	if err != nil {
		return nil, err
	}
	snap, err := s.appOf(path).current(ctx, s)
	if err != nil {
		return nil, err
	}
	res := run(ctx, snap, path, name)
	s.mu.Lock()
	s.lenses[lensKey{path, name}] = res.title()
	refresh := s.lensUpdate
	s.mu.Unlock()
	if refresh {
		_ = s.call(ctx, "workspace/codeLens/refresh", nil, nil)
	}
	typ := 3
	if !res.Passed {
		typ = 1
	}
	_ = s.notify(ctx, "window/showMessage", ShowMessageParams{Type: typ, Message: name + ": " + res.Message})
	return res, nil
}

// run runs one scenario of a file of the snapshot's app.
func run(ctx context.Context, snap *snapshot, file, name string) RunResult {
	rep, err := scenario.Run(ctx, snap.app, scenario.Options{Run: regexp.MustCompile("^" + regexp.QuoteMeta(name) + "$"), File: file})
	if err == nil && len(rep.Results) == 0 {
		err = errors.New("no scenario of that name in this file: check its name")
	}
	if err != nil {
		return RunResult{Message: "cannot run: " + err.Error()}
	}
	r := rep.Results[0]
	if f := r.Failure; f != nil {
		msg := fmt.Sprintf("failed at line %d: %s", f.At.Line, f.Message)
		if len(f.Details) > 0 {
			msg += " (" + f.Details[0] + ")"
		}
		return RunResult{Message: msg}
	}
	return RunResult{Passed: true, Message: fmt.Sprintf("passed (%d steps, %d ms)", r.Steps, r.Elapsed.Milliseconds())}
}

// title is what the lens of a scenario that ran shows.
func (r RunResult) title() string {
	mark := "✗"
	if r.Passed {
		mark = "✓"
	}
	msg := firstLine(r.Message)
	if len([]rune(msg)) > 80 {
		msg = string([]rune(msg)[:79]) + "…"
	}
	return mark + " " + msg + " · run again"
}

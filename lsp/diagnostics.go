package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
)

// published is what the client was last sent of a file's diagnostics.
type published struct {
	root    string // the app it was checked in
	version int    // of the document checked, or -1 for a file from disk
	diags   []byte // the diagnostics, as JSON
}

// publish sends the client the diagnostics of every file of the
// snapshot's app whose diagnostics, or whose document's version, changed
// since they were last sent, and empty lists for the files the app lost.
// The diagnostics of the library's specs, which only a broken build has,
// are left out.
func (s *Server) publish(snap *snapshot) {
	var out []PublishDiagnosticsParams
	s.mu.Lock()
	for name, list := range snap.diags {
		if strings.HasPrefix(name, load.LibraryPrefix) || s.inCache(name) {
			continue
		}
		p := PublishDiagnosticsParams{URI: uriOf(name), Diagnostics: snap.protocol(name, list)}
		version, open := snap.versions[name]
		if open {
			p.Version = &version
		} else {
			version = -1
		}
		body, _ := json.Marshal(p.Diagnostics)
		if last, ok := s.published[name]; ok && last.version == version && bytes.Equal(last.diags, body) {
			continue
		}
		s.published[name] = published{root: snap.root, version: version, diags: body}
		out = append(out, p)
	}
	for name, last := range s.published {
		if _, ok := snap.diags[name]; !ok && last.root == snap.root {
			delete(s.published, name)
			out = append(out, PublishDiagnosticsParams{URI: uriOf(name), Diagnostics: []Diagnostic{}})
		}
	}
	s.mu.Unlock()
	for _, p := range out {
		_ = s.notify(context.Background(), "textDocument/publishDiagnostics", p)
	}
}

// protocol turns a file's diagnostics into the protocol's: the rule is
// the code, and the hint follows the message, as lint prints it.
func (sn *snapshot) protocol(name string, list diag.List) []Diagnostic {
	t := sn.text(name)
	out := make([]Diagnostic, 0, len(list))
	for _, d := range list {
		out = append(out, Diagnostic{
			Range:    t.span(d.Span),
			Severity: severity(d.Severity),
			Code:     d.Rule,
			Source:   "legible",
			Message:  message(d),
		})
	}
	return out
}

// message is a diagnostic's message with its hint, if any.
func message(d diag.Diagnostic) string {
	if d.Hint == "" {
		return d.Message
	}
	return d.Message + "\nhint: " + d.Hint
}

// severity turns a severity into the protocol's.
func severity(sev diag.Severity) int {
	switch sev {
	case diag.Error:
		return 1
	case diag.Warning:
		return 2
	}
	return 3
}

package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/legible/legible/engine/load"
)

// document is an open document: the editor's text, saved or not.
type document struct {
	version int
	data    []byte
}

// didOpen keeps an opened spec file's text and checks its app.
func (s *Server) didOpen(_ context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[DidOpenTextDocumentParams](raw)
	if err != nil {
		return nil, err
	}
	return nil, s.setText(p.TextDocument.URI, p.TextDocument.Version, p.TextDocument.Text)
}

// didChange keeps a document's new text and checks its app again.
func (s *Server) didChange(_ context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[DidChangeTextDocumentParams](raw)
	if err != nil {
		return nil, err
	}
	if len(p.ContentChanges) == 0 {
		return nil, nil
	}
	return nil, s.setText(p.TextDocument.URI, p.TextDocument.Version, p.ContentChanges[len(p.ContentChanges)-1].Text)
}

// setText sets the text of a spec file and asks for its app's check.
// Other files are left alone.
func (s *Server) setText(uri string, version int, data string) error {
	path, err := pathOf(uri)
	if err != nil {
		return err
	}
	if load.KindOf(path) == load.NotSpec || s.inCache(path) {
		return nil
	}
	s.mu.Lock()
	s.docs[path] = &document{version: version, data: []byte(data)}
	s.mu.Unlock()
	s.appOf(path).ask(s)
	return nil
}

// didClose forgets a document's unsaved text: its app is checked from
// the file again.
func (s *Server) didClose(_ context.Context, raw json.RawMessage) (any, error) {
	return nil, s.reread(raw, true)
}

// didSave checks a saved document's app again.
func (s *Server) didSave(_ context.Context, raw json.RawMessage) (any, error) {
	return nil, s.reread(raw, false)
}

// reread checks the app of the document again, forgetting its text when
// it was closed.
func (s *Server) reread(raw json.RawMessage, closed bool) error {
	p, err := decode[DidCloseTextDocumentParams](raw)
	if err != nil {
		return err
	}
	path, err := pathOf(p.TextDocument.URI)
	if err != nil || load.KindOf(path) == load.NotSpec || s.inCache(path) {
		return err
	}
	if closed {
		s.mu.Lock()
		delete(s.docs, path)
		s.mu.Unlock()
	}
	s.appOf(path).ask(s)
	return nil
}

// didChangeWatchedFiles checks again the apps of spec files changed on
// disk: created, deleted, or written by another program.
func (s *Server) didChangeWatchedFiles(_ context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[DidChangeWatchedFilesParams](raw)
	if err != nil {
		return nil, err
	}
	asked := map[*appState]bool{}
	for _, c := range p.Changes {
		path, err := pathOf(c.URI)
		if err != nil || load.KindOf(path) == load.NotSpec {
			continue
		}
		if a := s.appOf(path); !asked[a] {
			asked[a] = true
			a.ask(s)
		}
	}
	return nil, nil
}

// inCache reports whether path is one of the read-only specs the server
// wrote for the editor to open.
func (s *Server) inCache(path string) bool {
	return strings.HasPrefix(path, s.opts.Cache+string(filepath.Separator))
}

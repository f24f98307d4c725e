package lsp

import (
	"context"
	"encoding/json"
)

// commandRun is the command of the code lens that runs a scenario.
const commandRun = "legible.runScenario"

// initialize answers what the server can do, and notes what the client
// can.
func (s *Server) initialize(_ context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[InitializeParams](raw)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.lensUpdate = p.Capabilities.Workspace.CodeLens.RefreshSupport
	for _, f := range p.WorkspaceFolders {
		if dir, err := pathOf(f.URI); err == nil {
			s.roots = append(s.roots, dir)
		}
	}
	if dir, err := pathOf(p.RootURI); err == nil && len(s.roots) == 0 && p.RootURI != "" {
		s.roots = append(s.roots, dir)
	}
	s.mu.Unlock()
	return InitializeResult{
		ServerInfo: ServerInfo{Name: "legible", Version: s.opts.Version},
		Capabilities: ServerCapabilities{
			TextDocumentSync:        TextDocumentSyncOptions{OpenClose: true, Change: 1, Save: true},
			HoverProvider:           true,
			DefinitionProvider:      true,
			ReferencesProvider:      true,
			CompletionProvider:      CompletionOptions{TriggerCharacters: []string{".", "{", " ", ",", "\"", "/"}},
			CodeActionProvider:      CodeActionOptions{CodeActionKinds: []string{"quickfix"}},
			DocumentSymbolProvider:  true,
			WorkspaceSymbolProvider: true,
			ExecuteCommandProvider:  ExecuteCommandOptions{Commands: []string{commandRun}},
		},
	}, nil
}

// shutdownRequest readies the server to exit.
func (s *Server) shutdownRequest(context.Context, json.RawMessage) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutdown = true
	return nil, nil
}

// exit stops the server: Serve returns.
func (s *Server) exit(context.Context, json.RawMessage) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.stopped:
	default:
		close(s.stopped)
	}
	return nil, nil
}

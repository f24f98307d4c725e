package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/legible/legible/pipeline"
)

// Options configure a server.
type Options struct {
	// Debounce is the least time between the starts of two checks of one
	// app while edits come in; 50 ms when zero. The first edit after a
	// pause is checked at once; the edits made while a check runs are
	// checked together after it.
	Debounce time.Duration
	// Cache is the folder the specs of the built-in concepts are written
	// to, read-only, for the editor to open; legible/ in the user's cache
	// folder when empty.
	Cache string
	// Version is the version the server reports.
	Version string
}

// Server is a language server for the apps of one binary's environment:
// it keeps the open documents' unsaved text, checks each app they belong
// to as `legible lint` would, and answers the editor from the last
// check.
type Server struct {
	env  *pipeline.Env
	opts Options
	// notify sends a notification to the client; call sends a request
	// and waits for its answer.
	notify func(ctx context.Context, method string, params any) error
	call   func(ctx context.Context, method string, params, result any) error

	mu         sync.Mutex
	docs       map[string]*document // open documents, by path
	apps       map[string]*appState // by root
	published  map[string]published // what the client was last sent, by path
	lenses     map[lensKey]string   // the last result of running each scenario
	lensUpdate bool                 // the client can be asked to refresh code lenses
	roots      []string             // the workspace's folders
	shutdown   bool
	stopped    chan struct{} // closed by exit
}

// New returns a server for the apps env checks. It talks to no client
// until Serve connects it to one.
func New(env *pipeline.Env, opts Options) *Server {
	if opts.Debounce == 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	if opts.Cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		opts.Cache = filepath.Join(dir, "legible")
	}
	return &Server{
		env: env, opts: opts,
		notify:    func(context.Context, string, any) error { return nil },
		call:      func(context.Context, string, any, any) error { return nil },
		docs:      map[string]*document{},
		apps:      map[string]*appState{},
		published: map[string]published{},
		lenses:    map[lensKey]string{},
		stopped:   make(chan struct{}),
	}
}

// handler answers one request or notification.
type handler func(s *Server, ctx context.Context, params json.RawMessage) (any, error)

// handlers are the methods the server answers, by name.
var handlers = map[string]handler{
	"initialize":                      (*Server).initialize,
	"initialized":                     ignore,
	"shutdown":                        (*Server).shutdownRequest,
	"exit":                            (*Server).exit,
	"$/setTrace":                      ignore,
	"$/cancelRequest":                 ignore,
	"textDocument/didOpen":            (*Server).didOpen,
	"textDocument/didChange":          (*Server).didChange,
	"textDocument/didClose":           (*Server).didClose,
	"textDocument/didSave":            (*Server).didSave,
	"workspace/didChangeWatchedFiles": (*Server).didChangeWatchedFiles,
	"textDocument/hover":              atPosition(hover),
	"textDocument/definition":         atPosition(definition),
	"textDocument/references":         (*Server).references,
	"textDocument/completion":         atPosition(completion),
	"textDocument/codeAction":         (*Server).codeAction,
	"textDocument/documentSymbol":     atPosition(documentSymbol),
	"workspace/symbol":                (*Server).workspaceSymbol,
	"textDocument/codeLens":           atPosition(codeLens),
	"workspace/executeCommand":        (*Server).executeCommand,
}

// errUnknownMethod is the JSON-RPC code of a method the server lacks.
const errUnknownMethod = -32601

// methodError is an error with a JSON-RPC code.
type methodError struct {
	code int
	msg  string
}

func (e *methodError) Error() string { return e.msg }

// handle answers method with params.
func (s *Server) handle(ctx context.Context, method string, params json.RawMessage) (any, error) {
	h, ok := handlers[method]
	if !ok {
		return nil, &methodError{code: errUnknownMethod, msg: fmt.Sprintf("legible lsp does not answer %s", method)}
	}
	return h(s, ctx, params)
}

// atPosition makes the handler of a request about a position in a
// document (hover, definition, completion), or about a whole document
// (symbols, lenses: at its start), from what answers it at that place:
// a document that is no file of an app gets null.
func atPosition(answer func(s *Server, pl place) (any, error)) handler {
	return func(s *Server, ctx context.Context, raw json.RawMessage) (any, error) {
		p, err := decode[TextDocumentPositionParams](raw)
		if err != nil {
			return nil, err
		}
		pl, err := s.placeOf(ctx, *p)
		if err != nil || pl.text == nil {
			return nil, err
		}
		return answer(s, pl)
	}
}

func ignore(*Server, context.Context, json.RawMessage) (any, error) { return nil, nil }

// decode reads a request's params into v, with an error that names the
// method's shape when they do not fit.
func decode[T any](params json.RawMessage) (*T, error) {
	v := new(T)
	if len(params) == 0 {
		return v, nil
	}
	if err := json.Unmarshal(params, v); err != nil {
		return nil, fmt.Errorf("reading the request's params: %w", err)
	}
	return v, nil
}

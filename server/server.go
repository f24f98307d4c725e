// Package server is the HTTP front of legible: it turns requests into
// Requesting.request actions, runs their flows, and answers each request
// with what Requesting.respond gave, as JSON.
package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/concepts/requesting"
	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/server/console"
)

// Options configure a Server.
type Options struct {
	// Dev opens the flows endpoint to everyone and adds the flow's trace
	// to timeout replies.
	Dev bool
	// AdminToken, when set, opens the flows endpoint to requests that send
	// `Authorization: Bearer TOKEN` outside development mode.
	AdminToken string
	Logger     *slog.Logger
	// Ready reports whether the database answers, for GET /readyz.
	Ready func(context.Context) error
	// Limits bound the connections clients may hold.
	Limits Limits
	// Console, when set, is served at /_legible/ to those who may read
	// traces (Dev, or the admin token), and hears of every reply. Without
	// it, /_legible/ answers 401.
	Console *console.Console
}

// Server serves one app.
type Server struct {
	app       *spec.App
	engine    *flow.Engine
	req       *requesting.Requesting
	opts      Options
	log       *slog.Logger
	timeout   time.Duration
	bodyLimit int64
	echo      *echo.Echo
	secrets   map[string]bool // the app's secret input names (secretNames)
	inflight  *sync.WaitGroup // flows still running, some after their reply: the Front's
}

// New returns a server for the app whose flows engine runs: its routes,
// and the Requesting its requests wait in for their replies, are the
// engine's program's.
func New(engine *flow.Engine, opts Options) *Server {
	sp := engine.Program().Spec()
	app := sp.App
	if app == nil {
		app = &spec.App{}
	}
	s := &Server{app: app, engine: engine, req: engine.Program().Requesting(), opts: opts, log: opts.Logger,
		timeout: app.RequestTimeout(), bodyLimit: app.RequestBodyLimit(), inflight: &sync.WaitGroup{}, secrets: secretNames(sp)}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.echo = s.routes(sp)
	return s
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully, as a Front of s alone does.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	return NewFront(s).Serve(ctx, ln)
}

package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Front answers HTTP requests with the current Server of an app, which
// Replace swaps between requests: a request, and the flow it starts, end
// on the server they began on, and the next request goes to the new one.
// That is how `legible serve --dev` reloads an app's specs without a
// restart and without dropping a request.
type Front struct {
	cur   atomic.Pointer[Server]
	flows sync.WaitGroup // the flows of every server the front has had
}

// NewFront returns a front whose current server is s, which must not
// serve requests yet (through another front, or its own Serve).
func NewFront(s *Server) *Front {
	f := &Front{}
	f.Replace(s)
	return f
}

// Replace makes s, which must not serve requests yet, the server of the
// requests that come next.
func (f *Front) Replace(s *Server) {
	s.inflight = &f.flows
	f.cur.Store(s)
}

// Current returns the server of the requests that come now.
func (f *Front) Current() *Server { return f.cur.Load() }

// ServeHTTP answers a request with the current server.
func (f *Front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.cur.Load().echo.ServeHTTP(w, r)
}

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: it stops accepting, lets requests and the flows they started
// finish, for at most the current app's request timeout, and returns. The
// current server's Limits, and its app's timeout for reading a whole
// request, apply to every connection.
func (f *Front) Serve(ctx context.Context, ln net.Listener) error {
	cur := f.Current()
	lim := cur.opts.Limits.withDefaults()
	capped := newCapListener(ln, lim.MaxConns)
	hs := &http.Server{
		Handler:           f,
		ReadHeaderTimeout: min(10*time.Second, cur.timeout),
		ReadTimeout:       cur.timeout,
		IdleTimeout:       lim.IdleTimeout,
		MaxHeaderBytes:    lim.MaxHeaderBytes,
		ConnState:         capped.track,
	}
	hs.RegisterOnShutdown(f.endStreams)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(capped) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), f.Current().timeout)
	defer cancel()
	time.AfterFunc(freshGrace, capped.closeFresh)
	err := hs.Shutdown(shutdown)
	if werr := f.waitFlows(shutdown); err == nil {
		err = werr
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// endStreams ends the console's live streams, which would otherwise keep
// their connections busy through a shutdown.
func (f *Front) endStreams() {
	if c := f.Current().opts.Console; c != nil {
		c.Shutdown()
	}
}

// waitFlows waits for the running flows, or until ctx is done.
func (f *Front) waitFlows(ctx context.Context) error {
	done := make(chan struct{})
	go func() { f.flows.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return errors.New("flows still running at the end of the shutdown timeout")
	}
}

package lsp

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/sourcegraph/jsonrpc2"
)

// Serve answers the client at the other end of rwc, a stream of
// JSON-RPC messages framed by Content-Length headers (stdio, for
// `legible lsp`), until the client sends exit or closes the stream. It
// returns an error when the client exits without asking for a shutdown
// first, as the protocol says the process should then fail.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	// The connection reads, and so may answer, as soon as it is made:
	// what sends to the client waits until it is there.
	var conn *jsonrpc2.Conn
	made := make(chan struct{})
	s.notify = func(ctx context.Context, method string, params any) error {
		<-made
		return conn.Notify(ctx, method, params)
	}
	s.call = func(ctx context.Context, method string, params, result any) error {
		<-made
		return conn.Call(ctx, method, params, result)
	}
	conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{}), connHandler{s})
	close(made)
	select {
	case <-conn.DisconnectNotify():
	case <-s.stopped:
		_ = conn.Close()
	case <-ctx.Done():
		_ = conn.Close()
		return ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.shutdown {
		return errors.New("the client left without asking for a shutdown")
	}
	return nil
}

// connHandler runs the server's handlers for a connection: in the order
// messages arrive, so that a request sees every change sent before it,
// except the commands, which run scenarios and may take seconds: those
// run on their own.
type connHandler struct{ s *Server }

// Handle answers one message.
func (h connHandler) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	if req.Method == "workspace/executeCommand" {
		go h.answer(ctx, conn, req)
		return
	}
	h.answer(ctx, conn, req)
}

// answer runs the handler of req and replies to it, unless it is a
// notification; a notification's failure is shown to the user, but
// for one the server does not know, which it may leave unanswered.
func (h connHandler) answer(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	var params []byte
	if req.Params != nil {
		params = *req.Params
	}
	result, err := h.s.handle(ctx, req.Method, params)
	var me *methodError
	if req.Notif {
		if err != nil && !errors.As(err, &me) {
			_ = conn.Notify(ctx, "window/showMessage", ShowMessageParams{Type: 1, Message: fmt.Sprintf("legible: %s: %v", req.Method, err)})
		}
		return
	}
	if err != nil {
		code := int64(jsonrpc2.CodeInternalError)
		if errors.As(err, &me) {
			code = int64(me.code)
		}
		_ = conn.ReplyWithError(ctx, req.ID, &jsonrpc2.Error{Code: code, Message: err.Error()})
		return
	}
	_ = conn.Reply(ctx, req.ID, result)
}

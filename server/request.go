package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/storage"
)

// grace is how long a timed-out request waits for its cancelled flow to
// stop, so the reply can carry the flow's trace.
const grace = 200 * time.Millisecond

// request returns the handler of one sync route: the request becomes a
// Requesting.request action, and the reply is what Requesting.respond
// gave, sent once the flow has ended and committed.
func (s *Server) request(rt *spec.Route) echo.HandlerFunc {
	return func(c echo.Context) error {
		deadline := time.Now().Add(s.timeout) // the timeout counts from arrival
		in, status, msg := s.inputs(c, rt)
		if status != 0 {
			return s.refuse(c, status, msg)
		}
		id := flow.NewID()
		c.Response().Header().Set(flowHeader, id)
		ctx := s.req.Expect(context.Background(), id)
		defer s.req.Forget(id)
		// A flow that did not answer its request rolls back: its client
		// gets a 504 and cannot know what it did.
		gate := &flow.Gate{Accept: func() bool { return s.req.Answered(id) }}
		done := s.start(ctx, deadline, id, gate, "Requesting", "request", in)
		return s.await(c, id, gate, done, deadline, func(res flow.Result) error { return s.answer(c, rt, id, res) })
	}
}

// start runs a flow in its own goroutine, until it ends or the deadline
// passes. A panic in it becomes a failure. It returns the channel its
// result comes on.
func (s *Server) start(ctx context.Context, deadline time.Time, id string, gate *flow.Gate, concept, action string, in map[string]any) <-chan flow.Result {
	ctx, cancel := context.WithDeadline(ctx, deadline)
	done := make(chan flow.Result, 1)
	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic in flow", "flow", id, "panic", fmt.Sprint(p))
				done <- flow.Result{FlowID: id, Failure: fmt.Errorf("panic: %v", p)}
			}
		}()
		done <- s.engine.RunFlow(ctx, id, gate, concept, action, in)
	}()
	return done
}

// await answers with what the flow gave, through answer, or with a
// timeout at the deadline. At the deadline, the gate decides: a flow that
// is committing, or has, gets its answer; any other rolls back, and its
// client gets the 504.
func (s *Server) await(c echo.Context, id string, gate *flow.Gate, done <-chan flow.Result, deadline time.Time, answer func(flow.Result) error) error {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case res := <-done:
		return s.ended(c, id, res, answer)
	case <-timer.C:
	}
	if !gate.Close() {
		return s.ended(c, id, <-done, answer)
	}
	select { // the flow sees the deadline at its next step; its trace goes with the 504
	case res := <-done:
		if errors.Is(res.Failure, storage.ErrUnknownOutcome) { // it could not undo what it wrote
			return s.failed(c, id, res.Failure)
		}
	case <-time.After(grace):
	}
	return s.timedOut(c, id, fmt.Sprintf("no sync answered this request within %s", s.timeout))
}

// ended answers a request whose flow has ended: through answer, unless it
// ran out of time.
func (s *Server) ended(c echo.Context, id string, res flow.Result, answer func(flow.Result) error) error {
	if res.Failure != nil && errors.Is(res.Failure, context.DeadlineExceeded) && !errors.Is(res.Failure, storage.ErrUnknownOutcome) {
		return s.timedOut(c, id, fmt.Sprintf("the flow did not end within %s; nothing it did was kept", s.timeout))
	}
	return answer(res)
}

// answer answers a request whose flow has ended: with its reply, its
// failure, or why there is none.
func (s *Server) answer(c echo.Context, rt *spec.Route, id string, res flow.Result) error {
	r, answered := s.req.Reply(id)
	switch {
	case res.Failure == nil && answered:
		return writeReply(c, r.Status, r.Body)
	case res.Failure != nil:
		return s.failed(c, id, res.Failure)
	case res.Matches == 0:
		return writeError(c, http.StatusBadRequest, unmatched(c.Request().Method, rt), id)
	}
	return s.timedOut(c, id, "no sync answered this request: its flow ended without Requesting.respond")
}

// failed answers 500 for a flow that failed, which changed nothing, and
// 502 (unknownOutcome) for one whose writes may have been kept: its
// commit's outcome is unknown, or, without transactions, some of its
// writes could not be undone. The failure goes to the log and the trace,
// never to the client.
func (s *Server) failed(c echo.Context, id string, failure error) error {
	if errors.Is(failure, storage.ErrUnknownOutcome) {
		s.log.Error("flow's outcome unknown", "flow", id, "failure", failure.Error())
		return writeError(c, http.StatusBadGateway, unknownOutcome, id)
	}
	s.log.Error("flow failed", "flow", id, "failure", failure.Error())
	return writeError(c, http.StatusInternalServerError, "internal error: the flow failed; its trace names where", id)
}

// unknownOutcome is the message of a 502: the database did not confirm
// what became of the request's writes.
const unknownOutcome = "the database did not confirm whether this request's writes were kept: they may or may not have been; " +
	"check (read what the request would have changed) before sending it again"

// timedOut answers 504, with the flow's trace in development mode.
func (s *Server) timedOut(c echo.Context, id, msg string) error {
	s.log.Warn("request not answered", "flow", id, "path", c.Path())
	if !s.opts.Dev {
		return writeError(c, http.StatusGatewayTimeout, msg, id)
	}
	return writeErrorTrace(c, http.StatusGatewayTimeout, msg, id, s.traceJSON(id))
}

// inputs gathers a request's inputs: the JSON body's top-level fields, the
// query parameters (each, and all of them as the object `query`), the path
// parameters, the auth header value, then the method and the route
// template, each later source winning a name clash. Every input the
// route's syncs name is present, nil when the request lacks it, so that a
// sync matches a request with a missing field and the app answers it (its
// concepts' error outcomes say what is missing) instead of no sync at all.
// Path parameters arrive decoded, an encoded "/" inside one staying in
// it. A bad body, a secret in the query string, or a path parameter
// holding a "/" that was not encoded gives a status and a message instead.
func (s *Server) inputs(c echo.Context, rt *spec.Route) (map[string]any, int, string) {
	q := c.QueryParams()
	if k := s.secretInQuery(q); k != "" {
		return nil, http.StatusBadRequest, fmt.Sprintf("`%s` is secret: send it %s, not in the URL, which logs and proxies keep", k, s.secretHome(k))
	}
	in, status, msg := s.body(c)
	if status != 0 {
		return nil, status, msg
	}
	query := map[string]any{} // always an input, for optional parameters
	for k, vs := range q {
		if len(vs) > 0 {
			in[k], query[k] = vs[0], vs[0]
		}
	}
	in["query"] = query
	if status, msg := pathParams(c, in); status != 0 {
		return nil, status, msg
	}
	if a := s.app.Auth; a != nil { // from the header only: a body field of that name is overwritten
		in[a.As.Name] = nil
		if v := authValue(c.Request().Header.Get(a.Header), a.Scheme); v != "" {
			in[a.As.Name] = v
		}
	}
	in["method"], in["path"] = c.Request().Method, rt.Path
	for _, name := range rt.Inputs {
		if _, ok := in[name]; !ok {
			in[name] = nil
		}
	}
	return in, 0, ""
}

// pathParams adds the route's path parameters to in, decoded. echo
// matches an encoded path on its raw form, so that an encoded "/" stays
// inside its parameter, and then leaves the parameters encoded. echo also
// lets a route's last parameter take the rest of a longer path; a
// parameter holding a "/" that was not encoded is a 404, as a path that
// no route has.
func pathParams(c echo.Context, in map[string]any) (int, string) {
	raw := c.Request().URL.RawPath != ""
	for i, name := range c.ParamNames() {
		v := c.ParamValues()[i]
		if strings.Contains(v, "/") {
			return http.StatusNotFound, "not found"
		}
		if raw { // net/http refuses bad escapes, so a RawPath always decodes
			if d, err := url.PathUnescape(v); err == nil {
				v = d
			}
		}
		in[name] = v
	}
	return 0, ""
}

// authValue strips the scheme ("Token abc" → "abc"); a value with another
// scheme is not taken.
func authValue(header, scheme string) string {
	header = strings.TrimSpace(header)
	if scheme == "" {
		return header
	}
	if v, ok := strings.CutPrefix(header, scheme+" "); ok {
		return strings.TrimSpace(v)
	}
	return ""
}

// unmatched explains a request that no sync matched: every input the
// route's syncs name is present (fill), so the values of some differ from
// the literals the patterns want.
func unmatched(method string, rt *spec.Route) string {
	names := rt.Inputs
	return fmt.Sprintf("no sync matched this request: %s %s takes the inputs %s, and its syncs want other values of some; check the values the body, query and path give",
		method, rt.Path, strings.Join(names, ", "))
}

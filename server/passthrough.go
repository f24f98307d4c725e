package server

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/engine/flow"
)

// passthrough exposes one concept action or query at
// POST {base}/{Concept}/{action}, as app.yaml allows. The JSON body is its
// input. An action runs as a flow of its own, so the syncs that wait for it
// fire and its trace is kept; a query answers its rows.
func (s *Server) passthrough(concept, action string) echo.HandlerFunc {
	return func(c echo.Context) error {
		deadline := time.Now().Add(s.timeout)
		in, status, msg := s.body(c)
		if status != 0 {
			return s.refuse(c, status, msg)
		}
		h, ok := s.engine.Program().Handler(concept, action)
		if !ok {
			return writeError(c, http.StatusNotFound, "no implementation of "+concept+"."+action, "")
		}
		if h.IsQuery() {
			ctx, cancel := context.WithDeadline(context.Background(), deadline)
			defer cancel()
			res, err := h.Call(ctx, in)
			if err != nil {
				s.log.Error("passthrough query failed", "query", concept+"."+action, "failure", err.Error())
				return writeError(c, http.StatusInternalServerError, "internal error", "")
			}
			return c.JSON(http.StatusOK, res.Rows)
		}
		id := flow.NewID()
		c.Response().Header().Set(flowHeader, id)
		gate := &flow.Gate{}
		done := s.start(context.Background(), deadline, id, gate, concept, action, in)
		return s.await(c, id, gate, done, deadline, func(res flow.Result) error { return s.passed(c, id, res) })
	}
}

// passed answers a passthrough action whose flow has ended: with its
// output, its error outcome as a 422, or its failure.
func (s *Server) passed(c echo.Context, id string, res flow.Result) error {
	switch {
	case res.Failure != nil:
		return s.failed(c, id, res.Failure)
	case res.Output["error"] != nil && len(res.Output) == 1:
		return c.JSON(http.StatusUnprocessableEntity, res.Output)
	}
	return c.JSON(http.StatusOK, res.Output)
}

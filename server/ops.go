package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/legible/legible/engine/trace"
)

// healthz answers while the process lives.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when the database answers, 503 otherwise.
func (s *Server) readyz(c echo.Context) error {
	if s.opts.Ready != nil {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := s.opts.Ready(ctx); err != nil {
			s.log.Warn("not ready", "error", err)
			return writeError(c, http.StatusServiceUnavailable, "the database does not answer", "")
		}
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

// flowTrace returns a finished flow's causal tree, as JSON, or as text with
// ?format=text, or as a scenario step for a test file with ?format=test
// (trace.WriteStep). It is open in development mode; otherwise it needs
// the admin token.
func (s *Server) flowTrace(c echo.Context) error {
	if !s.admin(c) {
		return writeError(c, http.StatusUnauthorized, "the flows endpoint needs `Authorization: Bearer $LEGIBLE_ADMIN_TOKEN`, the admin token serve was started with, outside development mode (--dev)", "")
	}
	f, ok := s.engine.Traces().Get(c.Param("id"))
	if !ok {
		return writeError(c, http.StatusNotFound, "no such flow among the recent ones", "")
	}
	switch c.QueryParam("format") {
	case "text":
		var b strings.Builder
		if err := trace.WriteText(&b, f); err != nil {
			return err
		}
		return c.String(http.StatusOK, b.String())
	case "test":
		var b strings.Builder
		if err := trace.WriteStep(&b, f); err != nil {
			return writeError(c, http.StatusUnprocessableEntity, err.Error(), f.ID)
		}
		return c.String(http.StatusOK, b.String())
	}
	data, err := trace.JSON(f)
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, data)
}

// admin reports whether the request may read traces.
func (s *Server) admin(c echo.Context) bool {
	if s.opts.Dev {
		return true
	}
	if s.opts.AdminToken == "" {
		return false
	}
	got := authValue(c.Request().Header.Get("Authorization"), "Bearer")
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.AdminToken)) == 1
}

// traceJSON returns a finished flow's trace, or nil when it is not stored.
func (s *Server) traceJSON(id string) json.RawMessage {
	f, ok := s.engine.Traces().Get(id)
	if !ok {
		return nil
	}
	data, err := trace.JSON(f)
	if err != nil {
		return nil
	}
	return data
}

// recoverPanics answers 500 for a panic in a handler, logs it with the
// flow id, and keeps the server serving.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if p := recover(); p != nil {
				id := c.Response().Header().Get(flowHeader)
				s.log.Error("panic in handler", "flow", id, "path", c.Path(), "panic", fmt.Sprint(p))
				err = writeError(c, http.StatusInternalServerError, "internal error", id)
			}
		}()
		return next(c)
	}
}

// accessLog logs one structured line per request, secrets in its query
// string masked.
func (s *Server) accessLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogURI: true, LogStatus: true, LogLatency: true, LogRoutePath: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.log.LogAttrs(context.Background(), slog.LevelInfo, "request",
				slog.String("method", v.Method), slog.String("uri", s.maskURI(v.URI)), slog.String("route", v.RoutePath),
				slog.Int("status", v.Status), slog.Duration("latency", v.Latency),
				slog.String("flow", c.Response().Header().Get(flowHeader)))
			return nil
		},
	})
}

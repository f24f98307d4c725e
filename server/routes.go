package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/legible/legible/engine/spec"
)

// routes builds the echo instance: middleware, operations endpoints, and
// the app's routes as check derived them: those of its syncs, and its
// passthrough routes.
func (s *Server) routes(sp *spec.Spec) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.httpError
	e.Use(s.recoverPanics, s.accessLog())
	if s.opts.Console != nil {
		e.Use(s.noteReplies)
	}
	if len(s.app.CORS) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: s.app.CORS,
			MaxAge: int(s.app.PreflightMaxAge() / time.Second)}))
	}
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/_legible/flows/:id", s.flowTrace)
	s.mountConsole(e)
	base := s.app.Base.Name
	for _, r := range sp.Routes {
		switch {
		case r.Passthrough != nil:
			e.Add(r.Method, base+r.Path, s.passthrough(r.Passthrough.Concept.Name, r.Passthrough.Action.Name))
		case r.Method == "":
			e.Any(base+r.Path, s.request(r))
		default:
			e.Add(r.Method, base+r.Path, s.request(r))
		}
	}
	return e
}

// httpError answers every error echo raises (unknown routes, wrong
// methods) as JSON.
func (s *Server) httpError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := http.StatusInternalServerError, "internal error"
	if he, ok := err.(*echo.HTTPError); ok {
		status = he.Code
		msg = strings.ToLower(http.StatusText(status))
		if status == http.StatusMethodNotAllowed {
			msg = "method not allowed for this route"
		}
	} else {
		s.log.Error("unhandled error", "error", err, "path", c.Path())
	}
	_ = writeError(c, status, msg, c.Response().Header().Get(flowHeader))
}

package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/server/console"
)

// closedConsole says how to open the console to a request that may not
// see it.
const closedConsole = "the console at /_legible/ is open with `legible serve --dev`, and otherwise only to requests that send " +
	"`Authorization: Bearer $LEGIBLE_ADMIN_TOKEN`, the admin token serve was started with"

// mountConsole serves the console at /_legible/, to those who may read
// traces (admin), and has it note every reply; without a console, the
// paths answer 401 and say how to open it.
func (s *Server) mountConsole(e *echo.Echo) {
	g := e.Group("/_legible", s.consoleGate)
	if s.opts.Console == nil {
		g.Any("/*", func(c echo.Context) error { return writeError(c, http.StatusUnauthorized, closedConsole, "") })
		return
	}
	e.GET("/_legible", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/_legible/") })
	s.opts.Console.Mount(g)
}

// consoleGate lets through the requests that may read traces. A browser
// asking for the page without the admin token, from a server that has
// one, gets a page that asks for it; every other request, 401.
func (s *Server) consoleGate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.opts.Console != nil && s.admin(c) {
			return next(c)
		}
		if s.opts.Console != nil && s.opts.AdminToken != "" && c.Request().URL.Path == "/_legible/" &&
			strings.Contains(c.Request().Header.Get(echo.HeaderAccept), echo.MIMETextHTML) {
			return console.Login(c)
		}
		return writeError(c, http.StatusUnauthorized, closedConsole, "")
	}
}

// noteReplies tells the console the status each flow's request was
// answered with.
func (s *Server) noteReplies(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if id := c.Response().Header().Get(flowHeader); id != "" {
			if err != nil {
				c.Error(err)
				err = nil
			}
			s.opts.Console.Replied(id, c.Response().Status)
		}
		return err
	}
}

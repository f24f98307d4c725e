package console

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// Mount adds the console's page and its API to g, the group of
// /_legible/ of a server, which lets through only those who may read
// traces. Everything it adds is a GET, and reads.
func (c *Console) Mount(g *echo.Group) {
	g.GET("/", c.page)
	g.GET("/api/flows", c.flows)
	g.GET("/api/flows/:id", c.flow)
	g.GET("/api/live", c.live)
	g.GET("/api/map", c.appMap)
	g.GET("/api/map/route", c.routeMap)
	g.GET("/api/state", c.state)
	g.GET("/api/state/:coll", c.documents)
	g.GET("/api/state/:coll/:id", c.document)
}

// problem is the JSON of an error the console answers, in the shape of
// legible's other errors.
type problem struct {
	Errors struct {
		Body []string `json:"body"`
	} `json:"errors"`
}

// fail answers status with a message that says what to do.
func fail(c echo.Context, status int, msg string) error {
	var p problem
	p.Errors.Body = []string{msg}
	return c.JSON(status, p)
}

// intParam reads a query parameter that is a number from 0 to most, or
// def when it is absent.
func intParam(c echo.Context, name string, def, most int) (int, bool) {
	s := c.QueryParam(name)
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= most
}

// noApp answers a request that came before the console had an app.
func noApp(c echo.Context) error {
	return fail(c, http.StatusServiceUnavailable, "the console has no app yet: the server is starting; try again")
}

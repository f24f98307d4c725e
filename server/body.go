package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
)

// body reads the request's JSON body into a map of its top-level fields.
// An empty body is an empty map; anything but a JSON object is a 400; a
// body over the limit is a 413.
func (s *Server) body(c echo.Context) (map[string]any, int, string) {
	r := c.Request()
	if r.ContentLength > s.bodyLimit {
		return nil, http.StatusRequestEntityTooLarge, tooLarge(s.bodyLimit)
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.Response(), r.Body, s.bodyLimit))
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return nil, http.StatusRequestEntityTooLarge, tooLarge(s.bodyLimit)
	case err != nil:
		return nil, http.StatusBadRequest, "the request body could not be read"
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return map[string]any{}, 0, ""
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, http.StatusBadRequest, "the request body is not valid JSON: " + jsonProblem(err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, http.StatusBadRequest, "the request body must be a JSON object"
	}
	return obj, 0, ""
}

// refuse answers a request that cannot become a flow: its status and a
// JSON error. A body over the limit is answered at once and the
// connection closed: the server, which will not read the rest of the
// body, closes it gently (see linger), so a client that sends its whole
// body before it reads the reply (many SDKs do) reads the 413 instead of
// a reset connection.
func (s *Server) refuse(c echo.Context, status int, msg string) error {
	if status == http.StatusRequestEntityTooLarge {
		c.Response().Header().Set(echo.HeaderConnection, "close")
	}
	return writeError(c, status, msg, "")
}

func tooLarge(limit int64) string {
	return fmt.Sprintf("the request body is larger than %d bytes", limit)
}

// jsonProblem describes a JSON syntax error without echoing the body.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	}
	return "unexpected end or type"
}

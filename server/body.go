package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

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

// Draining a refused body stops after this many bytes, or this long.
const (
	drainBytes = 64 << 20
	drainTime  = 5 * time.Second
)

// refuse answers a request that cannot become a flow: its status and a
// JSON error, and for a body over the limit, refuseLarge.
func (s *Server) refuse(c echo.Context, status int, msg string) error {
	if status == http.StatusRequestEntityTooLarge {
		return refuseLarge(c, msg)
	}
	return writeError(c, status, msg, "")
}

// refuseLarge answers 413 at once, then reads and discards the rest of
// the body, up to drainBytes and drainTime, before the connection
// closes. A client that sends its whole body before it reads the reply
// (many SDKs do) then reads the 413 instead of a reset connection, and a
// client that never stops sending cannot hold the connection. A client
// that asked to be told before sending (Expect: 100-continue) is not
// waited for.
func refuseLarge(c echo.Context, msg string) error {
	rc := http.NewResponseController(c.Response())
	_ = rc.EnableFullDuplex() // read the body after the reply is out
	c.Response().Header().Set(echo.HeaderConnection, "close")
	if err := writeError(c, http.StatusRequestEntityTooLarge, msg, ""); err != nil {
		return err
	}
	_ = rc.Flush()
	r := c.Request()
	if strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
		return nil
	}
	_ = rc.SetReadDeadline(time.Now().Add(drainTime))
	_, _ = io.CopyN(io.Discard, r.Body, drainBytes)
	return nil
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

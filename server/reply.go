package server

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/internal/value"
)

// flowHeader names the flow that answered a request.
const flowHeader = "X-Flow-Id"

// errorBody is the JSON of every error legible itself answers, in the
// RealWorld shape {"errors": {"body": [...]}}, with the flow when there
// is one.
type errorBody struct {
	Errors struct {
		Body []string `json:"body"`
	} `json:"errors"`
	Flow  string          `json:"flow,omitempty"`
	Trace json.RawMessage `json:"trace,omitempty"`
}

// writeError answers with status and a JSON error naming the flow.
func writeError(c echo.Context, status int, msg, flowID string) error {
	return writeErrorTrace(c, status, msg, flowID, nil)
}

// writeErrorTrace is writeError with the flow's trace, in development mode.
func writeErrorTrace(c echo.Context, status int, msg, flowID string, trace json.RawMessage) error {
	var b errorBody
	b.Errors.Body = []string{msg}
	b.Flow, b.Trace = flowID, trace
	return c.JSON(status, b)
}

// writeReply writes a reply a sync gave: no body for 204 and 304.
func writeReply(c echo.Context, status int, body any) error {
	if status < 100 || status > 599 {
		status = http.StatusInternalServerError
		body = map[string]any{"errors": map[string]any{"body": []string{"a sync answered with an invalid status"}}}
	}
	if status == http.StatusNoContent || status == http.StatusNotModified {
		return c.NoContent(status)
	}
	buf := buffers.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooled {
			buffers.Put(buf)
		}
	}()
	data, err := value.AppendJSON((*buf)[:0], body, value.Format{})
	if err != nil {
		return err
	}
	*buf = append(data, '\n')
	return c.Blob(status, echo.MIMEApplicationJSON, *buf)
}

// maxPooled is the largest buffer kept for the next replies.
const maxPooled = 256 << 10

// buffers hold the JSON of replies while they are written, for the next
// replies: a page of articles is some kilobytes.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

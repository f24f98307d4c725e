package console

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// keepAlive is how often a quiet stream says it is still there.
const keepAlive = 15 * time.Second

// lateTrace is how long a stream waits for the trace of a flow that was
// answered before it ended (a request that timed out), polling every
// lateStep.
const (
	lateTrace = time.Second
	lateStep  = 50 * time.Millisecond
)

// live streams server-sent events to a page: `flow`, a flow summary, as
// each request is answered; `dropped`, how many flows the page missed by
// reading too slowly; `reload`, the version of the app after a --dev
// reload; and first `hello`, the version now. It ends when the page goes
// or the server shuts down.
func (c *Console) live(ec echo.Context) error {
	w := ec.Response()
	h := w.Header()
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set(echo.HeaderCacheControl, "no-cache")
	w.WriteHeader(http.StatusOK)
	s := c.feed.subscribe()
	defer c.feed.unsubscribe(s)
	ctx := ec.Request().Context()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	err := c.send(w, "hello", c.version())
	w.Flush()
	for err == nil {
		select {
		case <-ctx.Done():
			return nil
		case <-c.done:
			return nil
		case id := <-s.flows:
			err = c.send(w, "flow", c.lateSummary(ctx, id))
		case <-s.reload:
			err = c.send(w, "reload", c.version())
		case <-tick.C:
			_, err = io.WriteString(w, ": still here\n\n")
		}
		if n := s.dropped.Swap(0); n > 0 && err == nil {
			err = c.send(w, "dropped", n)
		}
		w.Flush()
	}
	return nil // the page went away
}

// send writes one event.
func (c *Console) send(w io.Writer, event string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
	return err
}

// version is the version of the app shown now.
func (c *Console) version() map[string]int {
	v := c.current()
	if v == nil {
		return map[string]int{"version": -1}
	}
	return map[string]int{"version": v.version}
}

// lateSummary sums up a replied flow, waiting a little for its trace when
// it was answered before it ended; without one, the summary has the id
// and the status only.
func (c *Console) lateSummary(ctx context.Context, id string) summary {
	for waited := time.Duration(0); ; waited += lateStep {
		if f, ok := c.traces.Get(id); ok {
			return summarize(f, c.replies.of(id))
		}
		if waited >= lateTrace {
			return summary{ID: id, Status: c.replies.of(id), Outcome: "still running"}
		}
		select {
		case <-ctx.Done():
			return summary{ID: id}
		case <-time.After(lateStep):
		}
	}
}

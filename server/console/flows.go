package console

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/engine/explain"
	"github.com/legible/legible/engine/trace"
)

// flowList is the answer of GET /api/flows.
type flowList struct {
	App     string    `json:"app"`
	Version int       `json:"version"`
	Flows   []summary `json:"flows"`
}

// flows lists the recent flows, newest first: ?limit= of them (200 by
// default, at most as many as the store keeps).
func (c *Console) flows(ec echo.Context) error {
	v := c.current()
	if v == nil {
		return noApp(ec)
	}
	limit, ok := intParam(ec, "limit", 200, c.traces.Cap())
	if !ok {
		return fail(ec, http.StatusBadRequest, "limit must be a number from 0 to the flows kept, "+strconv.Itoa(c.traces.Cap()))
	}
	out := flowList{App: v.Spec.App.Name.Name, Version: v.version, Flows: []summary{}}
	for _, f := range c.traces.Recent(limit) {
		out.Flows = append(out.Flows, summarize(f, c.replies.of(f.ID)))
	}
	return ec.JSON(http.StatusOK, out)
}

// flowDetail is the answer of GET /api/flows/:id.
type flowDetail struct {
	Summary summary         `json:"summary"`
	Trace   json.RawMessage `json:"trace"` // as GET /_legible/flows/ID gives it
	// Misses are the syncs of the flow's route that answer and did not
	// fire, and what stopped each: given for a flow that no sync
	// answered, or on request (?explain=1).
	Misses    []explain.Miss `json:"misses"`
	Explained bool           `json:"explained"`
	Why       string         `json:"why,omitempty"` // why it is not explained, when asked
	Step      string         `json:"step"`          // the flow as a scenario step
	StepError string         `json:"stepError,omitempty"`
}

// flow answers one flow: its summary, its trace, its explanation and its
// scenario step.
func (c *Console) flow(ec echo.Context) error {
	v := c.current()
	if v == nil {
		return noApp(ec)
	}
	f, ok := c.traces.Get(ec.Param("id"))
	if !ok {
		return fail(ec, http.StatusNotFound, "no such flow among the recent ones: the store keeps the last "+strconv.Itoa(c.traces.Cap()))
	}
	d := flowDetail{Summary: summarize(f, c.replies.of(f.ID))}
	var err error
	if d.Trace, err = trace.JSON(f); err != nil {
		return err
	}
	if !d.Summary.Answered || ec.QueryParam("explain") == "1" {
		c.explain(v, f, &d)
	}
	var step strings.Builder
	if err := trace.WriteStep(&step, f); err != nil {
		d.StepError = err.Error()
	}
	d.Step = step.String()
	return ec.JSON(http.StatusOK, d)
}

// explain adds to d what stopped the syncs of the flow's route, as
// `legible test` says it, from the app shown now.
func (c *Console) explain(v *view, f *trace.Flow, d *flowDetail) {
	route := explain.RouteOf(v.Spec, f)
	if route == nil {
		d.Why = "the flow did not come by a route of the app as it is now: only a request's flow is explained"
		return
	}
	d.Explained = true
	d.Misses = []explain.Miss{}
	for _, m := range explain.Misses(v.Spec, route, f, c.events.of(f.ID)) {
		m.File = v.rel(m.File)
		d.Misses = append(d.Misses, m)
	}
}

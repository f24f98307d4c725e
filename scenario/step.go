package scenario

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/internal/value"
	"github.com/legible/legible/pipeline"
)

// flowHeader names the flow that answered a request.
const flowHeader = "X-Flow-Id"

// runner runs the steps of one scenario.
type runner struct {
	app     *spec.Spec
	prog    *pipeline.Program
	handler http.Handler
	vars    vars
	res     *Result
	watch   *watched
	fails   *failing
}

// step runs one step, and returns why it failed, or nil.
func (r *runner) step(ctx context.Context, st *spec.ScenarioStep) *Failure {
	if st.Request != nil {
		return r.request(st.Request)
	}
	return r.call(ctx, st.Call)
}

// reply is what came back from a request.
type reply struct {
	status  int
	headers http.Header
	body    any    // the JSON body, as a flow value; the text when not JSON
	raw     []byte // as sent
	flow    *trace.Flow
	route   *spec.Route
}

// request sends a request step through the app's handler and checks
// what came back; then it captures what later steps use.
func (r *runner) request(q *spec.Request) *Failure {
	req, err := r.newRequest(q)
	if err != nil {
		return stepFailure(q.Span, err.Error())
	}
	rec := httptest.NewRecorder()
	r.fails.set(declared(q))
	r.handler.ServeHTTP(rec, req)
	r.fails.set(nil)
	r.res.Requests++
	rp := r.reply(rec)
	rp.route = q.Route
	fl := Flow{Route: q.Route, Trace: rp.flow}
	if rp.flow != nil {
		fl.Events = r.watch.of(rp.flow.ID)
	}
	r.res.Flows = append(r.res.Flows, fl)
	if f := r.expect(q, rp); f != nil {
		return f
	}
	for _, c := range q.Captures {
		v, ok := rp.at(c.Path.Name)
		if !ok {
			return r.replyFailure(c.Path.Span, fmt.Sprintf("nothing to capture at `%s`", c.Path.Name), nil, rp)
		}
		r.vars[c.Name.Name] = v
	}
	return nil
}

// newRequest builds the HTTP request of a step.
func (r *runner) newRequest(q *spec.Request) (*http.Request, error) {
	target, err := r.url(q)
	if err != nil {
		return nil, err
	}
	var body []byte
	if q.Body != nil {
		v, err := r.vars.build(q.Body)
		if err != nil {
			return nil, err
		}
		if body, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	req := httptest.NewRequest(q.Method, target, bytes.NewReader(body))
	if q.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range q.Headers {
		v, err := r.text(h.Value)
		if err != nil {
			return nil, err
		}
		req.Header.Set(h.Key.Name, v)
	}
	if q.Auth != nil && r.app.App != nil && r.app.App.Auth != nil {
		v, err := r.text(q.Auth)
		if err != nil {
			return nil, err
		}
		if a := r.app.App.Auth; a.Scheme != "" {
			v = a.Scheme + " " + v
		}
		req.Header.Set(r.app.App.Auth.Header, v)
	}
	return req, nil
}

// url is the request's path under the base, its `{name}` segments
// replaced by what the variables hold, with its query.
func (r *runner) url(q *spec.Request) (string, error) {
	path := q.Path
	for _, id := range q.PathVars {
		v, err := r.text(&spec.Value{Kind: spec.VarValue, Name: id.Name})
		if err != nil {
			return "", err
		}
		path = strings.Replace(path, "{"+id.Name+"}", url.PathEscape(v), 1)
	}
	if r.app.App != nil {
		path = strings.TrimSuffix(r.app.App.Base.Name, "/") + path
	}
	query := url.Values{}
	for _, f := range q.Query {
		v, err := r.text(f.Value)
		if err != nil {
			return "", err
		}
		query.Add(f.Key.Name, v)
	}
	if len(query) > 0 {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + query.Encode()
	}
	return path, nil
}

// text is a value as it goes into a path, a query or a header.
func (r *runner) text(v *spec.Value) (string, error) {
	x, err := r.vars.build(v)
	if err != nil {
		return "", err
	}
	switch x := x.(type) {
	case string:
		return x, nil
	case nil:
		return "", nil
	}
	b, err := value.AppendJSON(nil, x, value.Format{})
	return string(b), err
}

// reply reads what the handler answered, and the flow's trace.
func (r *runner) reply(rec *httptest.ResponseRecorder) reply {
	rp := reply{status: rec.Code, headers: rec.Header(), raw: rec.Body.Bytes()}
	var body any
	if err := json.Unmarshal(rp.raw, &body); err == nil {
		rp.body = value.Of(body)
	} else if len(rp.raw) > 0 {
		rp.body = string(rp.raw)
	}
	if id := rec.Header().Get(flowHeader); id != "" {
		rp.flow, _ = r.prog.Engine().Traces().Get(id)
	}
	return rp
}

// at returns the part of a reply a capture names.
func (rp reply) at(path string) (any, bool) {
	switch {
	case path == "status":
		return float64(rp.status), true
	case strings.HasPrefix(path, "headers."):
		h := rp.headers.Get(strings.TrimPrefix(path, "headers."))
		return h, h != ""
	}
	v := rp.body
	for _, part := range strings.Split(path, ".")[1:] {
		var ok bool
		if v, ok = member(v, part); !ok {
			return nil, false
		}
	}
	return v, true
}

// member returns a field of an object, or an item of a list by index.
func member(v any, key string) (any, bool) {
	switch v := v.(type) {
	case map[string]any:
		x, ok := v[key]
		return x, ok
	case []any:
		var i int
		if _, err := fmt.Sscan(key, &i); err != nil || i < 0 || i >= len(v) {
			return nil, false
		}
		return v[i], true
	}
	return nil, false
}

// declared returns the failures a request declares, by action.
func declared(q *spec.Request) map[string]string {
	if len(q.Fail) == 0 {
		return nil
	}
	out := make(map[string]string, len(q.Fail))
	for _, f := range q.Fail {
		msg, _ := f.Value.Lit.(string)
		out[f.Key.Name] = msg
	}
	return out
}

// stepFailure is a failure at a step that could not run.
func stepFailure(at diag.Span, msg string) *Failure {
	return &Failure{At: at, Message: msg}
}

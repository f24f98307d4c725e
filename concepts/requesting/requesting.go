// Package requesting implements the built-in Requesting concept: each HTTP
// request becomes a `request` action that syncs can match, and `respond`
// makes the reply to it, exactly once per run of its flow. The server
// sends the reply when the flow has ended and its writes are committed.
package requesting

import (
	"context"
	"sync"

	"github.com/google/uuid"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// Reply is the answer one respond action gives to a request.
type Reply struct {
	Status int
	Body   any // the whole JSON body
}

// Requesting keeps the requests that wait for a reply.
type Requesting struct {
	mu      sync.Mutex
	waiting map[string]*waiter
}

// waiter is a request that someone waits on, and its reply, once made.
type waiter struct {
	reply    Reply
	answered bool
}

// New returns a Requesting with no request waiting.
func New() *Requesting {
	return &Requesting{waiting: map[string]*waiter{}}
}

// idKey is the context key under which Expect passes the request id to
// the request action.
type idKey struct{}

// Expect registers a request under id before its flow runs. The returned
// context makes the request action use that id. Call Reply once the flow
// has ended, and Forget when no longer waiting.
func (r *Requesting) Expect(ctx context.Context, id string) context.Context {
	r.mu.Lock()
	r.waiting[id] = &waiter{}
	r.mu.Unlock()
	return context.WithValue(ctx, idKey{}, id)
}

// Forget stops waiting for request id; a later respond to it is an error.
func (r *Requesting) Forget(id string) {
	r.mu.Lock()
	delete(r.waiting, id)
	r.mu.Unlock()
}

// Waiting returns how many requests wait for a reply.
func (r *Requesting) Waiting() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.waiting)
}

// Reply returns the reply that respond made to request id in the last run
// of its flow, and whether it made one.
func (r *Requesting) Reply(id string) (Reply, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	w, ok := r.waiting[id]
	if !ok || !w.answered {
		return Reply{}, false
	}
	return w.reply, true
}

// Answered reports whether respond made a reply to request id in the last
// run of its flow.
func (r *Requesting) Answered(id string) bool {
	_, ok := r.Reply(id)
	return ok
}

// RequestIn is the input of request: the method, the route template, and
// every other input of the request.
type RequestIn struct {
	Method string         `json:"method"`
	Path   string         `json:"path"`
	Rest   map[string]any `legible:"rest"`
}

// RequestOut names the request.
type RequestOut struct {
	Request string `json:"request"`
}

// RespondIn is the input of respond: the request, then the status and the
// body, or other fields that form a flat JSON object, and whether the
// flow's writes roll back.
type RespondIn struct {
	Request  string         `json:"request"`
	Status   *float64       `json:"status"`
	Body     any            `json:"body,omitempty"`
	Rollback *bool          `json:"rollback"`
	Rest     map[string]any `legible:"rest"`
}

// Request records a request. Its id is the one given to Expect, or a new
// one for a request nobody waits on. It starts each run of the flow, so it
// forgets a reply that an earlier run, which conflicted with another flow
// and runs again, made.
func (r *Requesting) Request(ctx context.Context, _ RequestIn) (RequestOut, error) {
	id, ok := ctx.Value(idKey{}).(string)
	if !ok {
		return RequestOut{Request: uuid.NewString()}, nil
	}
	r.mu.Lock()
	if w, ok := r.waiting[id]; ok {
		*w = waiter{}
	}
	r.mu.Unlock()
	return RequestOut{Request: id}, nil
}

// Respond makes the reply of a request; with rollback, the writes of the
// flow roll back instead of committing. Answering a request twice, or one
// nobody waits on any more, is a concept error, recorded in the trace.
func (r *Requesting) Respond(ctx context.Context, in RespondIn) (RequestOut, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	w, ok := r.waiting[in.Request]
	switch {
	case !ok:
		return RequestOut{}, concepts.Errorf("request %s is not waiting for a reply: it timed out, or nobody asked", in.Request)
	case w.answered:
		return RequestOut{}, concepts.Errorf("request %s is answered already: a request gets one reply", in.Request)
	}
	w.answered, w.reply = true, reply(in)
	if in.Rollback != nil && *in.Rollback {
		storage.DiscardWrites(ctx)
	}
	return RequestOut{Request: in.Request}, nil
}

// reply builds the reply: the body, or else the other inputs as a flat
// object; the status defaults to 200.
func reply(in RespondIn) Reply {
	rep := Reply{Status: 200, Body: in.Body}
	if in.Status != nil {
		rep.Status = int(*in.Status)
	}
	if rep.Body == nil {
		body := make(map[string]any, len(in.Rest))
		for k, v := range in.Rest {
			body[k] = v
		}
		rep.Body = body
	}
	return rep
}

// Concept registers the actions of r under their spec names.
func (r *Requesting) Concept() *concepts.Concept {
	return concepts.New("Requesting").
		Action("request", concepts.Action(r.Request)).
		Action("respond", concepts.Action(r.Respond))
}

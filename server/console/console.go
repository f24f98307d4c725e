// Package console is legible's flow console, served at /_legible/ by
// `legible serve --dev`, and outside development mode to requests that
// send the admin token: the flows of the app live, each one's causal tree,
// timeline and near misses (engine/explain), the app's map (the graphs of
// engine/analysis, laid out here), the concepts' documents, and a flow as
// a scenario step. It is read-only, and its page is embedded in the
// binary: plain HTML, CSS and JavaScript, which need no network.
//
// The console is one value for the life of a served app: its programs
// come and go with --dev reloads (Use), and the servers of each mount it
// (Mount). With no page open, what it costs a request is the note of its
// reply (Replied) and of what its flow's where steps dropped (Watch).
package console

import (
	"sync"
	"sync/atomic"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/storage"
)

// Options say what a console shows.
type Options struct {
	// Traces are the app's recently finished flows; required. What the
	// console keeps of each flow it keeps for as many flows as they.
	Traces *trace.Store
	// DB is the app's database, for the state view; nil shows none.
	DB *storage.DB
}

// App is the app a console shows now, as the pipeline checked and built it.
type App struct {
	Spec    *spec.Spec
	Sources map[string][]byte   // the text of its files, by the names its spec gives them
	Dir     string              // its folder, for links that open a file in an editor
	Secrets map[string][]string // each concept's secret names, masked in documents as in traces
}

// Console is the flow console of a served app. It is safe for concurrent
// use.
type Console struct {
	traces  *trace.Store
	db      *storage.DB
	app     atomic.Pointer[view]
	replies *recent[int]          // the status each flow's request was answered with
	events  *recent[[]flow.Event] // what each flow's where steps dropped, up to maxEvents
	feed    *feed
	done    chan struct{}
	stop    sync.Once
}

// view is an app as the console shows it, and its version: each reload
// makes a new one.
type view struct {
	App
	version int
	masker  *trace.Masker
}

// New returns a console that shows nothing until Use gives it an app.
func New(o Options) *Console {
	n := o.Traces.Cap()
	return &Console{traces: o.Traces, db: o.DB, replies: newRecent[int](n), events: newRecent[[]flow.Event](n), feed: &feed{}, done: make(chan struct{})}
}

// Use makes a the app the console shows, as a --dev reload does, and
// tells the open pages to draw it again.
func (c *Console) Use(a App) {
	v := &view{App: a, masker: trace.NewMasker(a.Secrets)}
	if old := c.app.Load(); old != nil {
		v.version = old.version + 1
	}
	c.app.Store(v)
	c.feed.reloaded()
}

// Watch hears what a flow did that its trace does not show (give it to
// the engine as flow.Options.Watch): the console explains a flow with it.
func (c *Console) Watch(e flow.Event) {
	c.events.update(e.Flow, func(evs []flow.Event) []flow.Event {
		if len(evs) == maxEvents {
			return evs
		}
		return append(evs, e)
	})
}

// maxEvents bounds the events kept of one flow.
const maxEvents = 64

// Replied notes that the request of a flow was answered with status, and
// tells the open pages.
func (c *Console) Replied(id string, status int) {
	c.replies.update(id, func(int) int { return status })
	c.feed.publish(id)
}

// Shutdown ends the live streams of the open pages, so that a server
// shutting down need not wait for them; call it once the server stops
// accepting.
func (c *Console) Shutdown() { c.stop.Do(func() { close(c.done) }) }

// current returns the app shown now; nil before Use.
func (c *Console) current() *view { return c.app.Load() }

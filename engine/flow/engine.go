// Package flow runs compiled programs: every action started from outside
// opens a flow, in which the syncs that wait for each completed action are
// matched, their where steps run, and their then actions are invoked depth
// first, until nothing more fires.
package flow

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/internal/value"
	"github.com/legible/legible/storage"
)

// Level says how much the engine logs.
type Level int

// The log levels: Off logs nothing; Trace logs each action with its input
// and output; Verbose also logs frames and which sync fired what.
const (
	Off Level = iota
	Trace
	Verbose
)

// Options configure an Engine.
type Options struct {
	TraceSize int // finished flows kept for `legible trace`; 0 means the store's default
	// Traces is the store finished flows go to, which engines may share
	// (a reloaded app keeps its traces); a new one of TraceSize when nil.
	Traces *trace.Store
	Logger *slog.Logger // where the levels above log; nil means slog.Default()
	Level  Level
	// Transactions begin the transaction of each attempt of a flow; nil
	// runs flows without (concepts that keep no state in a database).
	Transactions Transactions
	// Attempts, when above 0, bounds how often a flow that conflicts
	// runs. When 0, a flow runs again as long as its context's deadline
	// allows, and MaxAttempts times at most without a deadline.
	Attempts int
	// Watch, when set, hears what flows do that their traces do not
	// show (Event): `legible test` explains and measures with it. It is
	// called on the flow's goroutine.
	Watch func(Event)
	// Fail, when set, is asked before each action runs: when it gives an
	// error message, the action returns that error outcome instead of
	// running. `legible test` declares failures with it (a step's
	// `fail:`), to reach the error cases no request can bring about.
	Fail func(key string) (msg string, ok bool)
}

// Event is something a flow did that its trace does not show: a where
// query of a sync found no row for a frame (Empty), or a where step of a
// sync left no frame, so that the sync did not fire.
type Event struct {
	Flow  string
	Sync  string
	Step  int  // the index of the where step, among the sync's top-level ones
	Empty bool // a query found no row for a frame (an optional one keeps it)
}

// Engine runs the flows of one program. It is safe for concurrent use: flows
// run concurrently with each other, each on the goroutine that started it.
type Engine struct {
	prog     *program.Program
	store    *trace.Store
	masker   *trace.Masker
	log      *slog.Logger
	level    Level
	txs      Transactions
	attempts int
	watch    func(Event)
	fail     func(key string) (string, bool)
}

// New returns an engine that runs the flows of p.
func New(p *program.Program, opts Options) *Engine {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	store := opts.Traces
	if store == nil {
		store = trace.NewStore(opts.TraceSize)
	}
	e := &Engine{
		prog: p, store: store,
		masker: trace.NewMasker(p.Secrets()), log: log, level: opts.Level,
		txs: opts.Transactions, attempts: opts.Attempts, watch: opts.Watch, fail: opts.Fail,
	}
	if e.txs == nil {
		e.txs = noTransactions{}
	}
	return e
}

// Program returns the program the engine runs.
func (e *Engine) Program() *program.Program { return e.prog }

// Traces returns the store of recently finished flows.
func (e *Engine) Traces() *trace.Store { return e.store }

// Result is how a flow ended.
type Result struct {
	FlowID string
	Output map[string]any // the output of the action that started the flow
	// Failure is the first failure: a Go error from a concept, which
	// stopped the flow. Concept errors are outcomes, not failures.
	Failure error
	// Matches counts the times a sync's `when` matched in the flow; zero
	// means the starting action matched no sync at all.
	Matches int
	// Committed reports whether the flow's transaction committed (it may
	// have written nothing); false after a failure, or when its gate or
	// the flow itself had it roll back.
	Committed bool
	// Attempts is how many times the flow ran.
	Attempts int
}

// Run opens a flow with one action from outside, such as an HTTP request,
// and runs it to completion: the action, and everything its syncs cause.
// The flow's records are then handed to the trace store and released.
func (e *Engine) Run(ctx context.Context, concept, action string, input map[string]any) Result {
	return e.RunFlow(ctx, NewID(), nil, concept, action, input)
}

// RunFlow is Run with a flow id chosen by the caller, who may need it before
// the flow ends (an HTTP server answering a timeout names the flow), and a
// gate (nil for none) through which the caller decides whether the flow
// commits. The input becomes flow values (value.Of). The flow runs in a
// transaction; when it conflicts with a concurrent flow, it runs again
// from its first action, while ctx lasts (see Options.Attempts).
func (e *Engine) RunFlow(ctx context.Context, id string, gate *Gate, concept, action string, input map[string]any) Result {
	h, ok := e.prog.Handler(concept, action)
	if !ok {
		return Result{FlowID: id, Failure: &UnknownAction{Concept: concept, Action: action}}
	}
	input, _ = value.Of(input).(map[string]any)
	for attempt := 1; ; attempt++ {
		res, f, outcome := e.attempt(ctx, id, gate, attempt > ExclusiveAfter, concept, action, h, input)
		res.Attempts = attempt
		if res.Failure == nil || !e.txs.Retry(res.Failure) || !e.again(ctx, attempt) || !storage.Backoff(ctx, attempt) {
			e.finish(f, res, outcome)
			return res
		}
	}
}

// again reports whether a flow that conflicted in its attempt-th attempt
// may run again: below Options.Attempts when set, else while ctx has a
// deadline, or below MaxAttempts without one. storage.Backoff then
// waits, as long as ctx lasts.
func (e *Engine) again(ctx context.Context, attempt int) bool {
	if e.attempts > 0 {
		return attempt < e.attempts
	}
	_, deadline := ctx.Deadline()
	return deadline || attempt < MaxAttempts
}

// attempt runs the flow once, in a transaction that it then commits or
// rolls back; it returns the outcome of the writes for the trace.
func (e *Engine) attempt(ctx context.Context, id string, gate *Gate, exclusive bool, concept, action string,
	h concepts.Handler, input map[string]any) (Result, *flow, string) {
	tctx, tx := e.txs.Begin(ctx, exclusive)
	defer func() {
		if p := recover(); p != nil { // a bug of the engine's: the transaction must not keep its lock
			_ = tx.Rollback()
			panic(p)
		}
	}()
	f := newFlow(e, id)
	res := Result{FlowID: id}
	root, err := f.invoke(tctx, program.Key(concept, action), concept, action, h, input, nil)
	if root != nil {
		res.Output = root.Output
	}
	res.Matches = f.matched
	if err != nil {
		if rerr := tx.Rollback(); rerr != nil { // writes made already stay
			err = errors.Join(err, rerr)
		}
		res.Failure = err
		return res, f, "rolled back: it failed"
	}
	outcome, err := gate.commit(tctx, tx)
	if err != nil {
		res.Failure = err
		return res, f, "rolled back: " + err.Error()
	}
	res.Committed = !strings.HasPrefix(outcome, "rolled back")
	return res, f, outcome
}

// finish hands a finished flow to the trace store, with secrets masked.
func (e *Engine) finish(f *flow, res Result, outcome string) {
	tf := &trace.Flow{ID: f.id, Start: f.start, End: time.Now(), Records: make([]*trace.Record, len(f.records)),
		Outcome: outcome, Attempts: res.Attempts}
	for i, r := range f.records {
		tf.Records[i] = &r.Record
	}
	if res.Failure != nil {
		tf.Failure = res.Failure.Error()
	}
	e.store.Add(e.masker.Mask(tf))
}

// NewID returns a new flow id: a UUIDv7, so ids sort by creation time.
func NewID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

// UnknownAction is the failure of a flow started with an action that has
// no implementation.
type UnknownAction struct{ Concept, Action string }

// Error names the action.
func (u *UnknownAction) Error() string {
	return "no implementation of " + u.Concept + "." + u.Action
}

package flow

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/expr-lang/expr/vm"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/engine/trace"
)

// flow is the state of one running flow. It is used by one goroutine.
type flow struct {
	e       *Engine
	id      string
	start   time.Time
	records []*record
	byKey   map[string][]*record // completed records by "Concept.action"
	anchors []*program.Anchor    // scratch for dispatch, used as a stack
	env     map[string]any       // scratch environment for expressions; made on first use
	matched int                  // how many times a sync's when matched
	scratch []any                // a frame to try a first pattern in
	index   map[string]int       // scratch for merging a query's equal inputs (batch)
	byText  map[string]int       // the same, for inputs that are one string
	key     []byte               // scratch for an input's key (value.AppendKey)
	vm      vm.VM
}

// record is a completed action, with what matching needs besides its trace.
type record struct {
	trace.Record
	key     string
	isError bool
	synced  []uint64 // bit i: it took part in a firing of the sync with id i
}

func newFlow(e *Engine, id string) *flow {
	return &flow{
		e: e, id: id, start: time.Now(), byKey: make(map[string][]*record, 8),
		records: make([]*record, 0, 8), anchors: make([]*program.Anchor, 0, 8),
	}
}

// hasSynced reports whether r took part in a firing of sync s.
func (r *record) hasSynced(s int) bool {
	w := s / 64
	return w < len(r.synced) && r.synced[w]&(1<<(s%64)) != 0
}

// markSynced records that r took part in a firing of sync s.
func (r *record) markSynced(s int) {
	if w := s/64 + 1; len(r.synced) < w {
		grown := make([]uint64, w)
		copy(grown, r.synced)
		r.synced = grown
	}
	r.synced[s/64] |= 1 << (s % 64)
}

// invoke runs an action, records it, and runs the syncs it fires, depth
// first. A failure stops everything: it is returned up the whole chain.
func (f *flow) invoke(ctx context.Context, key, concept, action string, h concepts.Handler, in map[string]any, cause *trace.Cause) (*record, error) {
	r := &record{key: key, Record: trace.Record{
		ID: f.nextID(), Concept: concept, Action: action, Input: in, Start: time.Now(), Cause: cause,
	}}
	res, err := f.call(ctx, key, h, in)
	r.End = time.Now()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		fail := asFailure(concept, action, err)
		r.Failure = fail.Err.Error()
		f.add(r)
		return r, fail
	}
	if res.IsError() {
		r.isError, r.Output = true, map[string]any{"error": res.Err}
	} else {
		r.Output = res.Out
	}
	f.add(r)
	return r, f.dispatch(ctx, r)
}

// call calls an action's handler, unless the engine's Fail makes it
// return an error instead (a scenario's declared failure).
func (f *flow) call(ctx context.Context, key string, h concepts.Handler, in map[string]any) (concepts.Result, error) {
	if f.e.fail != nil {
		if msg, ok := f.e.fail(key); ok {
			return concepts.Result{Err: msg}, nil
		}
	}
	return h.Call(ctx, in)
}

// nextID is the id of the next record: its place in the flow.
func (f *flow) nextID() string { return strconv.Itoa(len(f.records) + 1) }

// add records a completed action.
func (f *flow) add(r *record) {
	f.records = append(f.records, r)
	f.byKey[r.key] = append(f.byKey[r.key], r)
	f.logAction(r)
}

// asFailure makes err a failure of concept.action, unless it is one.
func asFailure(concept, action string, err error) *concepts.Failure {
	var f *concepts.Failure
	if errors.As(err, &f) {
		return f
	}
	return &concepts.Failure{Concept: concept, Action: action, Err: err}
}

package flow

import (
	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/internal/value"
)

// match is one way a sync's when patterns match records of the flow: a
// frame of variable values, and the record each pattern matched.
type match struct {
	frame   []any
	records []*record // by the pattern's place in the sync's `when`
}

// dispatch runs the syncs that wait for the just-completed record r.
func (f *flow) dispatch(ctx ctxT, r *record) error {
	start := len(f.anchors)
	f.anchors = f.e.prog.Candidates(r.key, r.Input, f.anchors)
	mine := f.anchors[start:]
	defer func() { f.anchors = f.anchors[:start] }()
	for _, a := range mine {
		ms := f.matches(a, r)
		f.matched += len(ms)
		for _, m := range ms {
			if err := f.fire(ctx, a.Sync, m, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// matches returns the matches of anchor a that use the completed record r
// for its first pattern, and flow records not yet used by the sync for
// the others. It allocates nothing for the common miss: an action another
// pattern names has not happened yet, or r does not fit the first pattern.
func (f *flow) matches(a *program.Anchor, r *record) []match {
	s := a.Sync
	if r.hasSynced(s.ID) || !f.allHappened(a) {
		return nil
	}
	f.scratch = append(f.scratch[:0], make([]any, len(s.Slots))...)
	if !f.matchRecord(a.Order[0], r, f.scratch) {
		return nil
	}
	first := match{frame: append([]any(nil), f.scratch...), records: make([]*record, len(a.Order))}
	first.records[a.Order[0].Index] = r
	ms := []match{first}
	for _, p := range a.Order[1:] {
		var next []match
		for _, m := range ms {
			for _, c := range f.byKey[p.Key] {
				if c.hasSynced(s.ID) || m.uses(c) {
					continue
				}
				frame := append([]any(nil), m.frame...)
				if f.matchRecord(p, c, frame) {
					records := append([]*record(nil), m.records...)
					records[p.Index] = c
					next = append(next, match{frame: frame, records: records})
				}
			}
		}
		if ms = next; len(ms) == 0 {
			return nil
		}
	}
	return ms
}

// allHappened reports whether every other pattern of the anchor names an
// action that has completed in the flow.
func (f *flow) allHappened(a *program.Anchor) bool {
	for _, p := range a.Order[1:] {
		if len(f.byKey[p.Key]) == 0 {
			return false
		}
	}
	return true
}

// uses reports whether the match already holds record c.
func (m match) uses(c *record) bool {
	for _, r := range m.records {
		if r == c {
			return true
		}
	}
	return false
}

// matchRecord matches one record against a pattern, binding into frame.
func (f *flow) matchRecord(p *program.Pattern, r *record, frame []any) bool {
	if r.isError != p.Error {
		return false
	}
	return matchArgs(p.In, r.Input, frame) && matchArgs(p.Out, r.Output, frame)
}

// matchArgs binds or compares each argument with the record's values. A
// parameter the record lacks matches nothing.
func matchArgs(args []program.Arg, values map[string]any, frame []any) bool {
	for _, a := range args {
		v, ok := values[a.Param]
		if !ok || !matchArg(a, v, frame) {
			return false
		}
	}
	return true
}

// matchAt binds or compares each argument with a row's values, by
// position: the row has one value per argument, in their order.
func matchAt(args []program.Arg, row []any, frame []any) bool {
	for k, a := range args {
		if !matchArg(a, row[k], frame) {
			return false
		}
	}
	return true
}

// matchArg binds v to the argument's slot, or compares it with the
// argument's literal or with the value its slot holds.
func matchArg(a program.Arg, v any, frame []any) bool {
	switch {
	case a.Bind:
		frame[a.Slot] = v
		return true
	case a.IsLiteral():
		return value.Equal(a.Value, v)
	}
	return value.Equal(frame[a.Slot], v)
}

package flow

import (
	"context"

	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/engine/trace"
)

// ctxT shortens the signatures of the flow's methods.
type ctxT = context.Context

// fire runs a matched sync: its where steps from the match's frame, then
// its then actions for each resulting frame, in order. The records of the
// match take part in no other firing of this sync; they are marked only
// when the sync fires, that is when where leaves a frame.
func (f *flow) fire(ctx ctxT, s *program.Sync, m match, trigger *record) error {
	for _, r := range m.records {
		if r.hasSynced(s.ID) {
			return nil // an earlier match of this dispatch used it
		}
	}
	f.logFrames(s, "when", [][]any{m.frame})
	frames, err := f.where(ctx, s, [][]any{m.frame})
	if err != nil || len(frames) == 0 {
		return err
	}
	f.logFrames(s, "where", frames)
	cause := &trace.Cause{Sync: s.Name, Parent: trigger.ID}
	for _, r := range m.records {
		r.markSynced(s.ID)
		cause.When = append(cause.When, r.ID)
	}
	for _, frame := range frames {
		for _, inv := range s.Then {
			f.logFire(s, inv)
			if _, err := f.invoke(ctx, inv.Key, inv.Concept, inv.Action, inv.Handler, input(inv.In, frame), cause); err != nil {
				return err
			}
		}
	}
	return nil
}

// input builds the input of an action or query from a frame.
func input(args []program.Arg, frame []any) map[string]any {
	in := make(map[string]any, len(args))
	for _, a := range args {
		if a.IsLiteral() {
			in[a.Param] = a.Value
		} else {
			in[a.Param] = frame[a.Slot]
		}
	}
	return in
}

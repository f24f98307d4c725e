package flow

import (
	"context"
	"log/slog"

	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/engine/trace"
)

// logAction logs a completed action at the trace level, secrets masked.
func (f *flow) logAction(r *record) {
	if f.e.level < Trace {
		return
	}
	line := trace.Line(f.e.masker.MaskRecord(&r.Record))
	f.e.log.LogAttrs(context.Background(), slog.LevelInfo, line, slog.String("flow", f.id))
}

// logFrames logs a sync's frames after when or where, at the verbose level,
// secrets masked.
func (f *flow) logFrames(s *program.Sync, after string, frames [][]any) {
	if f.e.level < Verbose {
		return
	}
	for _, frame := range frames {
		vars := make(map[string]any, len(frame))
		for i, v := range frame {
			vars[s.Slots[i]] = v
		}
		f.e.log.LogAttrs(context.Background(), slog.LevelInfo, s.Name+": frame after "+after,
			slog.String("flow", f.id), slog.String("vars", trace.Fields(f.e.masker.MaskVars(vars))))
	}
}

// logFire logs which sync invokes which action, at the verbose level.
func (f *flow) logFire(s *program.Sync, inv *program.Invoke) {
	if f.e.level < Verbose {
		return
	}
	f.e.log.LogAttrs(context.Background(), slog.LevelInfo, s.Name+" fires "+inv.Key, slog.String("flow", f.id))
}

package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"

	"github.com/legible/legible/concepts"
)

// start runs the start function (concepts.Concept.OnStart) of each
// concept, in the order of their names, and stops at the first error,
// which names the concept.
func start(ctx context.Context, impls map[string]*concepts.Concept, log *slog.Logger) error {
	for _, name := range slices.Sorted(maps.Keys(impls)) {
		if err := impls[name].Start(ctx, log); err != nil {
			return fmt.Errorf("starting the concept %s: %w", name, err)
		}
	}
	return nil
}

// startLog is the logger the concepts start with: the build's, or, for
// a restart, the build's with only warnings and errors.
func startLog(o BuildOptions) *slog.Logger {
	if !o.Restart {
		return o.Logger
	}
	return slog.New(atLeast{Handler: o.Logger.Handler(), min: slog.LevelWarn})
}

// atLeast is a slog.Handler that passes on the records of min and above.
type atLeast struct {
	slog.Handler
	min slog.Level
}

// Enabled reports whether the level is min or above, and the handler
// under it takes it.
func (h atLeast) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

// WithAttrs keeps the minimum.
func (h atLeast) WithAttrs(attrs []slog.Attr) slog.Handler {
	return atLeast{Handler: h.Handler.WithAttrs(attrs), min: h.min}
}

// WithGroup keeps the minimum.
func (h atLeast) WithGroup(name string) slog.Handler {
	return atLeast{Handler: h.Handler.WithGroup(name), min: h.min}
}

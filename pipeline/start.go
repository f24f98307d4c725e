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

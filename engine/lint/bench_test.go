package lint_test

import (
	"fmt"
	"runtime/debug"
	"testing"

	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/internal/genapp"
)

// BenchmarkLint loads and checks generated apps of 100 concepts. The bar:
// 1,200 syncs cost less than 5× what 30 syncs cost. Like `legible lint`,
// it runs with the garbage collector off.
func BenchmarkLint(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 30))
	for _, n := range []int{30, 1200} {
		files := toLoad(genapp.Generate(100, n))
		b.Run(fmt.Sprintf("syncs=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, diags := analyzed(files, nil); len(diags) > 0 {
					b.Fatalf("generated app has diagnostics: %v", diags[0])
				}
			}
		})
	}
}

// TestGeneratedAppIsClean keeps the benchmark honest: the app it lints must
// be free of problems, so every check runs to the end.
func TestGeneratedAppIsClean(t *testing.T) {
	_, diags := analyzed(toLoad(genapp.Generate(10, 40)), nil)
	for _, d := range diags {
		t.Errorf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
	}
}

func toLoad(files []genapp.File) []load.File {
	out := make([]load.File, len(files))
	for i, f := range files {
		out[i] = load.File{Name: f.Name, Data: f.Data}
	}
	return out
}

package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/pipeline"
)

func TestAppName(t *testing.T) {
	for mod, want := range map[string]string{
		"shoplist": "shoplist", "example.com/shop-list": "shop_list", "github.com/ann/My.App": "my_app",
		"example.com/2go": "app_2go", "example.com/v--x--": "v_x",
	} {
		if got := appName(mod); got != want {
			t.Errorf("appName(%q) = %q, want %q", mod, got, want)
		}
	}
}

// TestWrittenSpecsLint writes a module and lints its specs as the stock
// binary does: clean but for the note that this binary does not serve the
// module's own concept.
func TestWrittenSpecsLint(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop-list")
	wrote, err := Write(Options{Dir: dir, Version: "v1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	if len(wrote) < 10 {
		t.Fatalf("wrote only %v", wrote)
	}
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil || !strings.HasPrefix(string(mod), "module shop-list\n") || !strings.Contains(string(mod), "require "+ModulePath+" v1.2.3\n") {
		t.Fatalf("go.mod (%v):\n%s", err, mod)
	}
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := env.Lint([]string{filepath.Join(dir, "specs")})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if !strings.Contains(d.Message, "concept Listing has no Go implementation in this binary") {
			t.Errorf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
		}
	}
	if _, err := Write(Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("writing again into %s: %v, want a refusal", dir, err)
	}
}

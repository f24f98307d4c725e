package legible_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// module is legible's module path.
const module = "github.com/legible/legible"

// layers rank legible's packages, by path inside the module: a package may
// import the module's packages of its own layer or of a lower one, never of
// a higher one, so that imports run one way: storage ← the author API
// (concepts) ← the engine ← the HTTP server ← the pipeline ← the command
// line. A path names a folder and everything below it; the longest that
// fits a package decides.
var layers = map[string]int{
	"internal/goname":               0, // helpers that import nothing of legible
	"internal/value":                0,
	"internal/syncbuf":              0,
	"internal/golden":               0,
	"internal/ferret":               0,
	"internal/pgcluster":            0,
	"storage/backend":               1,
	"storage":                       2,
	"storage/sqlite":                3,
	"storage/mongodb":               3,
	"storage/postgres":              3,
	"concepts":                      4, // the author API and the built-in concepts
	"storage/storagetest":           5, // the kits for testing a concept
	"storage/storagetest/mongotest": 5,
	"storage/storagetest/pgtest":    5,
	"internal/plainconduit":         5,
	"engine":                        6,
	"server":                        7,
	"pipeline":                      8,
	"scenario":                      8, // runs scenarios through the pipeline
	"lsp":                           8, // the language server: the pipeline and the scenario runner
	"assistant":                     8, // legible mcp's tools, on the pipeline and the scenarios
	"internal/scaffold":             8,
	"internal/cli":                  9,
	"":                              10, // package legible, the commands and the tools
}

// testOnly are the packages only tests import: no package outside a
// _test.go file may, so that no binary links a database server it did not
// ask for.
var testOnly = []string{"storage/storagetest", "internal/ferret", "internal/golden"}

// TestImportsRunOneWay checks every import of every package of the
// module against its layer.
func TestImportsRunOneWay(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		from := filepath.ToSlash(filepath.Dir(path))
		if from == "." {
			from = ""
		}
		test := strings.HasSuffix(path, "_test.go")
		for _, imp := range f.Imports {
			to, _ := strconv.Unquote(imp.Path.Value)
			if !strings.HasPrefix(to, module) {
				continue
			}
			to = strings.TrimPrefix(strings.TrimPrefix(to, module), "/")
			checked++
			if msg := allowed(from, to, test); msg != "" {
				t.Errorf("%s imports %s: %s", path, to, msg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("checked only %d imports: the walk missed the packages", checked)
	}
}

// allowed says why the package in folder from may not import to ("" when
// it may). Tests may import the kits, and a package's external test may
// import anything a test needs.
func allowed(from, to string, test bool) string {
	for _, kit := range testOnly {
		if !test && within(to, kit) && !within(from, kit) && !within(from, "storage/storagetest") {
			return "only tests import " + kit
		}
	}
	if test {
		return ""
	}
	if lf, lt := layer(from), layer(to); lt > lf {
		return "it is of a higher layer (" + strconv.Itoa(lt) + ") than the importer (" + strconv.Itoa(lf) + "); see layers"
	}
	return ""
}

// layer returns the layer of the package in folder dir: that of the
// longest path of layers that holds it.
func layer(dir string) int {
	best, rank := -1, 0
	for p, r := range layers {
		if within(dir, p) && len(p) > best {
			best, rank = len(p), r
		}
	}
	return rank
}

// within reports whether folder dir is p or below it.
func within(dir, p string) bool {
	return p == "" || dir == p || strings.HasPrefix(dir, p+"/")
}

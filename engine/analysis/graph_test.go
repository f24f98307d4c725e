package analysis

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/engine/check"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/golden"
)

// repoSpec loads and checks the repository's specs/.
func repoSpec(t *testing.T) *spec.Spec {
	t.Helper()
	var files []load.File
	err := filepath.WalkDir("../../specs", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || load.KindOf(p) == load.NotSpec {
			return err
		}
		data, err := os.ReadFile(p)
		files = append(files, load.File{Name: p, Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	sp, diags := load.Load(files, cat)
	if diags = append(diags, check.Check(sp)...); len(diags) > 0 {
		t.Fatal(diags)
	}
	return sp
}

func TestGraphGolden(t *testing.T) {
	sp := repoSpec(t)
	for _, tt := range []struct{ name, route string }{
		{"concepts", ""},
		{"route_login", "POST /users/login"},
		{"route_register", "POST /users"},
	} {
		g := Concepts(sp)
		if tt.route != "" {
			var err error
			if g, err = Route(sp, tt.route); err != nil {
				t.Fatal(err)
			}
		}
		for format, write := range map[string]func(*bytes.Buffer) error{
			"mmd": func(b *bytes.Buffer) error { return g.Mermaid(b) },
			"dot": func(b *bytes.Buffer) error { return g.DOT(b) },
		} {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tt.name+"."+format), b.Bytes())
		}
	}
}

func TestUnknownRoute(t *testing.T) {
	_, err := Route(repoSpec(t), "GET /nowhere")
	if err == nil || !strings.Contains(err.Error(), "POST /users/login") {
		t.Fatalf("error %v, want one listing the routes", err)
	}
}

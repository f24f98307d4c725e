package lint_test

import (
	"bytes"
	"testing"

	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/report"
)

// FuzzLint feeds arbitrary text to the loader and the checker as each kind
// of spec file, next to the test app's other files. Nothing may panic, and
// every diagnostic must point into a file.
func FuzzLint(f *testing.F) {
	base := readDir(f, "testdata/base")
	for _, dir := range []string{"testdata/base", "../../specs"} {
		for name, data := range readDir(f, dir) {
			f.Add(uint8(load.KindOf(name)), data)
		}
	}
	for _, seed := range []string{
		"X:\n  when: [{Requesting.request: {path: \"/a\"}, out: {request}}]\n  then: [{Requesting.respond: {request, body: 'x +'}}]",
		"X:\n  when:\n    - A.b: &a {x: *a}\n  then: []",
		"X: {when: [{Requesting.request: {}}], where: [{collect: {as: l, from: [{bind: {a: '\"\\u00e9\" + b'}}], value: a}}], then: []}",
	} {
		f.Add(uint8(load.SyncFile), []byte(seed))
	}
	names := map[uint8]string{uint8(load.AppFile): "app.yaml", uint8(load.ConceptFile): "concepts/Fuzz.concept.yaml"}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name, ok := names[kind]
		if !ok {
			name = "syncs/fuzz.sync.yaml"
		}
		files := overlay(base, map[string][]byte{name: data})
		var in []load.File
		for n, d := range files {
			in = append(in, load.File{Name: n, Data: d})
		}
		_, diags := analyzed(in, stock.Catalog())
		for _, d := range diags {
			if d.Span.Line < 1 || d.Span.Col < 1 || d.Span.File == "" {
				t.Fatalf("diagnostic without a position: %+v", d)
			}
		}
		var buf bytes.Buffer
		if err := report.Text(&buf, diags, report.SourceMap(files)); err != nil {
			t.Fatal(err)
		}
	})
}

package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/pipeline"
)

// snapshot is one check of an app: the checked app, the text of each
// file as it was checked, and the diagnostics by file. Everything the
// server answers about the app comes from its last snapshot, whose
// positions fit the text it was checked from.
type snapshot struct {
	root     string
	app      *pipeline.App
	texts    map[string]*text     // by file name, the library's specs included
	versions map[string]int       // the versions of the open documents checked
	diags    map[string]diag.List // by file name

	mu      sync.Mutex
	indexes map[string]*fileIndex // built when first asked for
}

// check checks the app's files as they are now: the open documents'
// text, and the other files from disk.
func (s *Server) check(a *appState) *snapshot {
	files, versions := s.files(a)
	app := s.env.CheckParsed(files, a.parses)
	snap := &snapshot{root: a.root, app: app, texts: map[string]*text{}, versions: versions,
		diags: map[string]diag.List{}, indexes: map[string]*fileIndex{}}
	for name, data := range app.Sources {
		snap.texts[name] = newText(data)
	}
	for _, f := range files {
		snap.diags[f.Name] = nil
	}
	for _, d := range app.Diags {
		snap.diags[d.Span.File] = append(snap.diags[d.Span.File], d)
	}
	return snap
}

// files returns the files of the app, each from its open document when
// there is one, else from disk, with the versions of the documents used.
// An open document not yet saved is part of the app too.
func (s *Server) files(a *appState) ([]load.File, map[string]int) {
	names := []string{a.root}
	if !a.alone {
		names, _ = lint.AppFiles(a.root)
	}
	s.mu.Lock()
	docs := make(map[string]*document, len(s.docs))
	for path, d := range s.docs {
		if path == a.root || !a.alone && strings.HasPrefix(path, a.root+string(filepath.Separator)) && lint.AppRoot(path) == a.root {
			docs[path] = d
		}
	}
	s.mu.Unlock()
	versions := map[string]int{}
	var files []load.File
	for _, name := range names {
		if _, ok := docs[name]; ok {
			continue // added below
		}
		if data, err := os.ReadFile(name); err == nil {
			files = append(files, load.File{Name: name, Data: data})
		}
	}
	for path, d := range docs {
		files = append(files, load.File{Name: path, Data: d.data})
		versions[path] = d.version
	}
	slices.SortFunc(files, func(a, b load.File) int { return strings.Compare(a.Name, b.Name) })
	return files, versions
}

// text returns the text of a file of the snapshot, or nil.
func (sn *snapshot) text(name string) *text { return sn.texts[name] }

package load

import (
	"bytes"
	"sync"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// Parses keeps what parsing each file of an app gave, by the file's name
// and content, so that loading the app again after an edit of one file
// parses that file alone: a language server loads its app on every
// edit, and parsing YAML is most of a load. It keeps the files of the
// last load only. A load that uses it must not run beside another one
// that uses it.
type Parses struct {
	mu    sync.Mutex
	files map[string]parsed
	used  map[string]bool // the names the current load parsed
}

// NewParses returns an empty Parses.
func NewParses() *Parses { return &Parses{files: map[string]parsed{}} }

// Load is Load, parsing only the files whose name or content changed
// since the last load that used c. A nil c parses every file.
func (c *Parses) Load(files []File, library Library) (*spec.Spec, diag.List) {
	if c != nil {
		c.used = map[string]bool{}
		defer c.prune()
	}
	return load(files, library, c)
}

// parse parses f, or returns what parsing it gave last time.
func (c *Parses) parse(f File) parsed {
	if c == nil {
		return parse(f)
	}
	c.mu.Lock()
	p, ok := c.files[f.Name]
	c.used[f.Name] = true
	c.mu.Unlock()
	if ok && bytes.Equal(p.file.Data, f.Data) {
		return p
	}
	p = parse(f)
	c.mu.Lock()
	c.files[f.Name] = p
	c.mu.Unlock()
	return p
}

// prune forgets the files the last load did not read.
func (c *Parses) prune() {
	for name := range c.files {
		if !c.used[name] {
			delete(c.files, name)
		}
	}
}

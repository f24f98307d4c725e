package lsp

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
)

// The specs of the built-in concepts live inside the binary, so that an
// app lists them without copying them. To open one, the server writes it
// to its cache folder, read-only, under a folder named by a digest of
// its text: every editor opens a file, none needs a handler for a URI
// scheme of legible's own, and a file never shows the spec of another
// build.

// locationOf returns the location of a span of a file of the snapshot;
// a span in a built-in concept's spec is in its read-only copy.
func (s *Server) locationOf(snap *snapshot, sp diag.Span) (Location, error) {
	t, path := snap.text(sp.File), sp.File
	if builtin, ok := strings.CutPrefix(sp.File, load.BuiltinPrefix); ok {
		t = newText(load.BuiltinSpec(strings.TrimSuffix(builtin, ".concept.yaml")))
	}
	if t == nil {
		return Location{}, fmt.Errorf("%s is not a file of the app", sp.File)
	}
	if strings.HasPrefix(sp.File, load.LibraryPrefix) || strings.HasPrefix(sp.File, load.BuiltinPrefix) {
		var err error
		if path, err = s.readOnly(path, t.data); err != nil {
			return Location{}, err
		}
	}
	return Location{URI: uriOf(path), Range: t.span(sp)}, nil
}

// readOnly writes a built-in spec to the cache folder, unless it is
// there, and returns its path.
func (s *Server) readOnly(name string, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	dir := filepath.Join(s.opts.Cache, "specs", hex.EncodeToString(sum[:8]))
	file := filepath.Join(dir, path.Base(name))
	if _, err := os.Stat(file); err == nil {
		return file, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("writing the built-in spec %s to open it: %w (set the cache folder with --cache)", name, err)
	}
	tmp, err := os.CreateTemp(dir, ".spec-")
	if err != nil {
		return "", fmt.Errorf("writing the built-in spec %s to open it: %w (set the cache folder with --cache)", name, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o444)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return "", fmt.Errorf("writing the built-in spec %s to open it: %w", name, err)
	}
	return file, nil
}

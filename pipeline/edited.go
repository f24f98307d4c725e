package pipeline

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/legible/legible/engine/load"
)

// CheckEdited checks the app in dir as CheckDir does, with some of its
// files as an editor holds them, unsaved: edited maps a file's path
// inside dir ("syncs/users.sync.yaml") to its text, which replaces the
// file's, or adds it when the app has no such file. It returns the
// checked app and the name each edited file goes by in its diagnostics.
// A path that is not a spec file's, or that leads out of dir, is an
// *UnreadableError.
func (e *Env) CheckEdited(dir string, edited map[string][]byte) (*App, map[string]string, error) {
	dir = filepath.Clean(dir)
	files, err := readApp(dir)
	if err != nil {
		return nil, nil, err
	}
	named := map[string]string{}
	for rel, text := range edited {
		name, err := editedName(dir, rel)
		if err != nil {
			return nil, nil, &UnreadableError{Err: err}
		}
		i := slices.IndexFunc(files, func(f load.File) bool { return samePath(f.Name, name) })
		if i < 0 {
			files = append(files, load.File{Name: name})
			i = len(files) - 1
		}
		files[i].Data = text
		named[rel] = files[i].Name
	}
	a := e.Check(files)
	a.Dir = dir
	return a, named, nil
}

// editedName names the file at path rel inside dir, with forward slashes,
// or says why it cannot be one of the app's spec files.
func editedName(dir, rel string) (string, error) {
	if filepath.IsAbs(rel) || !filepath.IsLocal(rel) {
		return "", fmt.Errorf("%s: give the file's path inside the app's folder %s, such as syncs/users.sync.yaml", rel, dir)
	}
	name := filepath.Join(dir, rel)
	if load.KindOf(name) == load.NotSpec {
		return "", fmt.Errorf("%s: not a spec file's name (want app.yaml, NAME.concept.yaml, NAME.sync.yaml or NAME.test.yaml)", rel)
	}
	return filepath.ToSlash(name), nil
}

// samePath reports whether two file names lead to one file.
func samePath(a, b string) bool {
	x, errA := filepath.Abs(filepath.FromSlash(a))
	y, errB := filepath.Abs(filepath.FromSlash(b))
	return errA == nil && errB == nil && x == y
}

package lint

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/legible/legible/engine/load"
)

// skipDir reports whether a folder met while walking holds no specs of the
// app: hidden folders, test fixtures and dependencies.
func skipDir(name string) bool {
	return name != "." && strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules" || name == "vendor"
}

// AppFiles lists the spec files of the app in dir, sorted, not descending
// into folders of other apps (those with an app.yaml of their own) below
// the top. Each is named as the command line would name it (canonical),
// so that a file met through the app and given on its own is one file.
func AppFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && (skipDir(d.Name()) || exists(filepath.Join(p, "app.yaml"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if load.KindOf(p) != load.NotSpec {
			out = append(out, canonical(p))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// Targets expands the command line's paths into the spec files to report
// on. A folder stands for every spec file below it, apps nested in it
// included.
func Targets(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		p = canonical(p)
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			if load.KindOf(p) == load.NotSpec {
				return nil, fmt.Errorf("%s: not a spec file (want app.yaml, NAME.concept.yaml or NAME.sync.yaml)", p)
			}
			out = append(out, p)
			continue
		}
		files, err := allSpecFiles(p)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no spec files (app.yaml, *.concept.yaml, *.sync.yaml) in this folder", p)
		}
		out = append(out, files...)
	}
	return out, nil
}

// canonical names a path as AppRoot names its app's files: an absolute
// path as it is, a relative one relative to the working folder by the
// shortest way ("../engine/x" from engine is "x"), so that one file never
// goes by two names.
func canonical(p string) string {
	p = filepath.Clean(p)
	if filepath.IsAbs(p) {
		return p
	}
	abs, err := filepath.Abs(p)
	wd, werr := os.Getwd()
	if err != nil || werr != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, abs); err == nil {
		return rel
	}
	return p
}

// allSpecFiles lists every spec file below dir, nested apps included,
// each named as the command line would name it (canonical).
func allSpecFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != dir && skipDir(d.Name()):
			return filepath.SkipDir
		case !d.IsDir() && load.KindOf(p) != load.NotSpec:
			out = append(out, canonical(p))
		}
		return nil
	})
	return out, err
}

// AppRoot returns the nearest folder at or above file's folder that holds
// an app.yaml, or "" when there is none (AppOf).
func AppRoot(file string) string { return AppOf(filepath.Dir(file)) }

// AppOf returns the nearest folder at or above dir that holds an
// app.yaml, or "" when there is none. The path is absolute when dir is,
// and otherwise relative to the working folder, so that the app's files
// are named the way the command line named them.
func AppOf(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if exists(filepath.Join(abs, "app.yaml")) {
			if filepath.IsAbs(dir) {
				return abs
			}
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, abs); err == nil {
					return rel
				}
			}
			return abs
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

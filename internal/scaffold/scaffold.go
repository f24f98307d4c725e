// Package scaffold writes a new app module, as `legible new` does: a
// main.go that registers the app's own concept and hands over to legible's
// command line, specs using built-in concepts and that one, the concept in
// Go with its tests, a README with the two commands, a Taskfile and a CI
// workflow that lints.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"golang.org/x/mod/module"

	"github.com/legible/legible/engine/schema"
)

//go:embed all:template
var template embed.FS

// ModulePath is legible's module path, which the new module requires.
const ModulePath = "github.com/legible/legible"

// Options say where and what to write.
type Options struct {
	// Dir is the folder to write into: missing, or empty.
	Dir string
	// Module is the new module's path; the folder's name when empty.
	Module string
	// Version is the version of legible to require; "" or "dev" leaves it
	// to `go mod tidy`, which finds the latest.
	Version string
	// Legible, when set, is a folder holding legible's module, which the
	// new module uses instead of a downloaded one (a replace directive).
	Legible string
}

// Write writes the new module and returns the paths it wrote, relative to
// o.Dir.
func Write(o Options) ([]string, error) {
	if err := emptyOrMissing(o.Dir); err != nil {
		return nil, err
	}
	mod := o.Module
	if mod == "" {
		mod = strings.ToLower(filepath.Base(filepath.Clean(o.Dir)))
	}
	if err := module.CheckImportPath(mod); err != nil {
		return nil, fmt.Errorf("%w; choose a module path with --module, such as example.com/%s", err, appName(mod))
	}
	checkout := ""
	if o.Legible != "" {
		abs, err := filepath.Abs(o.Legible)
		if err != nil {
			return nil, err
		}
		checkout = abs
	}
	files, err := render(mod, checkout)
	if err != nil {
		return nil, err
	}
	if files["go.mod"], err = goMod(mod, checkout, o.Version); err != nil {
		return nil, err
	}
	var wrote []string
	for name, data := range files {
		p := filepath.Join(o.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		wrote = append(wrote, name)
	}
	return wrote, nil
}

// emptyOrMissing refuses a folder that holds anything: nothing is
// overwritten.
func emptyOrMissing(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty; give a new folder, so that nothing is overwritten", dir)
	}
	return nil
}

// render returns the template's files with the module path and app name
// filled in, the notes on a legible checkout the module uses (checkout,
// or "" for none), and the editor schemas of the spec files.
func render(mod, checkout string) (map[string][]byte, error) {
	files := map[string][]byte{}
	fill := strings.NewReplacer("__MODULE__", mod, "__APP__", appName(mod),
		"__CHECKOUT__", checkoutNote(checkout), "__CI_CHECKOUT__", ciNote(checkout))
	err := fs.WalkDir(template, "template", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := template.ReadFile(p)
		text := fill.Replace(string(data))
		files[strings.TrimSuffix(strings.TrimPrefix(p, "template/"), ".tmpl")] = []byte(text)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, kind := range schema.Kinds {
		if files[path.Join(".schema", kind+".json")], err = schema.For(kind); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// notName matches what an app name cannot hold.
var notName = regexp.MustCompile(`[^a-z0-9_]+`)

// appName makes the app's name, an identifier, from the module path's last
// element: "shop-list" gives shop_list.
func appName(mod string) string {
	name := strings.Trim(notName.ReplaceAllString(strings.ToLower(path.Base(mod)), "_"), "_")
	if name == "" || name[0] < 'a' || name[0] > 'z' {
		name = "app_" + name
	}
	return strings.TrimSuffix(name, "_")
}

// goMod returns the new module's go.mod: it requires legible at version,
// or replaces it with the checkout at the absolute path checkout.
func goMod(mod, checkout, version string) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "module %s\n\ngo %s\n", mod, strings.TrimPrefix(runtime.Version(), "go"))
	switch {
	case checkout != "":
		if _, err := os.Stat(filepath.Join(checkout, "go.mod")); err != nil {
			return nil, fmt.Errorf("--legible %s: %w; give the folder of legible's go.mod", checkout, err)
		}
		fmt.Fprintf(&b, "\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %s => %s\n", ModulePath, ModulePath, filepath.ToSlash(checkout))
	case version != "" && version != "dev":
		fmt.Fprintf(&b, "\nrequire %s %s\n", ModulePath, version)
	}
	return []byte(b.String()), nil
}

// checkoutNote is the README's section on the legible checkout the module
// uses, or "" for none.
func checkoutNote(checkout string) string {
	if checkout == "" {
		return ""
	}
	return fmt.Sprintf(`
## legible from a checkout

This module uses legible from the checkout at %s: its go.mod
replaces the module %s with that folder. The CI workflow in
`+"`.github/workflows/ci.yml`"+` cannot build it on another machine, which has no
such folder: once legible's module is published, drop the replace
(`+"`go mod edit -dropreplace %s && go get %s@latest`"+`).
`, filepath.ToSlash(checkout), ModulePath, ModulePath, ModulePath)
}

// ciNote is the CI workflow's warning on the legible checkout the module
// uses, or "" for none.
func ciNote(checkout string) string {
	if checkout == "" {
		return ""
	}
	return fmt.Sprintf("# go.mod replaces %s with the checkout at %s, which a CI\n"+
		"# machine does not have: this workflow fails until that replace goes (see README.md).\n", ModulePath, filepath.ToSlash(checkout))
}

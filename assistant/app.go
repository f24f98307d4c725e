package assistant

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/pipeline"
)

// checkApp checks the app in dir, named by its absolute path so that
// every file in the output is, or says why it cannot.
func (t *tools) checkApp(dir string) (*pipeline.App, error) {
	if dir == "" {
		return nil, fmt.Errorf("give the app's folder, the one holding its app.yaml")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	app, err := t.env.CheckDir(abs)
	if err != nil {
		return nil, fmt.Errorf("%w; give the folder that holds the app's app.yaml", err)
	}
	return app, nil
}

// lintDiags are the diagnostics lint reports on an app.
func lintDiags(a *pipeline.App) diag.List { return a.Diags }

// wholeApp checks the app in dir and returns it when errs, the
// diagnostics that matter to the caller, holds no error; else an error
// that names the first of them and says to lint.
func (t *tools) wholeApp(dir string, errs func(*pipeline.App) diag.List) (*pipeline.App, error) {
	app, err := t.checkApp(dir)
	if err != nil {
		return nil, err
	}
	if app.Spec.App == nil {
		return nil, fmt.Errorf("%s has no app.yaml; write one naming the app and its concepts, or give the app's folder", app.Dir)
	}
	var first []string
	n := 0
	for _, d := range errs(app) {
		if d.Severity != diag.Error {
			continue
		}
		if n++; n <= 3 {
			first = append(first, fmt.Sprintf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule))
		}
	}
	if n > 0 {
		return nil, fmt.Errorf("%s has %s; fix them first (the lint tool gives each with its hint): %s", app.Dir, plural(n, "error"), strings.Join(first, "; "))
	}
	return app, nil
}

// plural counts n things: "1 error", "2 errors".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// inside returns file's path inside the app's folder dir (absolute): file
// is such a path already, or an absolute path below dir.
func inside(dir, file string) (string, error) {
	if !filepath.IsAbs(file) {
		return file, nil
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil || !filepath.IsLocal(rel) {
		return "", fmt.Errorf("%s is not inside the app's folder %s; give a path inside it, such as syncs/users.sync.yaml", file, dir)
	}
	return rel, nil
}

// Package lint holds what checking an app takes besides the checks
// themselves: finding an app's files, running the loader, the checker and
// the flow analysis over them, and applying the app's rule settings and
// ignore comments. The pipeline (package pipeline) puts them together
// with the binary's concepts, for `legible lint`, `serve` and the rest.
package lint

import (
	"github.com/legible/legible/engine/analysis"
	"github.com/legible/legible/engine/check"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/spec"
)

// Check loads the files of one app, with the specs of library (which may
// be nil), and checks them against the rules of the spec language
// (Language); when those find no error, the flow analysis runs too. It
// looks at no Go implementation, and applies none of the app's settings
// (Configure).
func Check(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	return CheckParsed(files, library, nil)
}

// CheckParsed is Check, reusing what parses kept of the files that did
// not change since it was last used (load.Parses); parses may be nil.
func CheckParsed(files []load.File, library load.Library, parses *load.Parses) (*spec.Spec, diag.List) {
	sp, diags := language(files, library, parses)
	if diags.Count(diag.Error) == 0 {
		diags = append(diags, analysis.Check(sp)...)
	}
	return sp, diags
}

// Language loads the files of one app, with the specs of library (which
// may be nil), and checks them against the rules of the spec language
// alone, without the flow analysis.
func Language(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	return language(files, library, nil)
}

// language is Language, loading with parses (which may be nil).
func language(files []load.File, library load.Library, parses *load.Parses) (*spec.Spec, diag.List) {
	sp, diags := parses.Load(files, library)
	return sp, append(diags, check.Check(sp)...).Sort()
}

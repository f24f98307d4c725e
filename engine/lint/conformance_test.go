package lint_test

import (
	"strings"
	"testing"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/concepts/profile"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/pipeline"
)

// TestConformanceInLint checks which implementation `legible lint`
// compares each concept of an app with: the flagship's library concepts
// with the built-in ones; an app's own Profile spec never with the
// built-in Profile (a note says none serves it), but with the app's own
// implementation when the binary registers one.
func TestConformanceInLint(t *testing.T) {
	own := profile.Module()
	own.Spec = nil // the built-in implementation, registered as the app's own
	withOwn, err := pipeline.NewEnv(append(library.Modules(), own)...)
	if err != nil {
		t.Fatal(err)
	}
	base := readDir(t, "../../specs")
	spec := string(profile.Module().Spec)
	// a query the implementation lacks, which no sync uses, first of the
	// queries (the spec's scenarios follow them)
	drifted := strings.Replace(spec, "\nqueries:\n", "\nqueries:\n  _byBio:\n    in: { bio: String }\n    out: { user: User }\n", 1)
	if drifted == spec {
		t.Fatal("Profile's spec has no `queries:`")
	}
	for _, tt := range []struct {
		name         string
		profile      string // the app's own Profile spec, if any
		env          *pipeline.Env
		errors, note bool
	}{
		{"library specs", "", stock, false, false},
		{"own spec, stock binary", spec, stock, false, true},
		{"own drifted spec, stock binary", drifted, stock, false, true},
		{"own spec, own implementation", spec, withOwn, false, false},
		{"own drifted spec, own implementation", drifted, withOwn, true, false},
	} {
		files := base
		if tt.profile != "" {
			files = overlay(base, map[string][]byte{"concepts/Profile.concept.yaml": []byte(tt.profile)})
		}
		var in []load.File
		for n, d := range files {
			in = append(in, load.File{Name: n, Data: d})
		}
		diags := tt.env.Check(in).Diags
		var errors, note bool
		for _, d := range diags {
			if d.Rule != rules.Conformance.ID {
				t.Errorf("%s: %s", tt.name, d.Message)
			}
			errors = errors || d.Severity == diag.Error
			note = note || d.Severity == diag.Info && strings.Contains(d.Message, "built-in Profile serves only its own")
		}
		if errors != tt.errors || note != tt.note {
			t.Errorf("%s: errors %v, note %v; want %v, %v: %v", tt.name, errors, note, tt.errors, tt.note, diags)
		}
	}
}

// TestLooseSpecFilesServeNothing lints a concept spec without an app: no
// binary serves it, and lint does not say so.
func TestLooseSpecFilesServeNothing(t *testing.T) {
	diags := stock.Check([]load.File{{Name: "Shelving.concept.yaml", Data: []byte("concept: Shelving\npurpose: keep books\n")}}).Diags
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}

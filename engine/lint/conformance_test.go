package lint

import (
	"strings"
	"testing"

	"github.com/legible/legible/engine/load"
)

// TestConformanceInLint checks that `legible lint` compares a concept the
// binary implements (Profile) with the app's spec of it: the flagship's
// spec, as implemented, and drifted.
func TestConformanceInLint(t *testing.T) {
	base := readDir(t, "../../specs")
	for name, want := range map[string]bool{"as implemented": false, "drifted": true} {
		files := base
		if want {
			drifted := strings.Replace(string(base["concepts/Profile.concept.yaml"]), "update:", "refresh:", 1)
			files = overlay(base, map[string][]byte{"concepts/Profile.concept.yaml": []byte(drifted)})
		}
		var in []load.File
		for n, d := range files {
			in = append(in, load.File{Name: n, Data: d})
		}
		_, diags := App(in)
		got := false
		for _, d := range diags {
			got = got || d.Rule == "conformance"
		}
		if got != want {
			t.Errorf("%s: conformance diagnostics %v, want %v: %v", name, got, want, diags)
		}
	}
}

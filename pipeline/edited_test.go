package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
)

// loginApp writes an app with one sync file to a new folder.
func loginApp(t *testing.T) string {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app.yaml", "app: shop\nbase: /api\nconcepts: [Requesting, Authenticating]\n")
	write("syncs/login.sync.yaml", `Login:
  when:
    - Requesting.request: { method: "POST", path: "/login", email, password }
  then:
    - Authenticating.login: { email, password }
`)
	return dir
}

// TestCheckEditedReplacesAFile checks an app with its sync file's text
// replaced by one that reads an unbound variable: the diagnostic is in
// the edited text, at its line, under the file's name, and the file on
// disk is checked no more.
func TestCheckEditedReplacesAFile(t *testing.T) {
	dir := loginApp(t)
	edited := `Login:
  when:
    - Requesting.request: { method: "POST", path: "/login", email }
  then:
    - Authenticating.login: { email, password }
`
	app, named, err := library(t).CheckEdited(dir, map[string][]byte{"syncs/login.sync.yaml": []byte(edited)})
	if err != nil {
		t.Fatal(err)
	}
	name := named["syncs/login.sync.yaml"]
	if name != filepath.ToSlash(filepath.Join(dir, "syncs/login.sync.yaml")) {
		t.Fatalf("the edited file is named %q", name)
	}
	var unbound []diag.Diagnostic
	for _, d := range app.Diags {
		if d.Rule == rules.UnboundVariable.ID {
			unbound = append(unbound, d)
		}
	}
	if len(unbound) != 1 || unbound[0].Span.File != name || unbound[0].Span.Line != 5 || !strings.Contains(unbound[0].Message, "`password`") {
		t.Fatalf("want `password` unbound at %s:5, got %v", name, app.Diags)
	}
	for _, d := range app.Diags {
		if d.Rule == rules.Duplicate.ID {
			t.Errorf("the file on disk was checked beside the edited text: %s", d.Message)
		}
	}
	if string(app.Sources[name]) != edited {
		t.Errorf("the source of %s is not the edited text", name)
	}
}

// TestCheckEditedAddsAFile checks an app with a file it does not have:
// the sync it adds is checked with the app's, against the app's concepts.
func TestCheckEditedAddsAFile(t *testing.T) {
	dir := loginApp(t)
	added := "Again:\n  when:\n    - Requesting.request: { path: \"/again\" }\n  then:\n    - Authenticating.logn: {}\n"
	app, named, err := library(t).CheckEdited(dir, map[string][]byte{"syncs/again.sync.yaml": []byte(added)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range app.Diags {
		if d.Span.File == named["syncs/again.sync.yaml"] {
			got = append(got, d.Rule)
		}
	}
	if len(got) != 1 || got[0] != rules.UnknownAction.ID {
		t.Errorf("the added file reports %v, want unknown-action alone: %v", got, app.Diags)
	}
}

// TestCheckEditedRefusesOtherPaths checks that a path out of the app, or
// not a spec file's, is refused with what to give instead.
func TestCheckEditedRefusesOtherPaths(t *testing.T) {
	dir := loginApp(t)
	for _, rel := range []string{"../x.sync.yaml", "/etc/x.sync.yaml", "syncs/notes.txt"} {
		_, _, err := library(t).CheckEdited(dir, map[string][]byte{rel: []byte("x: 1\n")})
		var u *UnreadableError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), rel) {
			t.Errorf("%s: got %v, want an UnreadableError naming it", rel, err)
		}
	}
}

// TestLibrary checks the concepts an app can use without specs: the
// built-in Requesting first, then the library's by name, each with its
// spec's text.
func TestLibrary(t *testing.T) {
	env := library(t)
	ks, err := env.Library()
	if err != nil {
		t.Fatal(err)
	}
	if len(ks) < 3 || ks[0].Name.Name != "Requesting" || !ks[0].Builtin {
		t.Fatalf("want Requesting built in first, got %d concepts", len(ks))
	}
	names := map[string]bool{}
	for _, k := range ks[1:] {
		names[k.Name.Name] = true
		if !k.Library || k.Builtin || len(env.SpecText(k.Name.Name)) == 0 || k.Purpose == "" {
			t.Errorf("%s: library %v, builtin %v, %d bytes of spec", k.Name.Name, k.Library, k.Builtin, len(env.SpecText(k.Name.Name)))
		}
	}
	if !names["Tokens"] || !names["Authenticating"] {
		t.Errorf("the library lacks Tokens or Authenticating: %v", names)
	}
	if env.SpecText("Requesting") == nil || env.SpecText("Nope") != nil {
		t.Error("SpecText: want Requesting's spec, and nothing for Nope")
	}
}

package assistant

import (
	"path/filepath"
	"strings"
	"testing"
)

// shelving is a concept of an app's own.
const shelving = `concept: Shelving [Book]
purpose: keep books on shelves
actions:
  shelve:
    in: { book: Book, "shelf?": String }
    out:
      - { book: Book }
      - { error: String }
queries:
  _onShelf:
    in: { shelf: String }
    out: { book: Book }
scenarios:
  principle:
    - Shelving.shelve: { book: "b1", shelf: "top" }
      out: { book }
    - Shelving._onShelf: { shelf: "top" }
      rows: [ { book: "b1" } ]
`

// TestListConcepts lists the built-in concepts, and with an app its own
// too, saying which the app lists.
func TestListConcepts(t *testing.T) {
	cs := connect(t)
	var lib conceptsOut
	call(t, cs, "list_concepts", map[string]any{}, &lib)
	sources := map[string]conceptLine{}
	for _, c := range lib.Concepts {
		sources[c.Name] = c
	}
	if c := sources["Requesting"]; c.Source != inEveryApp || !c.Listed || lib.Concepts[0].Name != "Requesting" {
		t.Errorf("Requesting: %+v, want first, in every app", c)
	}
	if c := sources["Tokens"]; c.Source != builtIn || c.Listed || c.Purpose == "" {
		t.Errorf("Tokens: %+v, want built-in with its purpose", c)
	}
	dir := writeApp(t, map[string]string{
		"app.yaml":                       "app: shelf\nbase: /api\nconcepts: [Requesting, Tokens, Shelving]\n",
		"concepts/Shelving.concept.yaml": shelving,
	})
	var app conceptsOut
	call(t, cs, "list_concepts", map[string]any{"app": dir}, &app)
	last := app.Concepts[len(app.Concepts)-1]
	if last.Name != "Shelving" || last.Source != appsOwn || !last.Listed || last.Purpose != "keep books on shelves" {
		t.Errorf("the app's own concept: %+v", last)
	}
	for _, c := range app.Concepts {
		if c.Listed != (c.Name == "Requesting" || c.Name == "Tokens" || c.Name == "Shelving") {
			t.Errorf("%s: listed %v", c.Name, c.Listed)
		}
	}
}

// TestShowConcept shows a built-in concept's signatures, outcomes,
// requires, effects and text, an app's own concept with its optional
// input and its scenario, an app's own concept named like a built-in one
// in its place, and says what a misspelled name may be.
func TestShowConcept(t *testing.T) {
	cs := connect(t)
	var k conceptOut
	call(t, cs, "show_concept", map[string]any{"name": "Authenticating"}, &k)
	if k.Source != builtIn || k.File != "<library>/Authenticating.concept.yaml" || strings.Join(k.TypeParams, ",") != "User" ||
		strings.Join(k.Secrets, ",") != "password" || !strings.HasPrefix(k.Spec, "# yaml-language-server") {
		t.Fatalf("Authenticating: %+v", k)
	}
	update := k.Actions[2]
	if update.Signature != "update(user: User, email?: String, password?: String) -> {user: User} | {error: String}" ||
		!update.Inputs[1].Optional || update.Inputs[0].Optional || !update.Outcomes[1].Error || update.Outcomes[0].Error ||
		!strings.Contains(update.Requires, "the user exists") || !strings.Contains(update.Effects, "password hash") {
		t.Errorf("update: %+v", update)
	}
	if q := k.Queries[0]; q.Signature != "_getByEmail(email: String) -> {user: User}" {
		t.Errorf("a query: %+v", q)
	}
	dir := writeApp(t, map[string]string{
		"app.yaml":                       "app: shelf\nbase: /api\nconcepts: [Requesting, Shelving]\n",
		"concepts/Shelving.concept.yaml": shelving,
	})
	var own conceptOut
	call(t, cs, "show_concept", map[string]any{"name": "Shelving", "app": dir}, &own)
	scenario := named{Name: "principle", File: filepath.ToSlash(filepath.Join(dir, "concepts/Shelving.concept.yaml")), Line: 14}
	if own.Source != appsOwn || own.Spec != shelving || own.Actions[0].Signature != "shelve(book: Book, shelf?: String) -> {book: Book} | {error: String}" ||
		len(own.Scenarios) != 1 || own.Scenarios[0] != scenario {
		t.Errorf("Shelving: %+v", own)
	}
	mine := writeApp(t, map[string]string{
		"app.yaml":                      "app: shelf\nbase: /api\nconcepts: [Requesting, Profile]\n",
		"concepts/Profile.concept.yaml": strings.ReplaceAll(shelving, "Shelving", "Profile"),
	})
	var profile conceptOut
	call(t, cs, "show_concept", map[string]any{"name": "Profile", "app": mine}, &profile)
	if profile.Source != appsOwn || profile.Purpose != "keep books on shelves" {
		t.Errorf("an app's own Profile: %+v, want it in place of the built-in one", profile)
	}
	if msg := callError(t, cs, "show_concept", map[string]any{"name": "Authenticatng"}); !strings.Contains(msg, "did you mean `Authenticating`?") {
		t.Errorf("a misspelled concept says %q", msg)
	}
	if msg := callError(t, cs, "show_concept", map[string]any{"name": "Shelving"}); !strings.Contains(msg, "give app") {
		t.Errorf("an app's own concept without the app says %q", msg)
	}
}

// Package schema holds JSON Schemas for the spec file kinds, for
// editors using yaml-language-server.
//
// The schemas (draft 2020-12) are hand-written JSON files embedded in the
// binary. They describe the shape of a file, with a description on every key
// so editors can show help and complete keys; they do not replace
// `legible lint`, which also checks names across files, types and
// expressions. To use one in an editor, point a modeline at it:
//
//	# yaml-language-server: $schema=https://legible.dev/schema/concept.json
package schema

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
)

//go:embed concept.json sync.json app.json test.json
var files embed.FS

// Kinds lists the spec file kinds that have a schema, in the order they are
// usually written: concepts, then syncs, then the app, then its tests.
var Kinds = []string{"concept", "sync", "app", "test"}

// For returns the JSON Schema for kind, one of Kinds, as indented JSON.
func For(kind string) ([]byte, error) {
	if !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("no schema for kind %q: the kinds are %s", kind, strings.Join(Kinds, ", "))
	}
	return files.ReadFile(kind + ".json")
}

// KindOf returns the schema kind for a spec file path, by its file name:
// "app" for app.yaml, "concept" for NAME.concept.yaml, "sync" for
// NAME.sync.yaml and "test" for NAME.test.yaml. It reports false for any
// other file.
func KindOf(p string) (string, bool) {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	switch {
	case base == "app.yaml":
		return "app", true
	case strings.HasSuffix(base, ".concept.yaml"):
		return "concept", true
	case strings.HasSuffix(base, ".sync.yaml"):
		return "sync", true
	case strings.HasSuffix(base, ".test.yaml"):
		return "test", true
	}
	return "", false
}

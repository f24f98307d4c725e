package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/rules"
)

// compiled holds each kind's compiled schema, built once for all tests.
var compiled = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	urls := map[string]string{}
	for _, kind := range Kinds {
		data, err := For(kind)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s schema: %w", kind, err)
		}
		urls[kind] = doc.(map[string]any)["$id"].(string)
		if err := c.AddResource(urls[kind], doc); err != nil {
			return nil, fmt.Errorf("%s schema: %w", kind, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, kind := range Kinds {
		sch, err := c.Compile(urls[kind])
		if err != nil {
			return nil, fmt.Errorf("%s schema: %w", kind, err)
		}
		out[kind] = sch
	}
	return out, nil
})

// schemaFor returns the compiled schema of kind, failing the test if the
// schemas do not compile.
func schemaFor(t *testing.T, kind string) *jsonschema.Schema {
	t.Helper()
	schemas, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	return schemas[kind]
}

// validateFile validates the spec file at path against the schema its name
// selects. An empty file holds nothing to validate, as for the loader.
func validateFile(t *testing.T, path string) error {
	t.Helper()
	kind, ok := KindOf(path)
	if !ok {
		t.Fatalf("%s: not a spec file name", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeYAML(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if doc == nil {
		return nil
	}
	return schemaFor(t, kind).Validate(doc)
}

// decodeYAML decodes the first YAML document of data into the values the
// validator takes: maps with string keys, json.Number for integers.
func decodeYAML(data []byte) (any, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return toJSON(v)
}

// toJSON converts a value decoded by yaml.v3 into its JSON counterpart.
func toJSON(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[any]any, len(v))
		for k, e := range v {
			m[k] = e
		}
		return toJSON(m)
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			j, err := toJSON(e)
			if err != nil {
				return nil, err
			}
			key := "null"
			if k != nil {
				key = fmt.Sprint(k)
			}
			out[key] = j
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			j, err := toJSON(e)
			if err != nil {
				return nil, err
			}
			out[i] = j
		}
		return out, nil
	case int:
		return json.Number(strconv.Itoa(v)), nil
	case int64:
		return json.Number(strconv.FormatInt(v, 10)), nil
	case uint64:
		return json.Number(strconv.FormatUint(v, 10)), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%v has no JSON form", v)
		}
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64)), nil
	case time.Time:
		return v.Format(time.RFC3339Nano), nil
	case []byte:
		return string(v), nil
	case nil, string, bool:
		return v, nil
	}
	return nil, fmt.Errorf("unexpected YAML value %T", v)
}

func TestFor(t *testing.T) {
	for _, kind := range Kinds {
		t.Run(kind, func(t *testing.T) {
			data, err := For(kind)
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			checks := []struct{ key, want string }{
				{"$schema", "https://json-schema.org/draft/2020-12/schema"},
				{"$id", "https://legible.dev/schema/" + kind + ".json"},
			}
			for _, c := range checks {
				if doc[c.key] != c.want {
					t.Errorf("%s = %v, want %q", c.key, doc[c.key], c.want)
				}
			}
			lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			if len(lines) < 10 {
				t.Errorf("%s.json is not indented: %d lines", kind, len(lines))
			}
			for i, line := range lines {
				if indent := len(line) - len(strings.TrimLeft(line, " ")); indent%2 != 0 || strings.ContainsRune(line, '\t') {
					t.Errorf("%s.json:%d: indent with two spaces, no tabs", kind, i+1)
				}
			}
			if schemaFor(t, kind) == nil {
				t.Errorf("no compiled schema")
			}
		})
	}
}

func TestForUnknownKind(t *testing.T) {
	for _, kind := range []string{"", "Concept", "concepts", "app.yaml", "syncs"} {
		data, err := For(kind)
		if err == nil {
			t.Errorf("For(%q) = %d bytes, want an error", kind, len(data))
			continue
		}
		for _, k := range Kinds {
			if !strings.Contains(err.Error(), k) {
				t.Errorf("For(%q) error %q does not name the kind %q", kind, err, k)
			}
		}
	}
}

// TestDescriptions checks that editors have help to show: a title and a
// description at the top and on every definition, and a description on every
// property.
func TestDescriptions(t *testing.T) {
	for _, kind := range Kinds {
		data, err := For(kind)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		need := func(where string, s any, keys ...string) {
			m, ok := s.(map[string]any)
			if !ok {
				t.Errorf("%s.json %s: not a schema object", kind, where)
				return
			}
			for _, k := range keys {
				if v, _ := m[k].(string); strings.TrimSpace(v) == "" {
					t.Errorf("%s.json %s: no %s", kind, where, k)
				}
			}
		}
		need("top", doc, "title", "description")
		defs, _ := doc["$defs"].(map[string]any)
		for name, def := range defs {
			need("$defs/"+name, def, "title", "description")
		}
		var walk func(where string, v any)
		walk = func(where string, v any) {
			switch v := v.(type) {
			case map[string]any:
				for _, key := range []string{"properties", "patternProperties"} {
					props, _ := v[key].(map[string]any)
					for name, p := range props {
						need(where+"/"+key+"/"+name, p, "description")
					}
				}
				for k, e := range v {
					walk(where+"/"+k, e)
				}
			case []any:
				for i, e := range v {
					walk(where+"/"+strconv.Itoa(i), e)
				}
			}
		}
		walk("#", doc)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		path string
		kind string
		ok   bool
	}{
		{"app.yaml", "app", true},
		{"specs/app.yaml", "app", true},
		{`specs\app.yaml`, "app", true},
		{"specs/concepts/Sessioning.concept.yaml", "concept", true},
		{"specs/syncs/login.sync.yaml", "sync", true},
		{"/abs/path/x.sync.yaml", "sync", true},
		{"myapp.yaml", "", false},
		{"app.yml", "", false},
		{"Sessioning.concept.yml", "", false},
		{"login.sync.json", "", false},
		{"concept.yaml", "", false},
		{"specs/app.yaml/README.md", "", false},
	}
	for _, tt := range tests {
		kind, ok := KindOf(tt.path)
		if kind != tt.kind || ok != tt.ok {
			t.Errorf("KindOf(%q) = %q, %v; want %q, %v", tt.path, kind, ok, tt.kind, tt.ok)
		}
	}
}

// specFiles lists the spec files under dir, relative paths included.
func specFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if _, ok := KindOf(p); ok && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestValid(t *testing.T) {
	files := specFiles(t, filepath.Join("testdata", "valid"))
	kinds := map[string]int{}
	for _, f := range files {
		kind, _ := KindOf(f)
		kinds[kind]++
		t.Run(filepath.ToSlash(f), func(t *testing.T) {
			if err := validateFile(t, f); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		})
	}
	for _, kind := range Kinds {
		if kinds[kind] == 0 {
			t.Errorf("testdata/valid has no %s file", kind)
		}
	}
}

func TestInvalid(t *testing.T) {
	// want is a part of the validator's message: where or why the file fails.
	tests := []struct {
		file string
		want string
	}{
		// sync files
		{"misspelled_where.sync.yaml", "'wehre'"},
		{"two_actions.sync.yaml", "at '/LoginSession/when/0'"},
		{"two_queries.sync.yaml", "at '/CurrentUser/where/0'"},
		{"no_action.sync.yaml", "at '/LoginSession/when/0'"},
		{"collect_fields_and_value.sync.yaml", "at '/Comments/where/0/collect'"},
		{"collect_neither.sync.yaml", "at '/Comments/where/0/collect'"},
		{"nested_collect_bad.sync.yaml", "at '/Comments/where/0/collect/from/1/collect/from/0'"},
		{"optional_in_when.sync.yaml", "'optional'"},
		{"empty_when.sync.yaml", "at '/Tick/when'"},
		{"missing_then.sync.yaml", "'then'"},
		{"nested_argument.sync.yaml", "at '/Register/then/0/Requesting.respond/body'"},
		{"step_extra_key.sync.yaml", "at '/Register/where/0'"},
		{"lowercase_sync_name.sync.yaml", "loginSession"},
		{"bad_action_key.sync.yaml", "'sessioning.create'"},
		// concept files
		{"query_no_underscore.concept.yaml", "getUser"},
		{"action_underscore.concept.yaml", "_get"},
		{"query_alternatives.concept.yaml", "at '/queries/_getUser/out'"},
		{"misspelled_purpose.concept.yaml", "'purpse'"},
		{"misspelled_action_key.concept.yaml", "'ouput'"},
		{"no_concept.concept.yaml", "'concept'"},
		{"bad_header.concept.yaml", "at '/concept'"},
		{"bad_type.concept.yaml", "at '/actions/create/in/username'"},
		{"error_with_output.concept.yaml", "at '/actions/create/out/1'"},
		{"error_not_string.concept.yaml", "at '/actions/create/out/1/error'"},
		{"optional_output.concept.yaml", "bio?"},
		{"bad_secrets.concept.yaml", "at '/secrets'"},
		// test files
		{"request_extra_key.test.yaml", "'expct'"},
		{"bad_outcome.test.yaml", "at '/an outcome a flow cannot have/0/expect/outcome'"},
		// app files
		{"no_app/app.yaml", "'app'"},
		{"passthrough_no_why/app.yaml", "'why'"},
		{"auth_no_as/app.yaml", "'as'"},
		{"bad_timeout/app.yaml", "at '/timeout'"},
		{"zero_timeout/app.yaml", "at '/timeout'"},
		{"bad_body_limit/app.yaml", "at '/bodyLimit'"},
		{"bad_base/app.yaml", "at '/base'"},
		{"app_misspelled/app.yaml", "'concept'"},
	}
	dir := filepath.Join("testdata", "invalid")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, filepath.FromSlash(tt.file))
			err := validateFile(t, path)
			var verr *jsonschema.ValidationError
			switch {
			case err == nil:
				t.Fatalf("%s: valid, want a validation error", path)
			case !errors.As(err, &verr):
				t.Fatalf("%s: %v, want a validation error", path, err)
			case !strings.Contains(err.Error(), tt.want):
				t.Errorf("%s: the error does not mention %s:\n%v", path, tt.want, err)
			}
		})
	}
	// Every invalid file must be in the table, so none is silently skipped.
	for _, f := range specFiles(t, dir) {
		rel, _ := filepath.Rel(dir, f)
		if !slices.ContainsFunc(tests, func(tt struct{ file, want string }) bool { return tt.file == filepath.ToSlash(rel) }) {
			t.Errorf("%s is not in TestInvalid's table", f)
		}
	}
}

// TestRepositorySpecs validates the repository's own specs, so the schemas
// keep accepting what the project actually writes.
func TestRepositorySpecs(t *testing.T) {
	dir := filepath.Join("..", "..", "specs")
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s does not exist", dir)
	}
	files := specFiles(t, dir)
	if len(files) == 0 {
		t.Skipf("%s holds no spec files", dir)
	}
	for _, f := range files {
		name, _ := filepath.Rel(dir, f)
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			if err := validateFile(t, f); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		})
	}
}

// TestLintRulesAreTheAdjustable checks that app.json's `lint.rules` names
// exactly the rules an app may change.
func TestLintRulesAreTheAdjustable(t *testing.T) {
	data, err := For("app")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Properties struct {
			Lint struct {
				Properties struct {
					Rules struct {
						PropertyNames struct{ Enum []string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range rules.All() {
		if r.Adjustable {
			want = append(want, r.ID)
		}
	}
	got := doc.Properties.Lint.Properties.Rules.PropertyNames.Enum
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("app.json's lint.rules names %v; the adjustable rules are %v", got, want)
	}
}

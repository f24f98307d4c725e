package report

import (
	"cmp"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"slices"

	"github.com/legible/legible/engine/diag"
)

// The fixed parts of the SARIF log.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolName     = "legible"
	toolURI      = "https://github.com/legible/legible/blob/main/README.md#lint-reference"
	srcRoot      = "%SRCROOT%"
)

// RuleDocs holds a one-line description of each rule, used as the rule's
// short description in SARIF output.
var RuleDocs = map[string]string{
	"yaml":               "a spec file is not well-formed YAML",
	"schema":             "a spec file does not have the shape the spec format requires",
	"unknown-concept":    "a sync refers to a concept no spec defines",
	"unknown-action":     "a sync refers to an action its concept does not define",
	"unknown-param":      "an action pattern names a parameter the action does not have",
	"missing-input":      "an action invocation leaves out a required input",
	"unbound-variable":   "a variable is read before any when/where step binds it",
	"then-output":        "a then action binds outputs, which a then step never receives",
	"mixed-outcomes":     "an action pattern matches outputs of different outcomes at once",
	"kind":               "a value is used as a kind of thing it is not",
	"type":               "a value's type does not match the type expected where it is used",
	"expr":               "an expression is malformed or cannot be evaluated",
	"base-path":          "an API base path is malformed or inconsistent",
	"unanswered-request": "a request can reach a state in which no sync responds to it",
	"overlapping-syncs":  "two syncs match the same actions and may both fire",
	"empty-success":      "a success outcome carries no outputs",
	"passthrough":        "a sync only copies one action into another and adds nothing",
	"duplicate":          "the same name is defined more than once",
	"unused-variable":    "a variable is bound but never read",
	"cycle":              "syncs trigger each other in a loop",
	"conformance":        "an implementation does not behave as its spec says",
}

// SARIF writes l as a SARIF 2.1.0 log with one run, in the form GitHub code
// scanning accepts. Each rule used in l is described once, sorted by id.
// version is legible's version, reported as the tool's.
func SARIF(w io.Writer, l diag.List, version string) error {
	rules := sarifRules(l)
	results := make([]sarifResult, 0, len(l))
	for _, d := range l {
		results = append(results, sarifResultFor(d, rules))
	}
	return encodeJSON(w, sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: toolName, InformationURI: toolURI, Version: version, Rules: rules,
			}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	})
}

// sarifRules describes every rule used in l, sorted by id; a rule's default
// level is that of its most serious diagnostic.
func sarifRules(l diag.List) []sarifRule {
	worst := map[string]diag.Severity{}
	for _, d := range l {
		if s, ok := worst[d.Rule]; !ok || d.Severity > s {
			worst[d.Rule] = d.Severity
		}
	}
	rules := make([]sarifRule, 0, len(worst))
	for id, sev := range worst {
		rules = append(rules, sarifRule{
			ID:                   id,
			Name:                 id,
			ShortDescription:     sarifText{Text: ruleDoc(id)},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(sev)},
		})
	}
	slices.SortFunc(rules, func(a, b sarifRule) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// ruleDoc returns the description of a rule, or its id when it has none.
func ruleDoc(id string) string {
	if doc, ok := RuleDocs[id]; ok {
		return doc
	}
	return id
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// sarifResultFor converts one diagnostic; rules must hold its rule.
func sarifResultFor(d diag.Diagnostic, rules []sarifRule) sarifResult {
	index := slices.IndexFunc(rules, func(r sarifRule) bool { return r.ID == d.Rule })
	return sarifResult{
		RuleID:    d.Rule,
		RuleIndex: index,
		Level:     sarifLevel(d.Severity),
		Message:   sarifText{Text: fullMessage(d)},
		Locations: sarifLocations(d.Span),
	}
}

// sarifLocations returns the location of a span: none when it names no
// file, and no region when it has no line.
func sarifLocations(sp diag.Span) []sarifLocation {
	if sp.File == "" {
		return []sarifLocation{}
	}
	loc := sarifLocation{}
	loc.PhysicalLocation.ArtifactLocation = artifactLocation(sp.File)
	if sp.IsValid() {
		loc.PhysicalLocation.Region = &sarifRegion{
			StartLine: sp.Line, StartColumn: sp.Col, EndLine: sp.EndLine, EndColumn: sp.EndCol,
		}
	}
	return []sarifLocation{loc}
}

// artifactLocation turns a file path into a percent-encoded URI: relative
// paths stay relative to %SRCROOT%, absolute ones become file URIs.
func artifactLocation(file string) sarifArtifact {
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) || path.IsAbs(p) {
		if !path.IsAbs(p) {
			p = "/" + p // a Windows drive letter
		}
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: p}).String(), URIBaseID: srcRoot}
}

// The SARIF object model, restricted to what SARIF writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string      `json:"id"`
		Name                 string      `json:"name"`
		ShortDescription     sarifText   `json:"shortDescription"`
		DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation struct {
			ArtifactLocation sarifArtifact `json:"artifactLocation"`
			Region           *sarifRegion  `json:"region,omitempty"`
		} `json:"physicalLocation"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

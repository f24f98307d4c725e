package report

import (
	"cmp"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"slices"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
)

// The fixed parts of the SARIF log.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolName     = "legible"
	toolURI      = "https://github.com/legible/legible/blob/main/README.md#lint-reference"
	rulesURI     = "https://github.com/legible/legible/blob/main/README.md#rules"
	srcRoot      = "%SRCROOT%"
)

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
	out := make([]sarifRule, 0, len(worst))
	for id, sev := range worst {
		r := sarifRule{ID: id, Name: id, ShortDescription: sarifText{Text: id}, DefaultConfiguration: sarifConfig{Level: sarifLevel(sev)}}
		if rule, ok := rules.Lookup(id); ok {
			r.ShortDescription.Text = rule.Summary
			r.FullDescription = &sarifText{Text: rule.Catches}
			r.HelpURI = rulesURI
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b sarifRule) int { return cmp.Compare(a.ID, b.ID) })
	return out
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
		FullDescription      *sarifText  `json:"fullDescription,omitempty"`
		HelpURI              string      `json:"helpUri,omitempty"`
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

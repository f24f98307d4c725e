package lint

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// Configure applies what an app says of its diagnostics: the
// `legible:ignore` comments in its files silence the diagnostics they
// name on their line (a comment after the code) or the next one (a
// comment on its own), and app.yaml's `lint: { rules: … }` sets the
// severity of a rule's diagnostics, or drops them. An ignore comment that
// silences nothing, or gives no reason, is itself a warning (rule ignore).
func Configure(sp *spec.Spec, files []load.File, diags diag.List) diag.List {
	ignores := ignoreComments(files)
	out := diags[:0:0]
	for _, d := range diags {
		if !silence(ignores, d) {
			out = append(out, d)
		}
	}
	for _, ig := range ignores {
		out = append(out, ig.problems()...)
	}
	return levels(sp, out).Sort()
}

// ignore is one `# legible:ignore RULE, … -- reason` comment.
type ignore struct {
	at     diag.Span // the comment
	line   int       // the line whose diagnostics it silences
	rules  []string
	reason string
	used   map[string]bool
}

// ignoreRe matches an ignore comment: the rules, then the reason.
var ignoreRe = regexp.MustCompile(`#\s*legible:ignore\b\s*([^#]*?)\s*(?:--\s*(.*?))?\s*$`)

// ignoreComments finds the ignore comments of the files.
func ignoreComments(files []load.File) []*ignore {
	var out []*ignore
	for _, f := range files {
		if !bytes.Contains(f.Data, []byte("legible:ignore")) {
			continue
		}
		for i, line := range strings.Split(string(f.Data), "\n") {
			if ig := parseIgnore(f.Name, i+1, line); ig != nil {
				out = append(out, ig)
			}
		}
	}
	return out
}

// parseIgnore reads the ignore comment on line n of a file, or returns
// nil when the line has none.
func parseIgnore(file string, n int, line string) *ignore {
	loc := ignoreRe.FindStringSubmatchIndex(line)
	if loc == nil {
		return nil
	}
	group := func(k int) string {
		if loc[2*k] < 0 {
			return ""
		}
		return line[loc[2*k]:loc[2*k+1]]
	}
	ig := &ignore{
		at:     diag.At(diag.Pos{File: file, Line: n, Col: len([]rune(line[:loc[0]])) + 1}, len([]rune(group(0)))),
		line:   n,
		rules:  strings.FieldsFunc(group(1), func(r rune) bool { return r == ',' || r == ' ' }),
		reason: group(2),
		used:   map[string]bool{},
	}
	if strings.TrimSpace(line[:loc[0]]) == "" {
		ig.line = n + 1 // on its own line: it is about the next
	}
	return ig
}

// silence reports whether an ignore comment silences d, and marks it used.
func silence(ignores []*ignore, d diag.Diagnostic) bool {
	r, ok := rules.Lookup(d.Rule)
	if !ok || !r.Adjustable {
		return false
	}
	for _, ig := range ignores {
		if ig.at.File == d.Span.File && ig.line == d.Span.Line && slices.Contains(ig.rules, d.Rule) {
			ig.used[d.Rule] = true
			return true
		}
	}
	return false
}

// problems are what is wrong with an ignore comment.
func (ig *ignore) problems() diag.List {
	var l diag.List
	if len(ig.rules) == 0 {
		l.Warnf(ig.at, rules.UnusedIgnore.ID, "name the rule: `# legible:ignore unanswered-request -- why`", "the ignore comment names no rule")
	}
	for _, id := range ig.rules {
		r, ok := rules.Lookup(id)
		switch {
		case !ok:
			l.Warnf(ig.at, rules.UnusedIgnore.ID, diag.DidYouMean(id, rules.IDs()), "no rule `%s` to ignore", id)
		case !r.Adjustable:
			l.Warnf(ig.at, rules.UnusedIgnore.ID, "fix what it reports: an app with it does not run", "rule `%s` cannot be ignored", id)
		case !ig.used[id]:
			l.Warnf(ig.at, rules.UnusedIgnore.ID, "remove the comment, or move it to the line before the diagnostic's, or after it on that line",
				"`legible:ignore %s` silences nothing here", id)
		}
	}
	if ig.reason == "" && len(ig.rules) > 0 {
		l.Warnf(ig.at, rules.UnusedIgnore.ID, "say why after `--`: `# legible:ignore "+strings.Join(ig.rules, ", ")+" -- why`",
			"the ignore comment gives no reason")
	}
	return l
}

// levels applies app.yaml's severities of rules.
func levels(sp *spec.Spec, diags diag.List) diag.List {
	if sp == nil || sp.App == nil || len(sp.App.Rules) == 0 {
		return diags
	}
	out := diags[:0:0]
	for _, d := range diags {
		if lv, ok := sp.App.Rules[d.Rule]; ok {
			if lv.Severity == spec.Off {
				continue
			}
			d.Severity = lv.Severity
		}
		out = append(out, d)
	}
	return out
}

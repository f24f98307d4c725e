package lsp

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/legible/legible/engine/check"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// fix is one quick fix of a diagnostic: edits by file.
type fix struct {
	title     string
	edits     map[string][]TextEdit
	preferred bool
}

// fixer returns the fix it has for a diagnostic of a snapshot, or nil.
type fixer func(sn *snapshot, d diag.Diagnostic) *fix

// fixers are the quick fixes, each from a hint of lint.
var fixers = []fixer{replaceFix, thenOutputFix, requestOutFix, optionalFix, ignoreFix}

// fixes returns the quick fixes of a diagnostic.
func (sn *snapshot) fixes(d diag.Diagnostic) []*fix {
	var out []*fix
	for _, f := range fixers {
		if fx := f(sn, d); fx != nil {
			out = append(out, fx)
		}
	}
	return out
}

// The hints that say what to write instead of the diagnostic's span.
var (
	writeRe = regexp.MustCompile(`^write ("(?:[^"\\]|\\.)*")`)
	quoteRe = regexp.MustCompile("^quote it to make it a literal string: `[^`:]+: (\"(?:[^\"\\\\]|\\\\.)*\")`")
)

// replaceFix writes what the hint says instead of the span: the name
// did-you-mean suggests, a quoted method or path, or a path without the
// base path.
func replaceFix(sn *snapshot, d diag.Diagnostic) *fix {
	t := sn.text(d.Span.File)
	if t == nil || d.Span.EndLine != d.Span.Line {
		return nil
	}
	var with, title string
	if name := diag.Suggested(d.Hint); name != "" {
		with, title = name, fmt.Sprintf("Change to `%s`", name)
	} else if m := writeRe.FindStringSubmatch(d.Hint); m != nil {
		with, title = m[1], "Write "+m[1]
	} else if m := quoteRe.FindStringSubmatch(d.Hint); m != nil {
		with, title = m[1], "Quote it: "+m[1]
	} else if strings.HasPrefix(d.Hint, "quote it to make it a string") {
		r := t.span(d.Span)
		with = strconv.Quote(string(t.data[t.offset(r.Start):t.offset(r.End)]))
		title = "Quote it: " + with
	} else {
		return nil
	}
	return &fix{title: title, preferred: true, edits: map[string][]TextEdit{d.Span.File: {{Range: t.span(d.Span), NewText: with}}}}
}

// thenOutputFix writes the sync the then-output hint suggests after the
// sync, and removes the `out:` and the then actions it takes over.
func thenOutputFix(sn *snapshot, d diag.Diagnostic) *fix {
	_, suggested, ok := strings.Cut(d.Hint, "\n")
	if d.Rule != rules.ThenOutput.ID || !ok {
		return nil
	}
	s, p := sn.thenPattern(d.Span)
	t := sn.text(d.Span.File)
	if p == nil || p.OutSpan.Line <= p.Span.Line {
		return nil
	}
	edits := []TextEdit{deleteLines(p.OutSpan.Line, lastLine(p))}
	for _, m := range check.Moved(s, p) {
		edits = append(edits, deleteLines(m.Span.Line, lastLine(m)))
	}
	edits = append(edits, insertAfter(t, blockEnd(t, s.Name.Span.Line), "\n"+dedent(suggested, 2)))
	return &fix{
		title:     "Write the sync that waits for " + p.Key() + " instead of this `out:`",
		preferred: true,
		edits:     map[string][]TextEdit{d.Span.File: edits},
	}
}

// thenPattern returns the then pattern whose `out:` is at sp, and its sync.
func (sn *snapshot) thenPattern(sp diag.Span) (*spec.Sync, *spec.Pattern) {
	for _, s := range sn.index(sp.File).syncs {
		for _, p := range s.Then {
			if p.HasOut && p.OutSpan.Pos == sp.Pos {
				return s, p
			}
		}
	}
	return nil, nil
}

// requestOutFix binds `request` where the hint says to: it adds
// `out: { request }` to the sync's Requesting.request pattern.
func requestOutFix(sn *snapshot, d diag.Diagnostic) *fix {
	t := sn.text(d.Span.File)
	if d.Rule != rules.UnboundVariable.ID || !strings.Contains(d.Hint, "`out: { request }`") || t == nil {
		return nil
	}
	pl := place{snap: sn, file: d.Span.File, text: t, line: d.Span.Line, col: d.Span.Col}
	s := pl.syncAt()
	if s == nil {
		return nil
	}
	for _, p := range s.When {
		if !p.IsRequest() {
			continue
		}
		var e TextEdit
		switch {
		case !p.HasOut:
			e = insertAfter(t, lastLine(p), strings.Repeat(" ", p.Span.Col-1)+"out: { request }")
		case len(p.Out) > 0:
			at := t.position(p.Out[0].Param.Span.Line, p.Out[0].Param.Span.Col)
			e = TextEdit{Range: Range{Start: at, End: at}, NewText: "request, "}
		default:
			return nil
		}
		return &fix{title: "Bind `request`: add it to the `out:` of Requesting.request", preferred: true,
			edits: map[string][]TextEdit{d.Span.File: {e}}}
	}
	return nil
}

// atRe reads the position a hint names: "at FILE:LINE:COL".
var atRe = regexp.MustCompile(`at (\S+):(\d+):(\d+)`)

// optionalFix adds `optional: true` to the query the hint names: the one
// at the diagnostic, or at the position the hint gives.
func optionalFix(sn *snapshot, d diag.Diagnostic) *fix {
	if !strings.Contains(d.Hint, "add `optional: true`") {
		return nil
	}
	at := d.Span.Pos
	if m := atRe.FindStringSubmatch(d.Hint); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		at = diag.Pos{File: m[1], Line: line, Col: col}
	}
	q := sn.queryAt(at)
	t := sn.text(at.File)
	if q == nil || q.Optional || t == nil {
		return nil
	}
	line := strings.Repeat(" ", q.Pattern.Span.Col-1) + "optional: true"
	return &fix{title: "Add `optional: true` to " + q.Pattern.Key(), preferred: true,
		edits: map[string][]TextEdit{at.File: {insertAfter(t, lastLine(q.Pattern), line)}}}
}

// queryAt returns the where query whose pattern is at a position.
func (sn *snapshot) queryAt(at diag.Pos) *spec.Query {
	var found *spec.Query
	for _, s := range sn.index(at.File).syncs {
		spec.Inspect(s, func(n spec.Node) bool {
			if q, ok := n.(*spec.Query); ok && q.Pattern.Span.Pos == at {
				found = q
			}
			return found == nil
		})
	}
	return found
}

// ignoreFix silences a diagnostic of an adjustable rule with an ignore
// comment on the line before, with a reason left to write.
func ignoreFix(sn *snapshot, d diag.Diagnostic) *fix {
	r, ok := rules.Lookup(d.Rule)
	t := sn.text(d.Span.File)
	if !ok || !r.Adjustable || t == nil || r == rules.UnusedIgnore {
		return nil
	}
	pad := strings.Repeat(" ", indent(string(t.line(d.Span.Line-1))))
	return &fix{title: "Ignore " + r.ID + " here, saying why",
		edits: map[string][]TextEdit{d.Span.File: {insertBefore(d.Span.Line, pad+"# legible:ignore "+r.ID+" -- TODO: say why")}}}
}

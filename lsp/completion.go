package lsp

import (
	"slices"
	"strings"

	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// completion offers what may be written at a position: rule ids in an
// ignore comment, concepts in app.yaml and at a pattern, the actions and
// queries of a concept after `Concept.`, an action's parameters inside
// its `{ }`, the variables in scope for a value or an expression,
// routes for `path`, methods for `method`, and the keys of `where`
// steps.
func completion(s *Server, pl place) (any, error) {
	c := completer{place: pl, names: s.env.Catalog().Names()}
	return CompletionList{Items: c.items(pl.before())}, nil
}

// completer works out completions at a place.
type completer struct {
	place
	names []string // the concepts of the binary's library
}

// items returns the completions for the text before the cursor.
func (c completer) items(before string) []CompletionItem {
	kind := load.KindOf(c.file)
	if m := ignoreRe.FindStringSubmatch(before); m != nil {
		return c.ruleItems(m[1])
	}
	if kind == load.AppFile {
		if m := conceptsRe.FindStringSubmatch(before); m != nil {
			return c.conceptItems(m[1], true)
		}
		return nil
	}
	if m := patternRe.FindStringSubmatch(before); m != nil {
		return c.argItems(c.snap.member(m[1], m[2]), m[3], false)
	}
	if m := outRe.FindStringSubmatch(before); m != nil {
		return c.argItems(c.patternAbove(), m[1], true)
	}
	if m := memberRe.FindStringSubmatch(before); m != nil {
		return c.memberItems(m[1], m[2])
	}
	if m := itemRe.FindStringSubmatch(before); m != nil {
		return c.itemStart(m[1], kind)
	}
	if m := keyRe.FindStringSubmatch(before); m != nil && c.section() == "where" {
		return c.keywordItems(m[1], "optional", "out")
	}
	if m := exprRe.FindStringSubmatch(before); m != nil && c.section() == "where" {
		return c.variableItems(m[1])
	}
	return nil
}

// itemStart completes the start of a list item: in a sync, the concepts
// (and in `where` the step keys); in a test file, the routes too.
func (c completer) itemStart(prefix string, kind load.Kind) []CompletionItem {
	items := c.conceptItems(prefix, false)
	switch {
	case kind == load.SyncFile && c.section() == "where":
		items = append(items, c.keywordItems(prefix, "filter", "bind", "collect")...)
	case kind == load.TestFile:
		for _, r := range c.snap.app.Spec.Routes {
			if r.Passthrough == nil && r.Method != "" {
				items = append(items, c.item(prefix, r.String(), itemValue, "a request to the app", "1"))
			}
		}
	}
	return items
}

// item is a completion that replaces the prefix typed before the cursor.
func (c completer) item(prefix, label string, kind int, detail, sort string) CompletionItem {
	start := c.text.position(c.line, c.col-len([]rune(prefix)))
	end := c.text.position(c.line, c.col)
	return CompletionItem{
		Label: label, Kind: kind, Detail: detail, SortText: sort + label, FilterText: label,
		TextEdit: &TextEdit{Range: Range{Start: start, End: end}, NewText: label},
	}
}

// ruleItems offers the rules an ignore comment can silence.
func (c completer) ruleItems(prefix string) []CompletionItem {
	var out []CompletionItem
	for _, r := range rules.All() {
		if r.Adjustable {
			out = append(out, c.item(prefix, r.ID, itemKeyword, r.Summary, ""))
		}
	}
	return out
}

// conceptItems offers the concepts: those app.yaml lists, and Requesting,
// or, for app.yaml itself, the library's and the app's own not yet
// listed.
func (c completer) conceptItems(prefix string, listing bool) []CompletionItem {
	sp := c.snap.app.Spec
	var names []string
	if listing {
		listed := map[string]bool{}
		if sp.App != nil {
			for _, id := range sp.App.Concepts {
				listed[id.Name] = true
			}
		}
		for _, k := range sp.Concepts {
			if !k.Builtin && !k.Library {
				names = append(names, k.Name.Name)
			}
		}
		names = slices.DeleteFunc(append(names, c.names...), func(n string) bool { return listed[n] })
	} else {
		for _, k := range sp.Concepts {
			if k.Builtin || sp.App != nil && slices.ContainsFunc(sp.App.Concepts, func(id spec.Ident) bool { return id.Name == k.Name.Name }) {
				names = append(names, k.Name.Name)
			}
		}
	}
	slices.Sort(names)
	out := make([]CompletionItem, 0, len(names))
	for _, n := range slices.Compact(names) {
		detail := "concept"
		if k := sp.Concept(n); k != nil {
			detail = firstLine(k.Purpose)
		}
		out = append(out, c.item(prefix, n, itemClass, detail, "0"))
	}
	return out
}

// memberItems offers the actions and queries of a concept after
// `Concept.`, those that fit the part of the sync first.
func (c completer) memberItems(concept, prefix string) []CompletionItem {
	k := c.snap.app.Spec.Concept(concept)
	if k == nil {
		return nil
	}
	wantQuery := c.section() == "where"
	var out []CompletionItem
	for _, a := range k.Members() {
		kind, sort := itemMethod, "0"
		if a.Query {
			kind = itemFunction
		}
		if a.Query != wantQuery && load.KindOf(c.file) == load.SyncFile {
			sort = "1"
		}
		it := c.item(prefix, a.Name.Name, kind, signature(a), sort)
		it.Documentation = &MarkupContent{Kind: "markdown", Value: actionDoc(a)}
		out = append(out, it)
	}
	return out
}

// keywordItems offers keys.
func (c completer) keywordItems(prefix string, keys ...string) []CompletionItem {
	out := make([]CompletionItem, 0, len(keys))
	for _, k := range keys {
		out = append(out, c.item(prefix, k, itemKeyword, "`where` step key", "2"))
	}
	return out
}

// firstLine returns the first line of a text.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

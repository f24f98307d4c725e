package load

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

var (
	yamlLine       = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	optionalInFlow = regexp.MustCompile(`\{[^}]*[A-Za-z0-9_]\?\s*:`)
)

// parsed is one file decoded into YAML nodes.
type parsed struct {
	file  File
	src   *source
	doc   *yaml.Node // the top node; nil for an empty or unreadable file
	diags diag.List
}

// parse decodes a file into its YAML document's top node, or reports why it
// cannot. An empty file yields a nil node without a diagnostic.
func parse(f File) parsed {
	p := parsed{file: f, src: newSource(f.Name, f.Data)}
	data, spaced := f.Data, map[int][]int(nil)
	if k := KindOf(f.Name); k == TestFile || k == ConceptFile { // where scenarios use matchers
		data, spaced = spaceTags(data)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p.yamlError(err)
		return p
	}
	unshift(&doc, spaced)
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return p
	}
	top := doc.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return p
	}
	p.doc = top
	return p
}

// yamlError turns a yaml.v3 error into a positioned diagnostic.
func (p *parsed) yamlError(err error) {
	file := p.file.Name
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// yaml.v3 numbers parser errors from 0, but scanner errors from 1.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	hint := "fix the YAML syntax; the rest of this file was not read"
	if msg == "did not find expected '-' indicator" {
		if at, ok := p.outOfList(line); ok {
			line, msg = at, "this line is at the column of the list's `- `, but starts no item: the list above ends here"
			hint = "a list item starts with `- ` at this column: to go on with the item above (an `out:` or `optional:` of its pattern), " +
				"indent this line two spaces past the `- `"
		}
	}
	col := 1
	if text := p.src.line(line - 1); len(text) > 0 {
		for col <= len(text) && (text[col-1] == ' ' || text[col-1] == '\t') {
			col++
		}
	}
	text := string(p.src.line(line - 1))
	sp := diag.Span{Pos: diag.Pos{File: file, Line: line, Col: col}, EndLine: line, EndCol: max(col+1, len([]rune(text))+1)}
	if optionalInFlow.MatchString(text) {
		hint = "inside `{ }` the YAML reader cannot take a key ending in `?`: quote it, as in `{ \"bio?\": String }`, or write the mapping one key per line"
	}
	p.diags.Errorf(sp, rules.YAML.ID, hint, "%s", msg)
}

// outOfList finds the line that broke the list starting at line start:
// yaml.v3 names the list's first line, not the line where a `- ` was
// expected, which is the first line after it at the list's indentation
// that starts no item (an `out:` written at the column of its pattern's
// `- `).
func (p *parsed) outOfList(start int) (int, bool) {
	first := string(p.src.line(start - 1))
	indent := len(first) - len(strings.TrimLeft(first, " "))
	if !strings.HasPrefix(first[indent:], "-") {
		return 0, false
	}
	for n := start + 1; n <= len(p.src.raw); n++ {
		text := string(p.src.line(n - 1))
		rest := strings.TrimLeft(text, " ")
		if rest == "" || strings.HasPrefix(rest, "#") || len(text)-len(rest) > indent {
			continue
		}
		if len(text)-len(rest) < indent || strings.HasPrefix(rest, "-") {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// entry is one key-value pair of a mapping.
type entry struct {
	key, val *yaml.Node
}

// entries returns the pairs of a mapping node, resolving aliases and
// reporting duplicate keys. what names the mapping in messages.
func (l *loader) entries(n *yaml.Node, what string) []entry {
	n = resolve(n)
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "", "%s must be a mapping of `key: value` entries, not %s", what, describe(n))
		return nil
	}
	seen := map[string]*yaml.Node{}
	out := make([]entry, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k == nil || k.Kind != yaml.ScalarNode {
			l.diags.Errorf(l.src.span(n.Content[i]), rules.Schema.ID, "", "keys in %s must be plain names", what)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			l.diags.Errorf(l.src.span(k), rules.Duplicate.ID, "remove one of the two entries",
				"`%s` appears twice in %s (first at line %d)", k.Value, what, first.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, entry{k, v})
	}
	return out
}

// items returns the elements of a sequence node; what names it in messages.
func (l *loader) items(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write it as a list, with `- ` before each item or as [a, b]",
			"%s must be a list, not %s", what, describe(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = resolve(c)
	}
	return out
}

// unknownKey reports a key that is not one of the allowed ones.
func (l *loader) unknownKey(k *yaml.Node, what string, allowed []string) {
	hint := diag.DidYouMean(k.Value, allowed)
	if hint == "" {
		hint = "the keys allowed here are " + strings.Join(quoteAll(allowed), ", ")
	}
	l.diags.Errorf(l.src.span(k), rules.Schema.ID, hint, "unknown key `%s` in %s", k.Value, what)
}

// text returns a scalar's value, reporting any other kind of node.
func (l *loader) text(n *yaml.Node, what string) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || n.Style&yaml.TaggedStyle != 0 && n.Tag != "!!str" {
		l.diags.Errorf(l.spanOrNil(n), rules.Schema.ID, "", "%s must be a single value, not %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// id returns a scalar's value and span.
func (l *loader) id(n *yaml.Node) spec.Ident {
	return spec.Ident{Name: n.Value, Span: l.src.span(n)}
}

func (l *loader) spanOrNil(n *yaml.Node) diag.Span {
	if n == nil {
		return diag.At(diag.Pos{File: l.src.name, Line: 1, Col: 1}, 1)
	}
	return l.src.span(n)
}

func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0
}

// describe names what a node is, for messages.
func describe(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "an empty value"
		}
		return "the value `" + n.Value + "`"
	}
	return "an alias"
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return out
}

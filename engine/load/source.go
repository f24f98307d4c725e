package load

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/diag"
)

// source is one file's text split into lines, so that positions inside
// scalars can be worked out. Lines are turned into runes when first needed.
type source struct {
	name  string
	raw   []string
	lines [][]rune // lines[i] is nil until line i is first asked for
}

func newSource(name string, data []byte) *source {
	text := string(data)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	raw := strings.Split(text, "\n")
	return &source{name: name, raw: raw, lines: make([][]rune, len(raw))}
}

// pos returns the position of 0-based line l and column c.
func (s *source) pos(l, c int) diag.Pos {
	return diag.Pos{File: s.name, Line: l + 1, Col: c + 1}
}

// line returns 0-based line l, or nil past the end.
func (s *source) line(l int) []rune {
	if l < 0 || l >= len(s.lines) {
		return nil
	}
	if s.lines[l] == nil {
		s.lines[l] = []rune(strings.TrimSuffix(s.raw[l], "\r"))
		if s.lines[l] == nil {
			s.lines[l] = []rune{}
		}
	}
	return s.lines[l]
}

// start returns where node n begins.
func (s *source) start(n *yaml.Node) diag.Pos {
	return diag.Pos{File: s.name, Line: n.Line, Col: n.Column}
}

// span returns the source range node n covers on its first line.
func (s *source) span(n *yaml.Node) diag.Span {
	p := s.start(n)
	switch n.Kind {
	case yaml.ScalarNode:
		return diag.At(p, s.scalarWidth(n))
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 {
			return diag.At(p, s.flowWidth(n.Line-1, n.Column-1))
		}
	case yaml.AliasNode:
		return diag.At(p, utf8.RuneCountInString(n.Value)+1)
	}
	return diag.At(p, 1)
}

// scalarWidth is how many runes of its first line a scalar takes.
func (s *source) scalarWidth(n *yaml.Node) int {
	if n.Style == 0 && n.Value != "" && !strings.Contains(n.Value, "\n") {
		return utf8.RuneCountInString(n.Value)
	}
	line := s.line(n.Line - 1)
	c := n.Column - 1
	if c < 0 || c >= len(line) {
		return 1
	}
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return 1
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		return quotedWidth(line[c:])
	}
	w := utf8.RuneCountInString(n.Value)
	if strings.Contains(n.Value, "\n") || w == 0 {
		return max(1, len(strings.TrimRight(string(line[c:]), " ")))
	}
	return w
}

// quotedWidth returns the width of the quoted scalar that starts the line,
// including both quotes, or the rest of the line when it does not close.
func quotedWidth(l []rune) int {
	q := l[0]
	for i := 1; i < len(l); i++ {
		switch {
		case q == '"' && l[i] == '\\':
			i++
		case q == '\'' && l[i] == '\'' && i+1 < len(l) && l[i+1] == '\'':
			i++
		case l[i] == q:
			return i + 1
		}
	}
	return len(l)
}

// flowWidth returns the width of a flow collection starting at line l,
// column c, when it closes on the same line, or 1.
func (s *source) flowWidth(l, c int) int {
	line := s.line(l)
	depth := 0
	for i := c; i < len(line); i++ {
		switch line[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i - c + 1
			}
		case '"', '\'':
			i += quotedWidth(line[i:]) - 1
		}
	}
	return 1
}

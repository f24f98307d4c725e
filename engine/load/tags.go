package load

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// A matcher is a YAML tag (`!string`). In a flow collection the YAML
// reader takes a comma or a closing bracket right after a tag as part of
// it (`{ id: !string, n: 1 }` fails to parse), so spaceTags puts a space
// there first, and columns are then mended (unshift).

// spaceTags returns data with a space after each tag that a `,`, `]` or
// `}` follows at once, outside quotes and comments, and where it put
// them: by 0-based line, the 0-based columns of the spaces, in the text
// it returns. It returns data itself when there is nothing to do.
func spaceTags(data []byte) ([]byte, map[int][]int) {
	if !bytes.Contains(data, []byte("!")) {
		return data, nil
	}
	var out []byte
	var at map[int][]int
	line, col := 0, 0
	var quote byte
	tag := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n':
			line, col, quote, tag = line+1, -1, 0, false
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t'):
			for i+1 < len(data) && data[i+1] != '\n' {
				out = append(out, data[i])
				i++
			}
		case c == '!' && (i == 0 || bytes.IndexByte([]byte(" \t[{,:"), data[i-1]) >= 0):
			tag = true
		case tag && (c == ',' || c == ']' || c == '}'):
			if at == nil {
				at = map[int][]int{}
			}
			at[line] = append(at[line], col)
			out = append(out, ' ')
			col++
			tag = false
		case c == ' ' || c == '\t':
			tag = false
		}
		out = append(out, c)
		col++
	}
	if at == nil {
		return data, nil
	}
	return out, at
}

// unshift moves the nodes of a document parsed from spaceTags' text back
// to their columns in the file.
func unshift(n *yaml.Node, at map[int][]int) {
	if n == nil || at == nil {
		return
	}
	shift := 0
	for _, c := range at[n.Line-1] {
		if c < n.Column-1 {
			shift++
		}
	}
	n.Column -= shift
	for _, c := range n.Content {
		unshift(c, at)
	}
}

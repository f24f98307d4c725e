package console

import "strings"

// block returns the lines of a YAML mapping entry that starts at line
// (from 1) of src: that line and those below it that are indented, blank
// or comments, without the blank and comment lines it ends with.
func block(src []byte, line int) string {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	end := line
	for end < len(lines) && inside(lines[end]) {
		end++
	}
	for end > line && outside(lines[end-1]) {
		end--
	}
	return strings.Join(lines[line-1:end], "\n")
}

// inside reports whether a line continues the entry above it.
func inside(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#") || l[0] == ' ' || l[0] == '\t'
}

// outside reports whether a line adds nothing to an entry that ends with
// it: blank, or a comment at the left margin (about what follows).
func outside(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(l, "#")
}

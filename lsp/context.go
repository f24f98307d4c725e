package lsp

import (
	"regexp"
	"strings"

	"github.com/legible/legible/engine/spec"
)

// What the text before the cursor says the user is writing, for
// completion. The file being edited may not parse at every keystroke, so
// these read the text, and take names from the last check.
var (
	// memberRe: `Concept.` and the start of an action's name.
	memberRe = regexp.MustCompile(`([A-Z][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$`)
	// patternRe: a pattern's key, and its inputs so far.
	patternRe = regexp.MustCompile(`^\s*(?:-\s*)?([A-Z][A-Za-z0-9_]*)\.([A-Za-z0-9_]+):\s*\{([^}]*)$`)
	// outRe: an `out:` and the outputs so far.
	outRe = regexp.MustCompile(`^\s*out:\s*\{([^}]*)$`)
	// itemRe: a list item's start, and a name begun.
	itemRe = regexp.MustCompile(`^\s*-\s+([A-Za-z_]*)$`)
	// keyRe: a key begun on a line of its own.
	keyRe = regexp.MustCompile(`^\s+([A-Za-z_]*)$`)
	// exprRe: an expression begun after `filter:` or a bind entry.
	exprRe = regexp.MustCompile(`^\s*(?:-\s*)?(?:filter|[A-Za-z_]\w*):\s*[^{\[]*?([A-Za-z_]\w*)?$`)
	// ignoreRe: the rules of an ignore comment, before its reason.
	ignoreRe = regexp.MustCompile(`#\s*legible:ignore\s+(?:[a-z-]+\s*,\s*)*([a-z-]*)$`)
	// conceptsRe: app.yaml's list of concepts, begun.
	conceptsRe = regexp.MustCompile(`^\s*concepts:\s*\[(?:[^\]]*,)?\s*([A-Za-z_]*)$`)
	// sectionRe: a sync's `when:`, `where:` or `then:`.
	sectionRe = regexp.MustCompile(`^\s*(when|where|then):`)
	// itemKeyRe: a pattern's key at a list item.
	itemKeyRe = regexp.MustCompile(`^\s*-\s*([A-Z][A-Za-z0-9_]*)\.([A-Za-z0-9_]+):`)
)

// indent counts the spaces a line starts with.
func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

// blank reports whether a line holds nothing but a comment or spaces.
func blank(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// section returns the part of a sync the place is in: "when", "where",
// "then", or "" outside them.
func (pl place) section() string {
	cur := indent(string(pl.text.line(pl.line - 1)))
	for l := pl.line - 2; l >= 0; l-- {
		line := string(pl.text.line(l))
		if blank(line) {
			continue
		}
		in := indent(line)
		if m := sectionRe.FindStringSubmatch(line); m != nil && in < cur {
			return m[1]
		}
		if in == 0 {
			return ""
		}
	}
	return ""
}

// patternAbove returns the action of the pattern whose `out:` the place
// is in: the nearest list item above it.
func (pl place) patternAbove() *spec.Action {
	for l := pl.line - 1; l >= 0 && l >= pl.line-20; l-- {
		line := string(pl.text.line(l))
		if m := itemKeyRe.FindStringSubmatch(line); m != nil {
			return pl.snap.member(m[1], m[2])
		}
		if sectionRe.MatchString(line) || indent(line) == 0 && !blank(line) {
			return nil
		}
	}
	return nil
}

// member returns the action or query Concept.action of the app, or nil.
func (sn *snapshot) member(concept, action string) *spec.Action {
	if k := sn.app.Spec.Concept(concept); k != nil {
		return k.Member(action)
	}
	return nil
}

// lastArg splits what follows the last `{` or `,` of a pattern's
// arguments so far: the key, and the value begun after its `:`, if any.
func lastArg(args string) (key, value string, isValue bool) {
	i := strings.LastIndexAny(args, "{,")
	part := strings.TrimLeft(args[i+1:], " ")
	if k, v, ok := strings.Cut(part, ":"); ok {
		return strings.TrimSpace(k), strings.TrimLeft(v, " "), true
	}
	return part, "", false
}

// givenKeys returns the keys a pattern's arguments so far name.
func givenKeys(args string) map[string]bool {
	out := map[string]bool{}
	for _, part := range strings.Split(args, ",") {
		k, _, _ := strings.Cut(part, ":")
		if k = strings.Trim(k, " {"); k != "" {
			out[k] = true
		}
	}
	return out
}

// Package rules lists the checks of `legible lint`: each rule's id, its
// default severity, a one-line summary, what it catches, and the golden
// cases under engine/lint/testdata that show it failing and passing. The
// checkers report by rule, SARIF describes rules from here, and the
// README's table of rules is generated from it.
package rules

import (
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
)

// Rule is one check.
type Rule struct {
	ID       string
	Severity diag.Severity // its usual severity; app.yaml may change it
	Summary  string        // one line, for SARIF
	Catches  string        // what it reports, in Markdown, for the README
	Err, OK  string        // golden cases: one that reports it, one like it that does not
	// Adjustable rules judge the app's design: an app may set their
	// severity, turn them off, or silence one diagnostic. The others find
	// what stops an app from running.
	Adjustable bool
}

// The rules, in the order the README lists them.
var (
	YAML = add(&Rule{
		ID:       "yaml",
		Severity: diag.Error,
		Summary:  "a spec file is not well-formed YAML",
		Catches:  "YAML syntax errors (the rest of that file is not read)",
		Err:      "err/yaml_unclosed_brace",
		OK:       "ok/yaml_unclosed_brace",
	})
	Schema = add(&Rule{
		ID:       "schema",
		Severity: diag.Error,
		Summary:  "a spec file does not have the shape the spec format requires",
		Catches:  "unknown or misspelled keys (with did-you-mean; the syncs that use what a misspelled key hid are not reported again), wrong shapes, bad names, a plain value that is neither a variable nor a literal (`path: /login`: quote it), an unquoted method (`method: GET` is a variable: write `\"GET\"`)",
		Err:      "err/schema_unquoted_path",
		OK:       "ok/schema_unquoted_path",
	})
	UnknownConcept = add(&Rule{
		ID:       "unknown-concept",
		Severity: diag.Error,
		Summary:  "a sync refers to a concept no spec defines",
		Catches:  "a concept with no spec (did-you-mean over the app's and the built-in concepts), or not listed in `app.yaml` (a built-in one is named as such)",
		Err:      "err/unknown_concept_no_spec",
		OK:       "ok/unknown_concept_no_spec",
	})
	UnknownAction = add(&Rule{
		ID:       "unknown-action",
		Severity: diag.Error,
		Summary:  "a sync refers to an action its concept does not define",
		Catches:  "an action or query the concept does not have",
		Err:      "err/unknown_action_misspelled",
		OK:       "ok/unknown_action_misspelled",
	})
	UnknownParam = add(&Rule{
		ID:       "unknown-param",
		Severity: diag.Error,
		Summary:  "an action pattern names a parameter the action does not have",
		Catches:  "a pattern key the action's signature lacks; `out: { error }` on an action without an error case; a `secrets` entry naming no parameter",
		Err:      "err/unknown_param_input",
		OK:       "ok/unknown_param_input",
	})
	MissingInput = add(&Rule{
		ID:       "missing-input",
		Severity: diag.Error,
		Summary:  "an action invocation leaves out a required input",
		Catches:  "a `then` action or `where` query that omits a required input",
		Err:      "err/missing_input_then",
		OK:       "ok/missing_input_then",
	})
	UnboundVariable = add(&Rule{
		ID:       "unbound-variable",
		Severity: diag.Error,
		Summary:  "a variable is read before any when/where step binds it",
		Catches:  "a variable read in `then`, a query input or an expression before anything binds it; every unbound name of an expression is reported, each at its column",
		Err:      "err/unbound_variable_then",
		OK:       "ok/unbound_variable_then",
	})
	ThenOutput = add(&Rule{
		ID:       "then-output",
		Severity: diag.Error,
		Summary:  "a then action binds outputs, which a then step never receives",
		Catches:  "an `out:` on a `then` action; the hint is the sync to write instead, which lints clean pasted in",
		Err:      "err/then_output_login",
		OK:       "ok/then_output_login",
	})
	MixedOutcomes = add(&Rule{
		ID:       "mixed-outcomes",
		Severity: diag.Error,
		Summary:  "an action pattern matches outputs of different outcomes at once",
		Catches:  "an output pattern or outcome that mixes success keys with `error`",
		Err:      "err/mixed_outcomes_when",
		OK:       "ok/mixed_outcomes_when",
	})
	Kind = add(&Rule{
		ID:       "kind",
		Severity: diag.Error,
		Summary:  "a value is used as a kind of thing it is not",
		Catches:  "a query in `when` or `then`, an action in `where`",
		Err:      "err/kind_query_in_when",
		OK:       "ok/kind_query_in_when",
	})
	Type = add(&Rule{
		ID:       "type",
		Severity: diag.Error,
		Summary:  "a value's type does not match the type expected where it is used",
		Catches:  "a literal of the wrong type; an expression type error; a filter that is not Boolean; one variable bound as two different id types; an entity named like a built-in type (`List`) is explained",
		Err:      "err/type_number_for_string",
		OK:       "ok/type_number_for_string",
	})
	Expr = add(&Rule{
		ID:       "expr",
		Severity: diag.Error,
		Summary:  "an expression is malformed or cannot be evaluated",
		Catches:  "an expression syntax error, positioned inside the YAML string; a lone `=` hints `==`",
		Err:      "err/expr_syntax",
		OK:       "ok/expr_syntax",
	})
	QuotedExpression = add(&Rule{
		ID:         "quoted-expression",
		Severity:   diag.Error,
		Adjustable: true,
		Summary:    "a quoted string in a pattern reads as an expression over the sync's variables, and is sent as that text",
		Catches:    "a quoted string in a `then` or `where` pattern that parses as an expression over variables the sync binds (`body: '{\"rsvp\": {\"event\": event}}'`): in a pattern it is a literal, so the text is what the action gets; in `bind` the same text is an expression (the hint shows the `bind` to write)",
		Err:        "err/quoted_expression",
		OK:         "ok/quoted_expression",
	})
	AccidentalJoin = add(&Rule{
		ID:         "accidental-join",
		Severity:   diag.Warning,
		Adjustable: true,
		Summary:    "one name in a `when` is both a request input and an action's output",
		Catches:    "a variable that a sync's `when` binds to an input of the request and to an output of an action (a body field `event` beside Eventing.create's new `event`): the sync then fires only when the client sent what the action returns; when their types cannot be equal it is a type error",
		Err:        "err/accidental_join",
		OK:         "ok/accidental_join",
	})
	Test = add(&Rule{
		ID:       "test",
		Severity: diag.Error,
		Summary:  "a scenario step names what the app does not have",
		Catches:  "a test file's request that fits no route (unless it expects the 404 or 405), a sync name in `fired`/`not fired` that no sync has, a capture from outside the reply, an outcome a flow cannot have, a concept's scenario that calls another concept, `rows` on an action, `error` where there is no error outcome, a matcher in what a step sends, a declared failure (`fail:`) of a query or of an action without an error outcome",
		Err:      "err/test_references",
		OK:       "ok/test_references",
	})
	BasePath = add(&Rule{
		ID:       "base-path",
		Severity: diag.Error,
		Summary:  "an API base path is malformed or inconsistent",
		Catches:  "a request `path` that repeats the app's base path",
		Err:      "err/base_path_repeated",
		OK:       "ok/base_path_repeated",
	})
	EmptySuccess = add(&Rule{
		ID:         "empty-success",
		Severity:   diag.Warning,
		Adjustable: true,
		Summary:    "a success outcome carries no outputs",
		Catches:    "an action with an error case whose success output is empty (or absent)",
		Err:        "err/empty_success_empty_output",
		OK:         "ok/empty_success_empty_output",
	})
	Passthrough = add(&Rule{
		ID:       "passthrough",
		Severity: diag.Error,
		Summary:  "a passthrough route is unjustified or collides with a sync's route",
		Catches:  "a passthrough route without `why`, for `Requesting`, or colliding with a sync route",
		Err:      "err/passthrough_no_why",
		OK:       "ok/passthrough_no_why",
	})
	Duplicate = add(&Rule{
		ID:       "duplicate",
		Severity: diag.Error,
		Summary:  "the same name is defined more than once",
		Catches:  "a sync, concept, key or binding defined twice",
		Err:      "err/duplicate_sync_name",
		OK:       "ok/duplicate_sync_name",
	})
	UnusedVariable = add(&Rule{
		ID:         "unused-variable",
		Severity:   diag.Warning,
		Adjustable: true,
		Summary:    "a variable is bound but never read",
		Catches:    "a variable bound once and never read (names starting with `_` are exempt)",
		Err:        "err/unused_variable_bind",
		OK:         "ok/unused_variable_bind",
	})
	Conformance = add(&Rule{
		ID:       "conformance",
		Severity: diag.Error,
		Summary:  "a Go implementation differs from its concept's spec, or none serves it",
		Catches:  "the Go implementation that would serve a concept differs from its spec in actions, queries or parameters; a note when the binary has no implementation for an app's own concept (an error at `serve`)",
		Err:      "app/err/conformance_own_spec",
		OK:       "app/ok/conformance_own_spec",
	})
	Unanswered = add(&Rule{
		ID:         "unanswered-request",
		Severity:   diag.Error,
		Adjustable: true,
		Summary:    "a request can reach a state in which no sync responds to it",
		Catches:    "a route that no chain of syncs answers; an action in its flow whose error outcome no sync answers; a `where` query whose inputs the client chooses (so it can find nothing) when no sync answers that case, at the query, or at the join without `optional` of the sync meant for that case (a 401 that cannot see a missing token); the only answer's filter, when nothing answers if it is false (a forgotten 403); as a warning, a case answered only if a join keeps a frame, or only by syncs that answer the request alone",
		Err:        "flow/err/unanswered_error",
		OK:         "flow/ok/unanswered_error",
	})
	NeverFires = add(&Rule{
		ID:       "never-fires",
		Severity: diag.Error,
		Summary:  "a sync waits for an action that no flow of its route runs",
		Catches:  "a `when` pattern of a sync bound to a request path that names an action nothing in that route's flow invokes, in any case (a responder copied from another route, still waiting for that route's action)",
		Err:      "flow/err/never_fires",
		OK:       "flow/ok/never_fires",
	})
	Twice = add(&Rule{
		ID:         "answered-twice",
		Severity:   diag.Error,
		Adjustable: true,
		Summary:    "two syncs answer one request in the same case of its flow",
		Catches:    "a case of a route's flow (its happy path, an action's error, a lookup finding nothing, with filters worked out in three values) in which one sync surely answers and another can: a 404 that lost its filter, or `optional: true` on the lookup of the sync that answers 200; reported at the sync that should not fire, naming the case and the other sync",
		Err:        "flow/err/answered_twice",
		OK:         "flow/ok/answered_twice",
	})
	Overlapping = add(&Rule{
		ID:         "overlapping-syncs",
		Severity:   diag.Warning,
		Adjustable: true,
		Summary:    "two syncs match the same actions and may both fire",
		Catches:    "two syncs that fire for the same request, whose `when` patterns subsume one another and which invoke the same action (one request creates two posts, or is answered twice); syncs with a filter are left out, as their filters may be complementary",
		Err:        "flow/err/overlapping_syncs",
		OK:         "flow/ok/overlapping_syncs",
	})
	Cycle = add(&Rule{
		ID:         "cycle",
		Severity:   diag.Warning,
		Adjustable: true,
		Summary:    "syncs trigger each other in a loop",
		Catches:    "a sync whose `then` can re-trigger itself within one flow with no `where` step in the loop",
		Err:        "flow/err/cycle",
		OK:         "flow/ok/cycle",
	})
	UnusedIgnore = add(&Rule{
		ID:         "ignore",
		Severity:   diag.Warning,
		Adjustable: true,
		Summary:    "a `legible:ignore` comment silences nothing, or gives no reason",
		Catches:    "a `# legible:ignore RULE -- reason` comment that no diagnostic of RULE on its line or the next is silenced by, or one without a reason",
		Err:        "err/ignore_unused",
		OK:         "ok/ignore_unused",
	})
)

// all holds the rules in order; byID finds them.
var (
	all  []*Rule
	byID = map[string]*Rule{}
)

// add registers a rule.
func add(r *Rule) *Rule {
	all = append(all, r)
	byID[r.ID] = r
	return r
}

// All returns every rule, in the README's order.
func All() []*Rule { return slices.Clone(all) }

// Lookup finds a rule by id.
func Lookup(id string) (*Rule, bool) {
	r, ok := byID[id]
	return r, ok
}

// IDs returns the rule ids, sorted.
func IDs() []string {
	out := make([]string, 0, len(all))
	for _, r := range all {
		out = append(out, r.ID)
	}
	slices.Sort(out)
	return out
}

// Table renders the rules as the README's Markdown table.
func Table() string {
	var b strings.Builder
	b.WriteString("| rule | severity | catches | examples |\n|---|---|---|---|\n")
	for _, r := range all {
		sev := r.Severity.String()
		if r.Adjustable {
			sev += ", adjustable"
		}
		b.WriteString("| `" + r.ID + "` | " + sev + " | " + r.Catches + " | " +
			"[fails](engine/lint/testdata/" + r.Err + ".txtar), [passes](engine/lint/testdata/" + r.OK + ".txtar) |\n")
	}
	return b.String()
}

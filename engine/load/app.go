package load

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

var (
	appKeys         = []string{"app", "base", "concepts", "timeout", "bodyLimit", "cors", "corsMaxAge", "auth", "passthrough", "lint"}
	lintKeys        = []string{"rules"}
	lintLevels      = map[string]diag.Severity{"error": diag.Error, "warning": diag.Warning, "info": diag.Info, "off": spec.Off}
	authKeys        = []string{"header", "scheme", "as"}
	passthroughKeys = []string{"route", "why"}
	sizeRe          = regexp.MustCompile(`^(\d+)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$`)
	sizeUnits       = map[string]int64{"": 1, "B": 1, "KB": 1000, "KiB": 1 << 10, "MB": 1000 * 1000, "MiB": 1 << 20, "GB": 1000 * 1000 * 1000, "GiB": 1 << 30}
)

func (l *loader) app(file string, doc *yaml.Node) {
	a := &spec.App{File: file}
	hasName := false
	for _, e := range l.entries(doc, "app.yaml") {
		switch e.key.Value {
		case "app":
			a.Name, hasName = l.name(e.val, identRe, "app name", "app names are identifiers such as conduit")
		case "base":
			l.base(a, e.val)
		case "concepts":
			for _, n := range l.items(e.val, "`concepts`") {
				if id, ok := l.name(n, typeRe, "concept name", "concept names are capitalised, e.g. Sessioning"); ok {
					a.Concepts = append(a.Concepts, id)
				}
			}
		case "timeout":
			a.Timeout = l.duration(e.val, "`timeout`")
		case "corsMaxAge":
			a.CORSMaxAge = l.duration(e.val, "`corsMaxAge`")
		case "bodyLimit":
			a.BodyLimit = l.size(e.val)
		case "cors":
			for _, n := range l.items(e.val, "`cors`") {
				if v, ok := l.text(n, "a CORS origin"); ok {
					a.CORS = append(a.CORS, v)
				}
			}
		case "auth":
			a.Auth = l.auth(e.val)
		case "lint":
			a.Rules = l.lintRules(e.val)
		case "passthrough":
			for _, n := range l.items(e.val, "`passthrough`") {
				if p := l.passthrough(n); p != nil {
					a.Passthrough = append(a.Passthrough, p)
				}
			}
		default:
			l.unknownKey(e.key, "app.yaml", appKeys)
		}
	}
	if !hasName {
		l.diags.Errorf(l.spanOrNil(doc), rules.Schema.ID, "add `app: NAME` at the top of app.yaml", "app.yaml has no `app:` name")
	}
	l.sp.App = a
}

func (l *loader) base(a *spec.App, n *yaml.Node) {
	v, ok := l.text(n, "`base`")
	if !ok {
		return
	}
	if !strings.HasPrefix(v, "/") || strings.HasSuffix(v, "/") && v != "/" {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write the base path like `/api`", "`base` must start with `/` and not end with one")
		return
	}
	a.Base = spec.Ident{Name: strings.TrimSuffix(v, "/"), Span: l.src.span(n)}
}

// duration reads a positive duration, the value of key.
func (l *loader) duration(n *yaml.Node, key string) time.Duration {
	v, _ := l.text(n, key)
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write a duration such as 10s, 500ms or 1m", "`%s` is not a positive duration", v)
		return 0
	}
	return d
}

func (l *loader) size(n *yaml.Node) int64 {
	v, _ := l.text(n, "`bodyLimit`")
	m := sizeRe.FindStringSubmatch(strings.TrimSpace(v))
	if m != nil {
		if k, err := strconv.ParseInt(m[1], 10, 64); err == nil && k > 0 && k < 1<<40 {
			return k * sizeUnits[m[2]]
		}
	}
	l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write a size such as 1MiB, 512KiB or 2000000", "`%s` is not a size", v)
	return 0
}

func (l *loader) auth(n *yaml.Node) *spec.Auth {
	a := &spec.Auth{}
	for _, e := range l.entries(n, "`auth`") {
		switch e.key.Value {
		case "header":
			a.Header, _ = l.text(e.val, "`header`")
		case "scheme":
			a.Scheme, _ = l.text(e.val, "`scheme`")
		case "as":
			a.As, _ = l.name(e.val, identRe, "request input name", "")
		default:
			l.unknownKey(e.key, "`auth`", authKeys)
		}
	}
	if a.Header == "" || a.As.Name == "" {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write `auth: { header: Authorization, scheme: Token, as: token }`",
			"`auth` needs `header` and `as`")
		return nil
	}
	return a
}

// lintRules reads `lint: { rules: { RULE: error|warning|info|off } }`:
// rules whose diagnostics the app wants at another severity, or not at
// all. Only the rules that judge the app's design may change (see
// rules.Rule.Adjustable); the others stop the app from running.
func (l *loader) lintRules(n *yaml.Node) map[string]spec.RuleLevel {
	out := map[string]spec.RuleLevel{}
	for _, e := range l.entries(n, "`lint`") {
		if e.key.Value != "rules" {
			l.unknownKey(e.key, "`lint`", lintKeys)
			continue
		}
		for _, r := range l.entries(e.val, "`lint.rules`") {
			rule, ok := rules.Lookup(r.key.Value)
			switch {
			case !ok:
				l.diags.Errorf(l.src.span(r.key), rules.Schema.ID, diag.DidYouMean(r.key.Value, rules.IDs()), "no rule `%s`", r.key.Value)
				continue
			case !rule.Adjustable:
				l.diags.Errorf(l.src.span(r.key), rules.Schema.ID, "fix what it reports: an app with it does not run",
					"rule `%s` cannot be changed", rule.ID)
				continue
			}
			level, _ := l.text(r.val, "a rule's level")
			sev, ok := lintLevels[level]
			if !ok {
				l.diags.Errorf(l.src.span(r.val), rules.Schema.ID, "write error, warning, info or off", "`%s` is not a level", level)
				continue
			}
			out[rule.ID] = spec.RuleLevel{Severity: sev, Span: l.src.span(r.key)}
		}
	}
	return out
}

func (l *loader) passthrough(n *yaml.Node) *spec.Passthrough {
	p := &spec.Passthrough{}
	var route *yaml.Node
	for _, e := range l.entries(n, "a passthrough route") {
		switch e.key.Value {
		case "route":
			route = e.val
			p.Route, _ = l.name(e.val, func(s string) bool { _, _, ok := splitPattern(s); return ok }, "route", "a passthrough route names `Concept.action`")
		case "why":
			p.Why, _ = l.text(e.val, "`why`")
		default:
			l.unknownKey(e.key, "a passthrough route", passthroughKeys)
		}
	}
	if route == nil || p.Route.Name == "" {
		if route == nil {
			l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write `- route: Concept.action` with `why: reason`", "a passthrough entry needs `route`")
		}
		return nil
	}
	concept, action, _ := splitPattern(p.Route.Name)
	p.Concept = l.sub(route, 0, len(concept), concept)
	p.Action = l.sub(route, len(concept)+1, len(concept)+1+len(action), action)
	return p
}

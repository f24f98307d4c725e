// Package check runs the static checks of DESIGN §4 over a loaded app:
// names resolve, patterns fit signatures, every variable read is bound,
// literals and expressions are well typed.
package check

import (
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/expr-lang/expr/conf"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// Check runs every check over sp and returns the problems found. It
// annotates sp with what it resolves, for the stages after it: each
// pattern's action (Pattern.Target), each variable's slot and type
// (Sync.Vars, Term.Var), each expression's tree and the variables it
// reads, and the app's routes (Spec.Routes).
func Check(sp *spec.Spec) diag.List {
	c := newChecker(sp)
	c.checkConcepts()
	c.syncRoutes()
	c.checkApp()
	c.checkSyncs()
	c.checkScenarios()
	return c.diags
}

// checker holds the indexes the checks share.
type checker struct {
	sp       *spec.Spec
	diags    diag.List
	concepts map[string]*spec.Concept
	listed   map[string]bool // concepts named in app.yaml; nil without one
	base     string
	outputs  map[string][]string // output name -> "Concept.action" that return it
	exprConf *conf.Config        // shared by the expressions one goroutine checks
	unread   map[string]bool     // concepts whose spec file could not be parsed
}

func newChecker(sp *spec.Spec) *checker {
	c := &checker{sp: sp, concepts: map[string]*spec.Concept{}, outputs: map[string][]string{}, unread: map[string]bool{}}
	for _, f := range sp.Unread {
		if name, ok := strings.CutSuffix(path.Base(f), ".concept.yaml"); ok {
			c.unread[name] = true
		}
	}
	for _, k := range sp.Concepts {
		if prev, dup := c.concepts[k.Name.Name]; dup {
			c.diags.Errorf(k.Name.Span, rules.Duplicate.ID, "rename one of them, or delete the copy",
				"concept `%s` is already specified in %s", k.Name.Name, prev.File)
			continue
		}
		c.concepts[k.Name.Name] = k
		c.indexOutputs(k)
	}
	if sp.App != nil {
		c.base = sp.App.Base.Name
		c.listed = map[string]bool{}
		for _, id := range sp.App.Concepts {
			c.listed[id.Name] = true
		}
	}
	return c
}

// indexOutputs remembers which actions and queries return each name, so an
// unbound variable's hint can say where it could come from.
func (c *checker) indexOutputs(k *spec.Concept) {
	for _, a := range k.Members() {
		for _, o := range a.Outs {
			for _, p := range o.Params {
				c.outputs[p.Name.Name] = append(c.outputs[p.Name.Name], k.Name.Name+"."+a.Name.Name)
			}
		}
	}
}

// conceptNames lists the known concepts, for did-you-mean.
func (c *checker) conceptNames() []string {
	names := make([]string, 0, len(c.concepts))
	for n := range c.concepts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkSyncs checks every sync. Syncs are checked independently of each
// other, so they are spread over the available cores.
func (c *checker) checkSyncs() {
	seen := map[string]*spec.Sync{}
	for _, s := range c.sp.Syncs {
		if prev, dup := seen[s.Name.Name]; dup {
			c.diags.Errorf(s.Name.Span, rules.Duplicate.ID, "give each sync its own name; traces and diagnostics refer to syncs by name",
				"sync `%s` is already defined at %s", s.Name.Name, prev.Name.Span.Pos)
		} else {
			seen[s.Name.Name] = s
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(c.sp.Syncs)/16+1)
	parts := make([]*checker, workers)
	var wg sync.WaitGroup
	for w := range workers {
		part := *c
		part.diags, part.exprConf = nil, conf.CreateNew()
		parts[w] = &part
		wg.Go(func() {
			for i := w; i < len(c.sp.Syncs); i += workers {
				part.checkSync(c.sp.Syncs[i])
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		c.diags = append(c.diags, p.diags...)
	}
}

// memberNames lists k's actions and queries, for did-you-mean.
func memberNames(k *spec.Concept) []string {
	var out []string
	for _, a := range k.Members() {
		out = append(out, a.Name.Name)
	}
	return out
}

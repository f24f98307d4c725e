package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/engine/analysis"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/explain"
	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
)

// Coverage is what a run's scenarios reached of an app: the syncs that
// fired in some flow, and the cases of each route's flow that the flow
// analysis enumerates (its happy path, each action's error, each lookup
// of the request finding nothing) that some flow was in.
type Coverage struct {
	Syncs, SyncsFired    int
	Cases, CasesReached  int
	NotFired, NotReached []Uncovered
}

// Uncovered is a sync no scenario fired, or a case none reached.
type Uncovered struct {
	At   diag.Span
	What string
}

// Percent is the lower of the two coverages, in percent: of the syncs
// fired, and of the cases reached. An app with neither is covered.
func (c *Coverage) Percent() float64 {
	return min(percent(c.SyncsFired, c.Syncs), percent(c.CasesReached, c.Cases))
}

// percent is part of whole in percent, 100 of nothing.
func percent(part, whole int) float64 {
	if whole == 0 {
		return 100
	}
	return 100 * float64(part) / float64(whole)
}

// Cover works out what a run covered of the app sp.
func Cover(sp *spec.Spec, rep *Report) *Coverage {
	c := &Coverage{}
	var flows []Flow
	fired := map[string]bool{}
	for _, res := range rep.Results {
		for _, f := range res.Flows {
			flows = append(flows, f)
			for _, name := range syncsOf(f.Trace) {
				fired[name] = true
			}
		}
	}
	for _, s := range sp.Syncs {
		c.Syncs++
		if fired[s.Name.Name] {
			c.SyncsFired++
		} else {
			c.NotFired = append(c.NotFired, Uncovered{At: s.Name.Span, What: s.Name.Name})
		}
	}
	byName := map[string]*spec.Sync{}
	for _, s := range sp.Syncs {
		byName[s.Name.Name] = s
	}
	cases := analysis.Cases(sp)
	lookups := map[*spec.Route][]*spec.Query{} // the queries of each route's lookups
	for _, k := range cases {
		lookups[k.Route] = append(lookups[k.Route], k.Lookups...)
	}
	for _, k := range cases {
		c.Cases++
		if slices.ContainsFunc(flows, func(f Flow) bool { return reached(k, f, byName, lookups[k.Route]) }) {
			c.CasesReached++
		} else {
			c.NotReached = append(c.NotReached, Uncovered{At: k.At, What: k.Route.String() + " " + k.Label})
		}
	}
	return c
}

// syncsOf lists the syncs that invoked something in a flow.
func syncsOf(f *trace.Flow) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, rec := range f.Records {
		if rec.Cause != nil {
			out = append(out, rec.Cause.Sync)
		}
	}
	return out
}

// reached reports whether a flow was in a case: on the case's route,
// the action that fails returned its error, or the lookup found no row
// at one of its queries; the happy path answered with neither, at none
// of the route's lookups.
func reached(k analysis.Case, f Flow, syncs map[string]*spec.Sync, lookups []*spec.Query) bool {
	if f.Route != k.Route || f.Trace == nil {
		return false
	}
	emptyAt := func(qs []*spec.Query) bool {
		return slices.ContainsFunc(f.Events, func(e flow.Event) bool { return e.Empty && slices.Contains(qs, queryOf(e, syncs)) })
	}
	switch k.Kind {
	case analysis.Failing:
		return failed(f.Trace, k.Key)
	case analysis.Empty:
		return emptyAt(k.Lookups)
	}
	return explain.Answered(f.Trace) && !failed(f.Trace, "") && !emptyAt(lookups)
}

// queryOf returns the where query an event happened at, or nil.
func queryOf(e flow.Event, syncs map[string]*spec.Sync) *spec.Query {
	s := syncs[e.Sync]
	if s == nil || e.Step >= len(s.Where) {
		return nil
	}
	q, _ := s.Where[e.Step].(*spec.Query)
	return q
}

// failed reports whether an action of the flow (key, or any when "")
// returned its error.
func failed(f *trace.Flow, key string) bool {
	return slices.ContainsFunc(f.Records, func(r *trace.Record) bool {
		return r.Output["error"] != nil && (key == "" || r.Concept+"."+r.Action == key)
	})
}

// writeText writes the coverage, then what it did not reach, each at
// its file:line.
func (c *Coverage) writeText(b *strings.Builder) {
	fmt.Fprintf(b, "coverage: %d of %d syncs fired (%.1f%%), %d of %d cases reached (%.1f%%)\n",
		c.SyncsFired, c.Syncs, percent(c.SyncsFired, c.Syncs), c.CasesReached, c.Cases, percent(c.CasesReached, c.Cases))
	for _, part := range []struct {
		title string
		list  []Uncovered
	}{{"syncs no scenario fired", c.NotFired}, {"cases no scenario reached", c.NotReached}} {
		if len(part.list) == 0 {
			continue
		}
		b.WriteString("  " + part.title + ":\n")
		for _, u := range part.list {
			fmt.Fprintf(b, "    %s: %s\n", u.At.Pos, u.What)
		}
	}
}

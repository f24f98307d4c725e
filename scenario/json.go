package scenario

// JSONReport is a run's report as `legible test --format json` writes it
// and the assistant's run_scenarios tool (legible mcp) returns it: the
// counts, each scenario, and the coverage when asked for.
type JSONReport struct {
	Scenarios int           `json:"scenarios" jsonschema:"how many scenarios ran"`
	Passed    int           `json:"passed" jsonschema:"how many passed"`
	Failed    int           `json:"failed" jsonschema:"how many failed"`
	Requests  int           `json:"requests" jsonschema:"how many requests they sent"`
	Seconds   float64       `json:"seconds" jsonschema:"how long the run took"`
	Results   []JSONResult  `json:"results" jsonschema:"each scenario, in the order written"`
	Coverage  *JSONCoverage `json:"coverage,omitempty" jsonschema:"what the scenarios reached, when asked for"`
}

// JSONResult is one scenario in a JSONReport.
type JSONResult struct {
	Name    string       `json:"name" jsonschema:"the scenario's name; a concept's own is named Concept: name"`
	File    string       `json:"file" jsonschema:"the file it is written in"`
	Line    int          `json:"line" jsonschema:"the line of its name"`
	Passed  bool         `json:"passed"`
	Seconds float64      `json:"seconds"`
	Failure *JSONFailure `json:"failure,omitempty" jsonschema:"the first step that did not hold, when it failed"`
}

// JSONFailure is a failed scenario's first step that did not hold, in a
// JSONReport.
type JSONFailure struct {
	File    string   `json:"file" jsonschema:"where the expectation that did not hold is written"`
	Line    int      `json:"line"`
	Column  int      `json:"column"`
	Message string   `json:"message" jsonschema:"what did not hold"`
	Details []string `json:"details,omitempty" jsonschema:"each mismatch: where, want …, got …"`
	Status  int      `json:"status,omitempty" jsonschema:"the reply's status, for a request step"`
	Body    string   `json:"body,omitempty" jsonschema:"what came back: the reply's body, or the call's outcome"`
	Flow    string   `json:"flow,omitempty" jsonschema:"the id of the request's flow"`
	Why     []string `json:"why,omitempty" jsonschema:"when no sync answered: the syncs of the route that came closest, and what stopped each"`
}

// JSONCoverage is the coverage in a JSONReport.
type JSONCoverage struct {
	Syncs        int             `json:"syncs" jsonschema:"the app's syncs"`
	SyncsFired   int             `json:"syncsFired" jsonschema:"those that fired in some scenario"`
	Cases        int             `json:"cases" jsonschema:"the cases of the routes' flows the analysis finds (happy path, each action's error, each lookup finding nothing)"`
	CasesReached int             `json:"casesReached" jsonschema:"those some scenario reached"`
	Percent      float64         `json:"percent" jsonschema:"the lower of the two, in percent"`
	NotFired     []JSONUncovered `json:"notFired" jsonschema:"the syncs no scenario fired"`
	NotReached   []JSONUncovered `json:"notReached" jsonschema:"the cases no scenario reached"`
}

// JSONUncovered is a sync not fired or a case not reached, in a
// JSONReport.
type JSONUncovered struct {
	File string `json:"file"`
	Line int    `json:"line"`
	What string `json:"what"`
}

// JSON returns the report in its JSON form, with the coverage when cov
// is not nil.
func (r *Report) JSON(cov *Coverage) *JSONReport {
	out := &JSONReport{Scenarios: len(r.Results), Failed: r.Failed(), Requests: r.Requests(), Seconds: r.Elapsed.Seconds()}
	out.Passed = out.Scenarios - out.Failed
	out.Results = []JSONResult{}
	for _, res := range r.Results {
		pos := res.Scenario.Name.Span.Pos
		jr := JSONResult{Name: res.Name, File: pos.File, Line: pos.Line, Passed: res.Failure == nil, Seconds: res.Elapsed.Seconds()}
		if f := res.Failure; f != nil {
			jr.Failure = &JSONFailure{File: f.At.File, Line: f.At.Line, Column: f.At.Col, Message: f.Message,
				Details: f.Details, Status: f.Status, Body: f.Body, Why: f.Why}
			if f.Flow != nil {
				jr.Failure.Flow = f.Flow.ID
			}
		}
		out.Results = append(out.Results, jr)
	}
	if cov != nil {
		out.Coverage = cov.json()
	}
	return out
}

// json is the coverage as a JSONReport holds it.
func (c *Coverage) json() *JSONCoverage {
	list := func(us []Uncovered) []JSONUncovered {
		out := []JSONUncovered{}
		for _, u := range us {
			out = append(out, JSONUncovered{File: u.At.File, Line: u.At.Line, What: u.What})
		}
		return out
	}
	return &JSONCoverage{Syncs: c.Syncs, SyncsFired: c.SyncsFired, Cases: c.Cases, CasesReached: c.CasesReached,
		Percent: c.Percent(), NotFired: list(c.NotFired), NotReached: list(c.NotReached)}
}

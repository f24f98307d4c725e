package likert

import (
	"context"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// each runs f on a fresh concept on each backend.
func each(t *testing.T, f func(t *testing.T, l *Likert, c *concepts.Concept)) {
	t.Helper()
	storagetest.EachConcept(t, New, f)
}

// call runs an action or query that must not fail; it is storagetest's.
var call = storagetest.Call

// succeed runs an action that must succeed and returns its output key.
func succeed(t *testing.T, c *concepts.Concept, name string, in map[string]any, key string) string {
	t.Helper()
	res := call(t, c, name, in)
	out, ok := res.Out[key].(string)
	if res.IsError() || !ok || out == "" {
		t.Fatalf("%s %v: %+v, want a %s", name, in, res, key)
	}
	return out
}

// fail runs an action that must end in a concept error mentioning want.
func fail(t *testing.T, c *concepts.Concept, name string, in map[string]any, want string) {
	t.Helper()
	res := call(t, c, name, in)
	if !res.IsError() || !strings.Contains(res.Err, want) {
		t.Fatalf("%s %v: %+v, want an error mentioning %q", name, in, res, want)
	}
}

// survey creates a survey on the scale 1 to 5 with one question, and
// returns the ids of both.
func survey(t *testing.T, c *concepts.Concept) (string, string) {
	t.Helper()
	s := succeed(t, c, "createSurvey", map[string]any{"author": "a1", "title": "Lunch", "scaleMin": 1.0, "scaleMax": 5.0}, "survey")
	q := succeed(t, c, "addQuestion", map[string]any{"survey": s, "text": "Was it warm?"}, "question")
	return s, q
}

// answer is the input of submitResponse and updateResponse.
func answer(respondent, question string, value float64) map[string]any {
	return map[string]any{"respondent": respondent, "question": question, "value": value}
}

// rows runs a query that must not fail and returns its rows.
func rows(t *testing.T, c *concepts.Concept, name, survey string) []map[string]any {
	t.Helper()
	return call(t, c, name, map[string]any{"survey": survey}).Rows
}

// wantResponses checks that the concept keeps n responses.
func wantResponses(t *testing.T, l *Likert, n int64) {
	t.Helper()
	if got, err := l.responses.Count(context.Background(), storage.Query{}); got != n || err != nil {
		t.Fatalf("%d responses (%v), want %d", got, err, n)
	}
}

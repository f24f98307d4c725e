package likert

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// openDB starts the embedded database in a temporary directory.
func openDB(t *testing.T) *mongo.Database {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, storage.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(ctx); err != nil {
			t.Error(err)
		}
	})
	return st.Database()
}

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Likert, *concepts.Concept) {
	t.Helper()
	l := New(openDB(t))
	if err := l.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
	return l, l.Concept()
}

// call runs an action or query through its handler, failing the test on a
// failure; it returns the result, a concept error included.
func call(t *testing.T, c *concepts.Concept, name string, in map[string]any) concepts.Result {
	t.Helper()
	h, ok := c.Handler(name)
	if !ok {
		t.Fatalf("no action or query %s", name)
	}
	res, err := h.Call(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

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
	if !res.IsError() || !contains(res.Err, want) {
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

package likert

import (
	"reflect"
	"strings"
	"testing"

	"legible/concepts"
)

// contains reports whether s contains sub.
func contains(s, sub string) bool { return strings.Contains(s, sub) }

// rows runs a query that must not fail and returns its rows.
func rows(t *testing.T, c *concepts.Concept, name, survey string) []map[string]any {
	t.Helper()
	return call(t, c, name, map[string]any{"survey": survey}).Rows
}

func TestPrinciple(t *testing.T) {
	_, c := setup(t)
	s, q1 := survey(t, c)
	q2 := succeed(t, c, "addQuestion", map[string]any{"survey": s, "text": "Was it cheap?"}, "question")
	want := []map[string]any{{"question": q1, "text": "Was it warm?"}, {"question": q2, "text": "Was it cheap?"}}
	if got := rows(t, c, "_getSurveyQuestions", s); !reflect.DeepEqual(got, want) {
		t.Fatalf("_getSurveyQuestions: %v, want %v", got, want)
	}
	r := succeed(t, c, "submitResponse", answer("r1", q1, 4), "response")
	want = []map[string]any{{"response": r, "respondent": "r1", "question": q1, "value": 4.0}}
	if got := rows(t, c, "_getSurveyResponses", s); !reflect.DeepEqual(got, want) {
		t.Fatalf("_getSurveyResponses after submitting: %v, want %v", got, want)
	}
	if got := succeed(t, c, "updateResponse", answer("r1", q1, 2), "response"); got != r {
		t.Fatalf("updateResponse named response %s, want %s", got, r)
	}
	want[0]["value"] = 2.0
	if got := rows(t, c, "_getSurveyResponses", s); !reflect.DeepEqual(got, want) {
		t.Fatalf("_getSurveyResponses after updating: %v, want %v", got, want)
	}
}

func TestCreateSurveyScale(t *testing.T) {
	_, c := setup(t)
	for _, scale := range [][2]float64{{5, 1}, {3, 3}} {
		in := map[string]any{"author": "a1", "title": "t", "scaleMin": scale[0], "scaleMax": scale[1]}
		fail(t, c, "createSurvey", in, "not below scaleMax")
	}
	in := map[string]any{"author": "a1", "title": "t", "scaleMin": -2.0, "scaleMax": 2.0}
	succeed(t, c, "createSurvey", in, "survey")
}

func TestAddQuestionUnknownSurvey(t *testing.T) {
	_, c := setup(t)
	fail(t, c, "addQuestion", map[string]any{"survey": "nope", "text": "?"}, `survey "nope" does not exist`)
	fail(t, c, "addQuestion", map[string]any{"survey": "", "text": "?"}, `survey "" does not exist`)
}

func TestSubmitResponseErrors(t *testing.T) {
	_, c := setup(t)
	_, q := survey(t, c)
	fail(t, c, "submitResponse", answer("r1", "nope", 3), `question "nope" does not exist`)
	fail(t, c, "submitResponse", answer("r1", q, 0), "outside the survey's scale")
	fail(t, c, "submitResponse", answer("r1", q, 5.5), "outside the survey's scale")
	succeed(t, c, "submitResponse", answer("r1", q, 1), "response")
	succeed(t, c, "submitResponse", answer("r2", q, 5), "response")
	fail(t, c, "submitResponse", answer("r1", q, 3), "has answered question")
}

func TestUpdateResponseErrors(t *testing.T) {
	_, c := setup(t)
	_, q := survey(t, c)
	fail(t, c, "updateResponse", answer("r1", q, 3), "no response to question")
	fail(t, c, "updateResponse", answer("r1", "nope", 3), `question "nope" does not exist`)
	succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
	fail(t, c, "updateResponse", answer("r1", q, 6), "outside the survey's scale")
	fail(t, c, "updateResponse", answer("r2", q, 3), "no response to question")
}

func TestQueriesOfUnknownSurvey(t *testing.T) {
	_, c := setup(t)
	survey(t, c)
	for _, name := range []string{"_getSurveyQuestions", "_getSurveyResponses"} {
		if got := rows(t, c, name, "nope"); len(got) != 0 {
			t.Errorf("%s of an unknown survey: %v, want no rows", name, got)
		}
	}
}

func TestResponsesStayInTheirSurvey(t *testing.T) {
	_, c := setup(t)
	s1, q1 := survey(t, c)
	s2, q2 := survey(t, c)
	succeed(t, c, "submitResponse", answer("r1", q1, 1), "response")
	succeed(t, c, "submitResponse", answer("r1", q2, 2), "response")
	for s, q := range map[string]string{s1: q1, s2: q2} {
		got := rows(t, c, "_getSurveyResponses", s)
		if len(got) != 1 || got[0]["question"] != q {
			t.Errorf("_getSurveyResponses %s: %v, want the one response to %s", s, got, q)
		}
	}
}

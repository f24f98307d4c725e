package likert

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

func TestPrinciple(t *testing.T) {
	each(t, func(t *testing.T, _ *Likert, c *concepts.Concept) {
		s, q1 := survey(t, c)
		q2 := succeed(t, c, "addQuestion", map[string]any{"survey": s, "text": "Was it cheap?"}, "question")
		want := []map[string]any{{"question": q1, "text": "Was it warm?"}, {"question": q2, "text": "Was it cheap?"}}
		if got := rows(t, c, "_getSurveyQuestions", s); !reflect.DeepEqual(got, want) {
			t.Fatalf("_getSurveyQuestions: %v, want %v", got, want)
		}
		r := succeed(t, c, "submitResponse", answer("r1", q1, 4), "response")
		if r != storage.Key("r1", q1) {
			t.Fatalf("submitResponse named response %s, want %s", r, storage.Key("r1", q1))
		}
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
	})
}

func TestCreateSurveyScale(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		for _, scale := range [][2]float64{{5, 1}, {3, 3}} {
			in := map[string]any{"author": "a1", "title": "t", "scaleMin": scale[0], "scaleMax": scale[1]}
			fail(t, c, "createSurvey", in, "not below scaleMax")
		}
		in := map[string]any{"author": "a1", "title": "t", "scaleMin": -2.0, "scaleMax": 2.0}
		s := succeed(t, c, "createSurvey", in, "survey")
		q := succeed(t, c, "addQuestion", map[string]any{"survey": s, "text": "?"}, "question")
		for _, v := range []float64{-2, -0.5, 2} {
			succeed(t, c, "submitResponse", answer(fmt.Sprint("r", v), q, v), "response")
		}
		for _, v := range []float64{-2.5, 2.1} {
			fail(t, c, "submitResponse", answer("r9", q, v), "outside the survey's scale")
		}
		wantResponses(t, l, 3)
	})
}

func TestAddQuestionUnknownSurvey(t *testing.T) {
	each(t, func(t *testing.T, _ *Likert, c *concepts.Concept) {
		fail(t, c, "addQuestion", map[string]any{"survey": "nope", "text": "?"}, `survey "nope" does not exist`)
		fail(t, c, "addQuestion", map[string]any{"survey": "", "text": "?"}, `survey "" does not exist`)
	})
}

func TestSubmitResponseErrors(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		_, q := survey(t, c)
		fail(t, c, "submitResponse", answer("r1", "nope", 3), `question "nope" does not exist`)
		fail(t, c, "submitResponse", answer("r1", "", 3), `question "" does not exist`)
		fail(t, c, "submitResponse", answer("r1", q, 0), "outside the survey's scale")
		fail(t, c, "submitResponse", answer("r1", q, 5.5), "outside the survey's scale")
		succeed(t, c, "submitResponse", answer("r1", q, 1), "response")
		succeed(t, c, "submitResponse", answer("r2", q, 5), "response")
		fail(t, c, "submitResponse", answer("r1", q, 3), "has answered question")
		wantResponses(t, l, 2)
	})
}

func TestUpdateResponseErrors(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		s, q := survey(t, c)
		fail(t, c, "updateResponse", answer("r1", q, 3), "no response to question")
		fail(t, c, "updateResponse", answer("r1", "nope", 3), `question "nope" does not exist`)
		wantResponses(t, l, 0) // a failed update stores nothing
		r := succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
		fail(t, c, "updateResponse", answer("r1", q, 6), "outside the survey's scale")
		fail(t, c, "updateResponse", answer("r2", q, 3), "no response to question")
		want := []map[string]any{{"response": r, "respondent": "r1", "question": q, "value": 3.0}}
		if got := rows(t, c, "_getSurveyResponses", s); !reflect.DeepEqual(got, want) {
			t.Fatalf("_getSurveyResponses after failed updates: %v, want %v", got, want)
		}
		wantResponses(t, l, 1)
	})
}

func TestQueriesOfUnknownSurvey(t *testing.T) {
	each(t, func(t *testing.T, _ *Likert, c *concepts.Concept) {
		_, q := survey(t, c)
		succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
		for _, name := range []string{"_getSurveyQuestions", "_getSurveyResponses"} {
			for _, s := range []string{"nope", ""} {
				if got := rows(t, c, name, s); len(got) != 0 {
					t.Errorf("%s of unknown survey %q: %v, want no rows", name, s, got)
				}
			}
		}
	})
}

func TestResponsesStayInTheirSurvey(t *testing.T) {
	each(t, func(t *testing.T, _ *Likert, c *concepts.Concept) {
		s1, q1 := survey(t, c)
		s2, q2 := survey(t, c)
		succeed(t, c, "submitResponse", answer("r1", q1, 1), "response")
		succeed(t, c, "submitResponse", answer("r1", q2, 2), "response")
		for s, q := range map[string]string{s1: q1, s2: q2} {
			got := rows(t, c, "_getSurveyResponses", s)
			if len(got) != 1 || got[0]["question"] != q {
				t.Errorf("_getSurveyResponses %s: %v, want the one response to %s", s, got, q)
			}
			if got := rows(t, c, "_getSurveyQuestions", s); len(got) != 1 || got[0]["question"] != q {
				t.Errorf("_getSurveyQuestions %s: %v, want the one question %s", s, got, q)
			}
		}
	})
}

// TestResponsesOrder checks that _getSurveyResponses lists the responses
// by question, in the order the questions were added, and then by
// respondent, whatever the order they were submitted in.
func TestResponsesOrder(t *testing.T) {
	each(t, func(t *testing.T, _ *Likert, c *concepts.Concept) {
		s, q1 := survey(t, c)
		q2 := succeed(t, c, "addQuestion", map[string]any{"survey": s, "text": "Was it cheap?"}, "question")
		submits := []struct {
			respondent, question string
		}{{"r2", q2}, {"r3", q1}, {"r1", q2}, {"r2", q1}, {"r1", q1}}
		for _, a := range submits {
			succeed(t, c, "submitResponse", answer(a.respondent, a.question, 3), "response")
		}
		want := [][2]string{{q1, "r1"}, {q1, "r2"}, {q1, "r3"}, {q2, "r1"}, {q2, "r2"}}
		got := rows(t, c, "_getSurveyResponses", s)
		if len(got) != len(want) {
			t.Fatalf("_getSurveyResponses: %v, want %d rows", got, len(want))
		}
		for i, w := range want {
			if got[i]["question"] != w[0] || got[i]["respondent"] != w[1] {
				t.Fatalf("_getSurveyResponses row %d: %v, want question %s, respondent %s; all: %v", i, got[i], w[0], w[1], got)
			}
		}
	})
}

package likert

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

func TestConcurrentSubmitsStoreOne(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		s, q := survey(t, c)
		const n = 8
		in := func(i int) map[string]any { return answer("r1", q, float64(1+i%5)) }
		if won := storagetest.Race(t, c, "submitResponse", n, in, "has answered question"); won != 1 {
			t.Fatalf("%d of %d concurrent submits of one answer succeeded, want 1", won, n)
		}
		wantResponses(t, l, 1)
		got := rows(t, c, "_getSurveyResponses", s)
		if len(got) != 1 || got[0]["response"] != storage.Key("r1", q) || got[0]["respondent"] != "r1" {
			t.Fatalf("_getSurveyResponses: %v, want r1's one response %s", got, storage.Key("r1", q))
		}
		if v, _ := got[0]["value"].(float64); v < 1 || v > 5 || v != float64(int(v)) {
			t.Fatalf("the stored value is %v, none of the submitted ones", got[0]["value"])
		}
	})
}

func TestConcurrentSubmitsOfManyRespondents(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		s, q := survey(t, c)
		const n = 8
		in := func(i int) map[string]any { return answer(fmt.Sprint("r", i), q, float64(1+i%5)) }
		if won := storagetest.Race(t, c, "submitResponse", n, in, "no loser"); won != n {
			t.Fatalf("%d of %d respondents' concurrent submits succeeded, want all", won, n)
		}
		wantResponses(t, l, n)
		got := rows(t, c, "_getSurveyResponses", s)
		if len(got) != n {
			t.Fatalf("_getSurveyResponses: %v, want %d rows", got, n)
		}
		for _, row := range got {
			var i int
			if _, err := fmt.Sscanf(row["respondent"].(string), "r%d", &i); err != nil || row["value"] != float64(1+i%5) {
				t.Errorf("response %v, want r%d's value %d", row, i, 1+i%5)
			}
		}
	})
}

// TestConcurrentUpdatesOfOneResponse races updates of one answer, each on
// its own: all succeed, and one of their values stays.
func TestConcurrentUpdatesOfOneResponse(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		s, q := survey(t, c)
		succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
		const n = 8
		values := []float64{1, 2, 4, 5}
		in := func(i int) map[string]any { return answer("r1", q, values[i%len(values)]) }
		if won := storagetest.Race(t, c, "updateResponse", n, in, "no loser"); won != n {
			t.Fatalf("%d of %d updates of one response succeeded; each replaces it, so all do", won, n)
		}
		wantResponses(t, l, 1)
		got := rows(t, c, "_getSurveyResponses", s)
		if len(got) != 1 || got[0]["response"] != storage.Key("r1", q) {
			t.Fatalf("_getSurveyResponses: %v, want r1's one response", got)
		}
		if v, _ := got[0]["value"].(float64); !slices.Contains(values, v) {
			t.Fatalf("the stored value is %v, want one of the updates' %v", got[0]["value"], values)
		}
	})
}

// TestResponseIDs checks that a response's id is the Key of its
// respondent and question: the same for submitResponse and
// updateResponse, and different for every other pair, even respondents
// that hold the separator.
func TestResponseIDs(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		s, q1 := survey(t, c)
		q2 := succeed(t, c, "addQuestion", map[string]any{"survey": s, "text": "Was it cheap?"}, "question")
		respondents := []string{"r1", "r2", "r1/" + q2, "r1%2F" + q2, "r1/", "%"}
		seen := map[string][2]string{}
		for _, r := range respondents {
			for _, q := range []string{q1, q2} {
				id := succeed(t, c, "submitResponse", answer(r, q, 3), "response")
				if id != storage.Key(r, q) {
					t.Errorf("submitResponse %q %s: response %s, want %s", r, q, id, storage.Key(r, q))
				}
				if other, ok := seen[id]; ok {
					t.Errorf("%q %s and %v share the response id %s", r, q, other, id)
				}
				seen[id] = [2]string{r, q}
				if again := succeed(t, c, "updateResponse", answer(r, q, 4), "response"); again != id {
					t.Errorf("updateResponse %q %s named response %s, want %s, which submitResponse gave", r, q, again, id)
				}
			}
		}
		wantResponses(t, l, int64(2*len(respondents)))
		got := rows(t, c, "_getSurveyResponses", s)
		if len(got) != 2*len(respondents) {
			t.Fatalf("_getSurveyResponses: %d rows, want %d: %v", len(got), 2*len(respondents), got)
		}
		for _, row := range got {
			r, q := row["respondent"].(string), row["question"].(string)
			if row["response"] != storage.Key(r, q) || row["value"] != 4.0 {
				t.Errorf("_getSurveyResponses row %v, want response %s with the updated value 4", row, storage.Key(r, q))
			}
		}
	})
}

// TestStateIsKeyedByID checks that each document is stored under the id
// its action returned, with the action's inputs.
func TestStateIsKeyedByID(t *testing.T) {
	each(t, func(t *testing.T, l *Likert, c *concepts.Concept) {
		s, q := survey(t, c)
		r := succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
		ctx := context.Background()
		sd, sFound, sErr := l.surveys.Get(ctx, s)
		if want := (surveyDoc{Author: "a1", Title: "Lunch", ScaleMin: 1, ScaleMax: 5}); !sFound || sErr != nil || sd != want {
			t.Errorf("%s %s: %+v, %v, %v; want %+v", SurveysCollection, s, sd, sFound, sErr, want)
		}
		qd, qFound, qErr := l.questions.Get(ctx, q)
		if want := (questionDoc{Survey: s, Text: "Was it warm?"}); !qFound || qErr != nil || qd != want {
			t.Errorf("%s %s: %+v, %v, %v; want %+v", QuestionsCollection, q, qd, qFound, qErr, want)
		}
		rd, rFound, rErr := l.responses.Get(ctx, r)
		if want := (responseDoc{Respondent: "r1", Question: q, Survey: s, Value: 3}); !rFound || rErr != nil || rd != want {
			t.Errorf("%s %s: %+v, %v, %v; want %+v", ResponsesCollection, r, rd, rFound, rErr, want)
		}
		for name, coll := range map[string]interface {
			Count(context.Context, storage.Query) (int64, error)
		}{SurveysCollection: l.surveys, QuestionsCollection: l.questions, ResponsesCollection: l.responses} {
			if n, err := coll.Count(ctx, storage.Query{}); n != 1 || err != nil {
				t.Errorf("%s holds %d documents (%v), want 1", name, n, err)
			}
		}
	})
}

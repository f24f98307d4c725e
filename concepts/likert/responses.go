package likert

import (
	"context"
	"errors"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// SubmitResponse records the respondent's answer to the question. A
// question that does not exist, a value outside its survey's scale, and a
// second answer of the respondent to the question are concept errors.
func (l *Likert) SubmitResponse(ctx context.Context, in ResponseIn) (ResponseOut, error) {
	q, err := l.answerable(ctx, in)
	if err != nil {
		return ResponseOut{}, err
	}
	id := storage.Key(in.Respondent, in.Question)
	doc := responseDoc{Respondent: in.Respondent, Question: in.Question, Survey: q.Survey, Value: in.Value}
	err = l.responses.Insert(ctx, id, doc)
	if errors.Is(err, storage.ErrTaken) {
		return ResponseOut{}, concepts.Errorf("respondent %q has answered question %q already; "+
			"change the answer with updateResponse", in.Respondent, in.Question)
	}
	return ResponseOut{Response: id}, err
}

// UpdateResponse changes the respondent's answer to the question. A
// question that does not exist, a value outside its survey's scale, and a
// respondent who has not answered the question are concept errors.
func (l *Likert) UpdateResponse(ctx context.Context, in ResponseIn) (ResponseOut, error) {
	if _, err := l.answerable(ctx, in); err != nil {
		return ResponseOut{}, err
	}
	id := storage.Key(in.Respondent, in.Question)
	doc, err := mustGet(ctx, l.responses, id, concepts.Errorf("respondent %q has no response to question %q to update; "+
		"answer it with submitResponse first", in.Respondent, in.Question))
	if err != nil {
		return ResponseOut{}, err
	}
	doc.Value = in.Value
	return ResponseOut{Response: id}, l.responses.Put(ctx, id, doc)
}

// answerable returns the question of a response, after checking that it
// exists and that the value is on its survey's scale.
func (l *Likert) answerable(ctx context.Context, in ResponseIn) (questionDoc, error) {
	q, err := mustGet(ctx, l.questions, in.Question,
		concepts.Errorf("question %q does not exist; add it to a survey with addQuestion first", in.Question))
	if err != nil {
		return q, err
	}
	s, err := mustGet(ctx, l.surveys, q.Survey,
		concepts.Errorf("question %q belongs to survey %q, which does not exist", in.Question, q.Survey))
	if err != nil {
		return q, err
	}
	if in.Value < s.ScaleMin || in.Value > s.ScaleMax {
		return q, concepts.Errorf("value %v is outside the survey's scale; give a value from %v to %v",
			in.Value, s.ScaleMin, s.ScaleMax)
	}
	return q, nil
}

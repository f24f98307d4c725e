package likert

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/concepts"
	"legible/storage"
)

// SubmitResponse records the respondent's answer to the question. A
// question that does not exist, a value outside its survey's scale, and a
// second answer of the respondent to the question are concept errors.
func (l *Likert) SubmitResponse(ctx context.Context, in ResponseIn) (ResponseOut, error) {
	q, err := l.answerable(ctx, in)
	if err != nil {
		return ResponseOut{}, err
	}
	doc := responseDoc{
		ID:         responseID(in.Respondent, in.Question),
		Respondent: in.Respondent,
		Question:   in.Question,
		Survey:     q.Survey,
		Value:      in.Value,
	}
	err = insert(ctx, l.responses, doc)
	switch {
	case storage.IsDuplicate(err):
		return ResponseOut{}, concepts.Errorf("respondent %q has answered question %q already; "+
			"change the answer with updateResponse", in.Respondent, in.Question)
	case err != nil:
		return ResponseOut{}, writeError(l.responses, err)
	}
	return ResponseOut{Response: doc.ID}, nil
}

// UpdateResponse changes the respondent's answer to the question. A
// question that does not exist, a value outside its survey's scale, and a
// respondent who has not answered the question are concept errors.
func (l *Likert) UpdateResponse(ctx context.Context, in ResponseIn) (ResponseOut, error) {
	if _, err := l.answerable(ctx, in); err != nil {
		return ResponseOut{}, err
	}
	id := responseID(in.Respondent, in.Question)
	set := bson.D{{Key: "$set", Value: bson.D{{Key: "value", Value: in.Value}}}}
	res, err := l.responses.UpdateOne(ctx, storage.ByID(id), set)
	switch {
	case err != nil:
		return ResponseOut{}, writeError(l.responses, err)
	case res.MatchedCount == 0:
		return ResponseOut{}, concepts.Errorf("respondent %q has no response to question %q to update; "+
			"answer it with submitResponse first", in.Respondent, in.Question)
	}
	return ResponseOut{Response: id}, nil
}

// answerable returns the question of a response, after checking that it
// exists and that the value is on its survey's scale.
func (l *Likert) answerable(ctx context.Context, in ResponseIn) (questionDoc, error) {
	var q questionDoc
	err := mustFind(ctx, l.questions, in.Question, &q,
		concepts.Errorf("question %q does not exist; add it to a survey with addQuestion first", in.Question))
	if err != nil {
		return q, err
	}
	var s surveyDoc
	err = mustFind(ctx, l.surveys, q.Survey, &s,
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

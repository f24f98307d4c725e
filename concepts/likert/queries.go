package likert

import (
	"context"

	"github.com/legible/legible/storage"
)

// GetSurveyQuestions returns the questions of the survey, in the order
// they were added; none for a survey that does not exist.
func (l *Likert) GetSurveyQuestions(ctx context.Context, in SurveyIO) ([]QuestionRow, error) {
	docs, err := l.questions.Find(ctx, storage.Where(storage.Eq("survey", in.Survey)))
	if err != nil {
		return nil, err
	}
	rows := make([]QuestionRow, len(docs))
	for i, d := range docs {
		rows[i] = QuestionRow{Question: d.ID, Text: d.Value.Text}
	}
	return rows, nil
}

// GetSurveyResponses returns the responses to the survey's questions, by
// question and then respondent; none for a survey that does not exist.
func (l *Likert) GetSurveyResponses(ctx context.Context, in SurveyIO) ([]ResponseRow, error) {
	docs, err := l.responses.Find(ctx, storage.Query{Where: []storage.Cond{storage.Eq("survey", in.Survey)},
		Sort: []storage.Order{storage.Asc("question"), storage.Asc("respondent")}})
	if err != nil {
		return nil, err
	}
	rows := make([]ResponseRow, len(docs))
	for i, d := range docs {
		v := d.Value
		rows[i] = ResponseRow{Response: d.ID, Respondent: v.Respondent, Question: v.Question, Value: v.Value}
	}
	return rows, nil
}

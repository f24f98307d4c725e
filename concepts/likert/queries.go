package likert

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// GetSurveyQuestions returns the questions of the survey, in the order
// they were added; none for a survey that does not exist.
func (l *Likert) GetSurveyQuestions(ctx context.Context, in SurveyIO) ([]QuestionRow, error) {
	docs, err := findAll[questionDoc](ctx, l.questions, "survey", in.Survey, bson.D{{Key: "_id", Value: 1}})
	if err != nil {
		return nil, err
	}
	rows := make([]QuestionRow, len(docs))
	for i, d := range docs {
		rows[i] = QuestionRow{Question: d.ID, Text: d.Text}
	}
	return rows, nil
}

// GetSurveyResponses returns the responses to the survey's questions, by
// question and then respondent; none for a survey that does not exist.
func (l *Likert) GetSurveyResponses(ctx context.Context, in SurveyIO) ([]ResponseRow, error) {
	sort := bson.D{{Key: "question", Value: 1}, {Key: "respondent", Value: 1}}
	docs, err := findAll[responseDoc](ctx, l.responses, "survey", in.Survey, sort)
	if err != nil {
		return nil, err
	}
	rows := make([]ResponseRow, len(docs))
	for i, d := range docs {
		rows[i] = ResponseRow{Response: d.ID, Respondent: d.Respondent, Question: d.Question, Value: d.Value}
	}
	return rows, nil
}

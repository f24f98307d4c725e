package likert

import (
	"context"

	"github.com/legible/legible/concepts"
)

// CreateSurvey creates a survey with no questions, whose answers range
// from scaleMin to scaleMax. A scale whose minimum is not below its
// maximum is a concept error.
func (l *Likert) CreateSurvey(ctx context.Context, in CreateSurveyIn) (SurveyIO, error) {
	if in.ScaleMin >= in.ScaleMax {
		return SurveyIO{}, concepts.Errorf("scaleMin %v is not below scaleMax %v; give a scale such as 1 to 5",
			in.ScaleMin, in.ScaleMax)
	}
	id, err := newID()
	if err != nil {
		return SurveyIO{}, err
	}
	return SurveyIO{Survey: id}, l.surveys.Insert(ctx, id, surveyDoc(in))
}

// AddQuestion adds a question with the text to the survey. A survey that
// does not exist is a concept error.
func (l *Likert) AddQuestion(ctx context.Context, in AddQuestionIn) (QuestionOut, error) {
	_, err := mustGet(ctx, l.surveys, in.Survey,
		concepts.Errorf("survey %q does not exist; create it with createSurvey first", in.Survey))
	if err != nil {
		return QuestionOut{}, err
	}
	id, err := newID()
	if err != nil {
		return QuestionOut{}, err
	}
	return QuestionOut{Question: id}, l.questions.Insert(ctx, id, questionDoc(in))
}
